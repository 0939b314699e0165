// Gunzip that keeps what it decompressed. zlib's own Gunzip reads every gzip member of a file,
// but when bytes that are not gzip follow the last member (a log appended to the .gz, a web
// page saved over it), it fails with "incorrect header check" and drops the output of the chunk
// it was working on: for a small file, every line. Here each member's header and trailer are
// read in JavaScript and only its deflate data goes through zlib (InflateRaw, which stops at the
// end of its data), so trailing bytes are counted and reported, and everything before them kept.
// The checks are gzip's own: header, CRC-32 and length of each member; zero bytes after the data
// are padding, as gzip treats them.
import * as zlib from 'node:zlib';
import type { GunzipOptions } from '../../read/pipeline.js';

/** A gzip header with extra fields, a name and a comment fits in this; more is no real header. */
const MAX_HEADER = 64 * 1024;

function zError(message: string): Error {
  return Object.assign(new Error(message), { code: 'Z_DATA_ERROR', errno: zlib.constants.Z_DATA_ERROR });
}

/** The length of the gzip header at the start of `b`, 0 when more bytes are needed; throws when it is none. */
function headerLength(b: Buffer): number {
  if (b.length >= 1 && b[0] !== 0x1f) throw zError('incorrect header check');
  if (b.length >= 2 && b[1] !== 0x8b) throw zError('incorrect header check');
  if (b.length >= 3 && b[2] !== 8) throw zError('unknown compression method');
  if (b.length >= 4 && (b[3] & 0xe0) !== 0) throw zError('unknown header flags set');
  if (b.length < 10) return 0;
  const flags = b[3];
  let p = 10;
  if (flags & 4) {
    if (b.length < p + 2) return 0;
    p += 2 + b.readUInt16LE(p);
    if (b.length < p) return 0;
  }
  for (const bit of [8, 16]) {
    if (!(flags & bit)) continue;
    const z = b.indexOf(0, p);
    if (z === -1) return 0;
    p = z + 1;
  }
  if (flags & 2) p += 2;
  return b.length < p ? 0 : p;
}

const crc32: ((data: Uint8Array, value?: number) => number) | undefined = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

/**
 * The inflated bytes of gzip data, member after member; errors come out as zlib's (with their
 * `code`, Z_DATA_ERROR or Z_BUF_ERROR for data cut short).
 */
export async function* gunzipMembers(source: AsyncIterable<Uint8Array>, o: GunzipOptions): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  /** Input not yet given to a member's inflater: a header, a trailer, what follows them. */
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const r = await it.next();
    if (r.done) {
      ended = true;
      return false;
    }
    // A sniffed head comes as a plain Uint8Array: Buffer's readers are needed on it.
    const v = r.value;
    const b = Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    pending = pending.length === 0 ? b : Buffer.concat([pending, b]);
    return true;
  };
  try {
    for (let member = 0; ; member++) {
      // Between members: zero padding, the next member, or what is not gzip.
      if (member > 0) {
        for (;;) {
          let i = 0;
          while (i < pending.length && pending[i] === 0) i++;
          pending = pending.subarray(i);
          if (pending.length > 0 || !(await more())) break;
        }
        if (pending.length === 0) return;
        if (pending[0] !== 0x1f || (pending.length > 1 && pending[1] !== 0x8b)) {
          let garbage = pending.length;
          pending = Buffer.alloc(0);
          // Counted, not kept: the rest of the input is read only to say how much it was.
          while (await more()) {
            garbage += pending.length;
            pending = Buffer.alloc(0);
          }
          o.onTrailing?.(garbage);
          return;
        }
      }
      let h = 0;
      while ((h = headerLength(pending)) === 0) {
        if (pending.length > MAX_HEADER) throw zError('invalid gzip header');
        if (!(await more())) throw Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR', errno: zlib.constants.Z_BUF_ERROR });
      }
      pending = pending.subarray(h);
      // The member's deflate data, to its end; what InflateRaw did not consume is the trailer on.
      const raw = zlib.createInflateRaw({ chunkSize: o.chunkSize });
      let crc = 0;
      let size = 0;
      let fed = 0;
      for (;;) {
        const chunk = pending.length > 0 ? pending : (await more()) ? pending : undefined;
        pending = Buffer.alloc(0);
        if (chunk === undefined) {
          // The input ended inside the deflate data, or right at its end.
          for await (const out of drain(raw, undefined)) {
            if (crc32) crc = crc32(out, crc);
            size += out.length;
            yield out;
          }
          break;
        }
        for await (const out of drain(raw, chunk)) {
          if (crc32) crc = crc32(out, crc);
          size += out.length;
          yield out;
        }
        fed += chunk.length;
        if (raw.bytesWritten < fed) {
          // The data ended inside this chunk: its unconsumed tail is the trailer and beyond.
          pending = chunk.subarray(chunk.length - (fed - raw.bytesWritten));
          break;
        }
      }
      raw.destroy();
      while (pending.length < 8) {
        if (!(await more())) throw Object.assign(new Error('unexpected end of file'), { code: 'Z_BUF_ERROR', errno: zlib.constants.Z_BUF_ERROR });
      }
      if (crc32 && pending.readUInt32LE(0) !== crc >>> 0) throw zError('incorrect data check');
      if (pending.readUInt32LE(4) !== size % 2 ** 32) throw zError('incorrect length check');
      pending = pending.subarray(8);
    }
  } finally {
    await it.return?.();
  }
}

/**
 * Gives `chunk` (or, undefined, the end of input) to the inflater and yields its output until it
 * has taken all of it, reading as it goes so that zlib's own backpressure bounds what is held.
 */
async function* drain(raw: zlib.InflateRaw, chunk: Buffer | undefined): AsyncGenerator<Buffer> {
  let done = false;
  let error: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onError = (e: Error) => {
    error = e;
    done = true;
    notify();
  };
  const onEnd = () => {
    done = true;
    notify();
  };
  raw.on('error', onError);
  raw.on('readable', notify);
  if (chunk === undefined) {
    raw.once('end', onEnd);
    raw.end();
  } else {
    raw.write(chunk, (e) => {
      if (e) error = e;
      done = true;
      notify();
    });
  }
  try {
    for (;;) {
      let out: Buffer | null;
      while ((out = raw.read() as Buffer | null) !== null) yield out;
      if (error) throw error;
      if (done) {
        // What came out between the last read and the write's end.
        while ((out = raw.read() as Buffer | null) !== null) yield out;
        if (error) throw error;
        return;
      }
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    raw.off('error', onError);
    raw.off('readable', notify);
    raw.off('end', onEnd);
  }
}
