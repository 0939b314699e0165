import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileChunks } from '../../../src/node/read/file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-chunks-'));
const file = join(dir, 'bytes');
const data = Buffer.from(Array.from({ length: 10_007 }, (_, i) => (i * 7919) % 251));
writeFileSync(file, data);

/** Copies each chunk before asking for the next, as a caller must. */
async function collect(size: number, start?: number, end?: number): Promise<{ bytes: Buffer; buffers: Set<ArrayBufferLike>; chunks: number }> {
  const parts: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  for await (const c of fileChunks(file, size, start, end)) {
    t_assert(c.length <= size);
    parts.push(Buffer.from(c));
    buffers.add(c.buffer);
  }
  return { bytes: Buffer.concat(parts), buffers, chunks: parts.length };
}
function t_assert(ok: boolean): void {
  if (!ok) throw new Error('a chunk is larger than asked');
}

test('a file is read whole or by range, in chunks of at most the size asked, through two buffers only', async (t) => {
  for (const size of [1, 333, 4096, 10_007, 65_536]) {
    const whole = await collect(size);
    t.deepEqual(whole.bytes, data, `size ${size}`);
    t.is(whole.chunks, Math.ceil(data.length / size));
    t.true(whole.buffers.size <= 2, 'the buffers are reused');
    const part = await collect(size, 100, 9_000);
    t.deepEqual(part.bytes, data.subarray(100, 9_000), `size ${size}, bytes 100-9000`);
  }
  t.is((await collect(512, 10_007)).chunks, 0, 'an empty range');
  t.deepEqual((await collect(512, 9_000, 1e9)).bytes, data.subarray(9_000), 'a range past the end stops at the end');
});

test('a file that cannot be opened fails the read with its error', async (t) => {
  await t.throwsAsync(collect(512, 0, undefined).then(() => collectMissing()), { code: 'ENOENT' });
});
async function collectMissing(): Promise<void> {
  for await (const _ of fileChunks(join(dir, 'missing'), 512)) void _;
}
