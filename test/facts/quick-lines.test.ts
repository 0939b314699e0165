import test from 'ava';
import fc from 'fast-check';
import { CaseFacts } from '../../src/facts/case-facts.js';
import { LINE_ASCII } from '../../src/parse/i2pd-line.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';
import { LineSplitter } from '../../src/read/line-splitter.js';
import { knowledge } from '../helpers/knowledge.js';

// Plain debug/info lines that no signature can match are counted without building entries
// (QuickSink). Whatever the mix of lines, the facts must be what full entries give.
function facts(text: string, quick: boolean, ascii = false) {
  const k = knowledge();
  const f = new CaseFacts(k.matcher, k.derivations);
  const stats = newSourceStats('t.log');
  const p = new LineParser(stats, (e) => f.add(e), quick ? f : undefined);
  // `ascii` as the byte splitter gives it: true only for lines without other characters.
  for (const l of text.split('\n')) p.push(l, ascii && /^[\x00-\x7f]*$/.test(l) ? LINE_ASCII : 0);
  p.end();
  return { result: f.finish(k.signatures), stats };
}

/**
 * The way files are read: bytes cut into chunks of `chunk` bytes, split by the byte splitter, whose
 * ASCII pieces without CR or ESC go to LineParser.pushClean and are read from their bytes.
 */
let cleanPieces = 0;
function facts_bytes(text: string, chunk: number) {
  const k = knowledge();
  const f = new CaseFacts(k.matcher, k.derivations);
  const stats = newSourceStats('t.log');
  const p = new LineParser(stats, (e) => f.add(e), f);
  const sp = new LineSplitter({ line: (l, flags) => p.push(l, flags), oversized: () => p.oversized(), clean: (b, t) => (cleanPieces++, p.pushClean(b, t)) });
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) sp.push(bytes.subarray(i, i + chunk));
  sp.end();
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

test('lines read from their bytes give the facts full entries give, whatever the chunking', (t) => {
  const full = facts(LOG, false);
  for (const chunk of [7, 64, 100, 1 << 20]) {
    const quick = facts_bytes(LOG, chunk);
    t.deepEqual(quick.result, full.result, `chunks of ${chunk} bytes`);
    t.deepEqual(quick.stats, full.stats, `chunks of ${chunk} bytes`);
  }
});

// Lines built from the pieces that steer the fast paths: i2pd headers with and without thread id,
// every level, modules with and without signatures in several spellings, signature literals,
// fragments, trailing blanks, non-ASCII, CR, ESC and lines that only look like a header.
const header = fc.tuple(
  fc.constantFrom('00:00:01', '12:34:56', '23:59:59', '1:2:3', '99:99:99'),
  fc.constantFrom('@1', '@423', '@9999', '', '@'),
  fc.constantFrom('/debug', '/info', '/none', '/warn', '/error', '/critical', '/debu', '/trace'),
  fc.constantFrom(' - ', ' -', ' : '),
).map((p) => p.join(''));
const modulePart = fc.constantFrom('SSU2: ', 'ssu2: ', 'NTCP2: ', 'Tunnel: ', 'Tunnels: ', 'Garlic: ', 'NetState: ', 'Win32Service: ', 'HTTP Server: ', 'A: ', ': ', 'Very Long Module Name Exceeding Limit: ', 'SSU2:x ', '9Lives: ', '');
const text = fc.oneof(
  fc.constantFrom('has been created', 'Socket send buffer size: requested = 425984, got = 212992', 'Accept error Too many open files', 'Failed to open socket on 0.0.0.0: No buffer space available', 'i2pd v2.54.0 (0.9.64) starting...', 'Network status: Firewalled', 'handled'),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(' ', '  ', '\t', '\r', '\x1b[0m', '\u00e9', '\u2028', '```', '> '),
);
const lineOf = fc.tuple(fc.option(header, { freq: 4 }), modulePart, fc.array(text, { maxLength: 3 })).map(([h, m, t]) => `${h ?? ''}${m}${t.join(' ')}`.replace(/\n/g, ' '));

test('property: reading from bytes, chunked anyhow, gives the facts of full entries', (t) => {
  fc.assert(
    fc.property(fc.array(lineOf, { maxLength: 40 }), fc.integer({ min: 1, max: 300 }), (lines, chunk) => {
      // The byte splitter strips a CR before each newline, as split2 does, and yields no line
      // after a final newline; the reference gets the same lines.
      const log = lines.join('\n');
      const refLines = log.split(/\r?\n/);
      if (refLines[refLines.length - 1] === '') refLines.pop();
      if (refLines.length === 0) return;
      const ref = facts(refLines.join('\n'), false);
      const got = facts_bytes(log, chunk);
      t.deepEqual(got.result, ref.result);
      t.deepEqual(got.stats, ref.stats);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
  );
  t.true(cleanPieces > 100, `only ${cleanPieces} pieces took the byte path`);
});

test('lines counted without entries are on the timeline as full entries put them', (t) => {
  const full = facts(LOG, false).result.timeline.report([]);
  t.true((full.levels.debug ?? []).reduce((n, x) => n + x, 0) >= 6, 'the debug lines are on the timeline');
  for (const ascii of [false, true]) t.deepEqual(facts(LOG, true, ascii).result.timeline.report([]), full);
  for (const chunk of [7, 1 << 20]) t.deepEqual(facts_bytes(LOG, chunk).result.timeline.report([]), full, `chunks of ${chunk} bytes`);
});

test('a debug line whose next line completes a signature still yields the signal', (t) => {
  const { result } = facts(LOG, true);
  t.is(result.facts.signals['tunnel.build-created'].count, 1);
  t.like(result.facts.signals['tunnel.build-created'].first, { line: 3 });
  // The SSU2 line with a U+2028 inside is a line of its own (not glued to the one above): info 3.
  t.like(result.facts.stats, { firstTime: '23:59:58', lastTime: '00:00:03', levels: { info: 3, debug: 8, error: 1, none: 1 } });
  t.deepEqual(result.facts.env.osHints, ['windows', 'linux']);
});
