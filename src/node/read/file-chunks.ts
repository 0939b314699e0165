// Reads a byte range of a file into two buffers used in turn, instead of createReadStream's fresh
// 1 MiB Buffer per read: new memory costs page faults on every read (0.3-0.38 s of kernel time per
// 200 MB, ~33 MB of RSS) and makes the first pass over it (isAscii) several times slower (issue 17).
// While one buffer is split on this thread the next read fills the other on libuv's pool, so
// reading still overlaps the parsing as the stream did.
import { open } from 'node:fs/promises';

/**
 * The bytes of `path` from `start` to `end` (exclusive; the file's end when undefined) in chunks
 * of at most `size` bytes. A chunk is only valid until the next one is asked for: the caller must
 * be done with it (and keep no view of it) before it iterates again.
 */
export async function* fileChunks(path: string | Buffer, size: number, start = 0, end = Infinity): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    const bufs = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
    /** Where the next read starts. */
    let pos = start;
    const read = (k: number): { asked: number; done: Promise<number> } => {
      const asked = Math.max(0, Math.min(size, end - pos));
      const done = asked === 0 ? Promise.resolve(0) : fh.read(bufs[k], 0, asked, pos).then((r) => r.bytesRead);
      pos += asked;
      return { asked, done };
    };
    let k = 0;
    let r = read(k);
    for (;;) {
      const n = await r.done;
      if (n === 0) return;
      if (n < r.asked) {
        // Short: read on from where it stopped, once this chunk is done with.
        pos -= r.asked - n;
        yield bufs[k].subarray(0, n);
        r = read(k);
        continue;
      }
      // Full: the other buffer fills while this one is split.
      const next = read(1 - k);
      yield n === size ? bufs[k] : bufs[k].subarray(0, n);
      k = 1 - k;
      r = next;
    }
  } finally {
    await fh.close();
  }
}
