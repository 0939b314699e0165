// The page's archive entries for the member loop (src/read/members.ts): zip with fflate's
// streaming Unzip, tar with modern-tar's decoder, both pure JavaScript.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { createTarDecoder } from 'modern-tar';
import type { ArchiveEntries, ArchiveEntry } from '../read/members.js';
import { chunksOf, streamOf } from './streams.js';
import { sourceLabel } from '../report/safe-text.js';

// Small slices keep one push's output bounded: deflate expands at most about 1,000 times.
const SLICE = 16 * 1024;

/** One zip member's bytes, queued by fflate's callbacks as the archive is pushed in. */
class Body {
  chunks: Uint8Array[] = [];
  ended = false;
  error: unknown;
  /** Read no further: what fflate still inflates for it is dropped. */
  dropped = false;
}

/**
 * fflate calls back synchronously while it is pushed bytes, so reading pulls: whoever wants the
 * next member or the next chunk of one pushes the next slice of the archive, until it has it.
 */
async function* zipEntries(bytes: Uint8Array): AsyncGenerator<ArchiveEntry> {
  let at = 0;
  const found: Array<{ file: UnzipFile; body: Body; start: number }> = [];
  let current: Body | undefined;
  let failed: unknown;
  const unzip = new Unzip((file) => found.push({ file, body: new Body(), start: at }));
  unzip.register(UnzipInflate);
  /** Pushes one slice; false once the archive is all pushed or broken. */
  const pump = (): boolean => {
    if (failed !== undefined || at >= bytes.length) {
      // A member cut short by a corrupt or truncated archive ends where its data ends.
      if (current) current.ended = true;
      return false;
    }
    const end = Math.min(at + SLICE, bytes.length);
    const slice = bytes.subarray(at, end);
    at = end;
    try {
      unzip.push(slice, end === bytes.length);
    } catch (e) {
      failed = e;
    }
    return true;
  };
  if (bytes.length === 0) unzip.push(bytes, true);
  for (;;) {
    while (found.length === 0 && pump());
    const next = found.shift();
    if (!next) break;
    const { file, body, start } = next;
    let started = false;
    const open = () => {
      if (started) return;
      started = true;
      current = body;
      file.ondata = (err, chunk, final) => {
        if (err) body.error = err;
        else if (!body.dropped && chunk.length) body.chunks.push(chunk);
        if (final || err) body.ended = true;
      };
      file.start();
    };
    yield {
      name: sourceLabel(file.name),
      type: file.name.endsWith('/') ? 'directory' : 'file',
      method: file.compression,
      encrypted: false,
      // The declared compressed size when the local header has it, else what was pushed so far.
      compressed: () => file.size || at - start,
      async *body() {
        open();
        for (;;) {
          while (body.chunks.length === 0 && !body.ended && body.error === undefined && pump());
          const chunk = body.chunks.shift();
          if (chunk) yield chunk;
          else if (body.error !== undefined) throw body.error;
          else if (body.ended || !pump()) return;
        }
      },
      skip: async () => {
        body.dropped = true;
        body.chunks = [];
        if (started && !body.ended) file.terminate();
      },
    };
    current = undefined;
  }
  if (failed !== undefined) throw failed;
}

async function* tarEntries(source: AsyncIterable<Uint8Array>): AsyncGenerator<ArchiveEntry> {
  const decoder = createTarDecoder();
  /** The input's own failure (a limit in the gzip layer around the tar): the archive reports it. */
  let failed: unknown;
  // Noted as it is thrown, before the decoder fails the member being read with it.
  async function* watched(): AsyncGenerator<Uint8Array> {
    try {
      yield* source;
    } catch (e) {
      failed ??= e;
      throw e;
    }
  }
  streamOf(watched()).pipeTo(decoder.writable).catch(() => {});
  try {
    for await (const { header, body } of chunksOf(decoder.readable)) {
      let reader: AsyncGenerator<Uint8Array> | undefined;
      yield {
        name: sourceLabel(header.name),
        type: header.type === undefined ? 'file' : header.type,
        linkname: header.linkname ? sourceLabel(header.linkname) : header.linkname === '' ? '' : undefined,
        body: () => (reader ??= chunksOf(body)),
        skip: async () => {
          if (reader) await reader.return(undefined);
          else await body.cancel();
        },
      };
    }
  } finally {
    // eslint-disable-next-line no-unsafe-finally
    if (failed !== undefined) throw failed;
  }
}

export const webEntries: ArchiveEntries = { zip: zipEntries, tar: tarEntries };
