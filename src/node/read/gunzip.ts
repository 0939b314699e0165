// Gunzip on a worker thread, for large gzip files. zlib's own asynchronous mode inflates on
// libuv's pool, but every chunk passes through this thread's event loop, which is busy parsing:
// the inflater waits for it between chunks. A worker reads the file and keeps inflating ahead on
// its own (up to AHEAD chunks), and moves its output here.
import { Readable } from 'node:stream';
import { spawnWorker } from '../spawn-worker.js';

export type FromThread = { type: 'out'; data: ArrayBuffer; compressed: number } | { type: 'end' } | { type: 'trailing'; bytes: number } | { type: 'error'; message: string; code?: string };

/** Chunks inflated ahead of the reader. */
const AHEAD = 16;

/** Compressed files at least this large are inflated off this thread; a worker costs ~30 ms to start. */
export function offThreadMinBytes(): number {
  const env = Number(process.env.I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 8 * 1024 * 1024;
}

/**
 * The inflated bytes of the gzip file at `path`, and how many compressed bytes were read so far
 * (for the decompression limits). zlib's and the file's errors come out as they would in-thread.
 */
export function gunzipFileOffThread(path: string, chunkSize: number, onTrailing?: (bytes: number) => void): { stream: Readable; compressed: () => number } {
  const w = spawnWorker('read/gunzip-thread', { workerData: { path, chunkSize, ahead: AHEAD } });
  let compressed = 0;
  /** Chunks pushed while the reader wanted no more; the thread hears of them when it reads again. */
  let held = 0;
  let done = false;
  const stream = new Readable({
    read() {
      if (held > 0) {
        w.postMessage(held);
        held = 0;
      }
    },
    destroy(e, cb) {
      done = true;
      void w.terminate();
      cb(e);
    },
  });
  w.on('message', (m: FromThread) => {
    if (m.type === 'out') {
      compressed = m.compressed;
      if (stream.push(Buffer.from(m.data))) w.postMessage(1);
      else held++;
    } else if (m.type === 'trailing') onTrailing?.(m.bytes);
    else if (m.type === 'end') {
      done = true;
      stream.push(null);
      void w.terminate();
    } else stream.destroy(Object.assign(new Error(m.message), { code: m.code }));
  });
  w.once('error', (e) => stream.destroy(e));
  w.once('exit', (code) => {
    if (!done && code !== 0) stream.destroy(new Error(`the gunzip thread stopped (exit code ${code})`));
  });
  return { stream, compressed: () => compressed };
}
