import test from 'ava';
import { CaseFacts } from '../../src/facts/case-facts.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';
import { knowledge } from '../helpers/knowledge.js';

// Plain debug/info lines that no signature can match are counted without building entries
// (QuickSink). Whatever the mix of lines, the facts must be what full entries give.
function facts(text: string, quick: boolean, ascii = false) {
  const k = knowledge();
  const f = new CaseFacts(k.matcher);
  const stats = newSourceStats('t.log');
  const p = new LineParser(stats, (e) => f.add(e), quick ? f : undefined);
  // `ascii` as the byte splitter gives it: true only for lines without other characters.
  for (const l of text.split('\n')) p.push(l, ascii && /^[\x00-\x7f]*$/.test(l));
  p.end();
  return { result: f.finish(k.signatures), stats };
}

const LOG = [
  '23:59:58@423/info - Log: Logging level set to debug',
  '23:59:58@424/debug - I2NP: Handling message with type 21',
  // A short info line and the rest of its message on the next line: joined, they match a signature.
  '23:59:59@425/info - Tunnel: Inbound tunnel 3826015619',
  'has been created',
  '23:59:59/debug - Garlic: 4 cloves',
  '23:59:59@426/debug - NetState: network changed',
  '23:59:59@427/error - SSU2: Send exception: Operation not permitted [system:1 at /usr/include/boost/asio/detail/reactive_socket_service.hpp:42] to 192.0.2.7:12345',
  '00:00:01@428/debug - NTCP2: Block type 136 of size 19262',
  '00:00:02@429/none - i2pd v2.54.0 (0.9.64) starting...',
  '00:00:02@430/debug - no module here',
  '00:00:03@431/debug - Tunnel: Outbound tunnel 77 has been created',
  '00:00:03@431/debug - Tunnel: Outbound tunnel 78 h\u0430s been created',
  '00:00:03@431/info - SSU2: Socket send buffer\u2028 size: 425984',
  '00:00:03@432/debug - Transports: Peer j0AhUujw-j0bpvjTPAB81oAnmt~R~pzn1I~gkKZN03v= connected',
  'a fragment after a debug line',
].join('\n');

test('quick counting gives the facts full entries give', (t) => {
  const full = facts(LOG, false);
  for (const ascii of [false, true]) {
    const quick = facts(LOG, true, ascii);
    t.deepEqual(quick.result, full.result);
    t.deepEqual(quick.stats, full.stats);
  }
});

test('a debug line whose next line completes a signature still yields the signal', (t) => {
  const { result } = facts(LOG, true);
  t.is(result.facts.signals['tunnel.build-created'].count, 1);
  t.like(result.facts.signals['tunnel.build-created'].first, { line: 3 });
  t.like(result.facts.stats, { firstTime: '23:59:58', lastTime: '00:00:03', levels: { info: 2, debug: 8, error: 1, none: 1 } });
  t.deepEqual(result.facts.env.osHints, ['windows', 'linux']);
});
