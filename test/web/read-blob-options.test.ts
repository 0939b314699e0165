// readBlob's options, for the page's worker: progress in bytes of the Blob read, and a signal that
// stops reading.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { pageBudget, readBlob } from '../../src/web/read-blob.js';
import { knowledge } from '../helpers/knowledge.js';

const seed = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log');
const big = Buffer.concat(Array.from({ length: 400 }, () => seed));

for (const [what, bytes] of [['a plain log', big], ['a gzipped log', gzipSync(big)]] as const) {
  test(`onBytes is told the bytes of the Blob read so far, up to its size: ${what}`, async (t) => {
    const seen: number[] = [];
    const c = new CaseAnalysis('case', knowledge());
    const blob = new Blob([new Uint8Array(bytes)]);
    await readBlob(c, 'i2pd.log', blob, pageBudget(), { onBytes: (n) => seen.push(n) });
    t.true(seen.length > 0);
    t.deepEqual([...seen].sort((a, b) => a - b), seen, 'never goes back');
    t.is(seen.at(-1), blob.size);
    t.is(c.sources[0].lines, seed.toString().split('\n').length * 400 - 400);
  });
}

test('an aborted signal stops reading: readBlob rejects with an AbortError', async (t) => {
  const c = new CaseAnalysis('case', knowledge());
  const ctl = new AbortController();
  const blob = new Blob([new Uint8Array(big)]);
  let calls = 0;
  const read = readBlob(c, 'i2pd.log', blob, pageBudget(), {
    signal: ctl.signal,
    onBytes: () => {
      if (++calls === 1) ctl.abort();
    },
  });
  const e = await t.throwsAsync(read, { any: true });
  t.is(e?.name, 'AbortError');
  t.true((c.sources[0]?.lines ?? 0) < seed.toString().split('\n').length * 400 - 400, 'not read to the end');
});

test('a signal aborted before reading starts reads nothing', async (t) => {
  const c = new CaseAnalysis('case', knowledge());
  await t.throwsAsync(readBlob(c, 'i2pd.log', new Blob([new Uint8Array(big)]), pageBudget(), { signal: AbortSignal.abort() }), { any: true, name: 'AbortError' });
});
