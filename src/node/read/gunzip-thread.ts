// The worker side of gunzipFileOffThread (gunzip.ts): reads the gzip file, inflates it and sends
// the output to the main thread, moving each buffer rather than copying it.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { FromThread } from './gunzip.js';
import { gunzipMembers } from './gunzip-members.js';

const { path, chunkSize, ahead } = workerData as { path: string; chunkSize: number; ahead: number };
const port = parentPort!;
const post = (m: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);
const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
let compressed = 0;
async function* counted(): AsyncGenerator<Buffer> {
  for await (const c of file) {
    compressed += (c as Buffer).length;
    yield c as Buffer;
  }
}
const gunzip = Readable.from(gunzipMembers(counted(), { chunkSize, onTrailing: (bytes) => post({ type: 'trailing', bytes }) }), { objectMode: false });
/** Output chunks sent and not yet taken: inflating pauses at `ahead`, so memory stays bounded. */
let unread = 0;

gunzip.on('data', (c: Buffer) => {
  // Move the chunk's memory when it owns all of it; copy the rare slice of a shared pool.
  const own = c.byteOffset === 0 && c.byteLength === c.buffer.byteLength ? (c.buffer as ArrayBuffer) : (c.buffer.slice(c.byteOffset, c.byteOffset + c.byteLength) as ArrayBuffer);
  post({ type: 'out', data: own, compressed }, [own]);
  if (++unread >= ahead) gunzip.pause();
});
gunzip.on('end', () => post({ type: 'end' }));
gunzip.on('error', (e: NodeJS.ErrnoException) => post({ type: 'error', message: e.message, code: e.code }));
port.on('message', (n: number) => {
  unread -= n;
  if (unread < ahead / 2) gunzip.resume();
});
