// The CLI's archive entries for the member loop (src/read/members.ts): zip with yauzl, tar with
// tar-stream. Both are loaded when an archive turns up: most runs read plain logs, and start-up is
// part of every run.
import type { Readable } from 'node:stream';
import type yauzl from 'yauzl';
import type { ArchiveEntries, ArchiveEntry } from '../../read/members.js';
import { sourceLabel } from '../../report/safe-text.js';

function decodeName(raw: Buffer | string, utf8: boolean): string {
  if (typeof raw === 'string') return raw;
  return raw.toString(utf8 ? 'utf8' : 'latin1');
}

/**
 * The chunks of a stream, read through its own async iterator; leaving early does not destroy it
 * (a tar entry must be drained for tar-stream to go on: `drain` does that).
 */
function reader(stream: Readable): { body: () => AsyncGenerator<Uint8Array>; drain: () => Promise<void> } {
  let it: AsyncIterator<Buffer> | undefined;
  let done = false;
  const next = async (): Promise<IteratorResult<Buffer>> => {
    if (done) return { done: true, value: undefined };
    const r = await (it ??= stream[Symbol.asyncIterator]()).next();
    if (r.done) done = true;
    return r;
  };
  return {
    async *body() {
      for (let r = await next(); !r.done; r = await next()) yield r.value;
    },
    async drain() {
      while (!(await next()).done);
    },
  };
}

async function* zipEntries(bytes: Uint8Array): AsyncGenerator<ArchiveEntry> {
  // decodeStrings: false keeps yauzl from refusing the whole archive over one `../` name: such a
  // name is shown, never used as a path.
  const { default: yauzlLib } = await import('yauzl');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzlLib.fromBuffer(buf, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const nextEntry = () =>
    new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const off = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: yauzl.Entry) => (off(), resolve(e));
      const onEnd = () => (off(), resolve(undefined));
      const onError = (e: Error) => (off(), reject(e));
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
  try {
    for (let entry = await nextEntry(); entry; entry = await nextEntry()) {
      const e = entry;
      const name = sourceLabel(decodeName(e.fileName as unknown as Buffer, (e.generalPurposeBitFlag & 0x800) !== 0));
      yield {
        name,
        type: name.endsWith('/') ? 'directory' : 'file',
        method: e.compressionMethod,
        encrypted: (e.generalPurposeBitFlag & 1) !== 0,
        compressed: () => e.compressedSize,
        async *body() {
          const rs = await new Promise<Readable>((res, rej) => zip.openReadStream(e, (err, s) => (err ? rej(err) : res(s))));
          yield* rs as AsyncIterable<Buffer>;
        },
        // Each member is read from the buffer on its own: nothing to drain.
        skip: async () => {},
      };
    }
  } finally {
    zip.close();
  }
}

async function* tarEntries(source: AsyncIterable<Uint8Array>): AsyncGenerator<ArchiveEntry> {
  const { default: tar } = await import('tar-stream');
  const extract = tar.extract();
  /** The input's own failure (a limit in the gzip layer around the tar, a corrupt gzip): the archive reports it. */
  let failed: unknown;
  // Fed by hand, not piped: when the input fails, what it gave up to then is still parsed (the
  // members before the limit are read, and the one the limit falls in is the one named), and
  // the tar then ends where the input stopped.
  void (async () => {
    try {
      for await (const chunk of source) {
        if (extract.destroyed) return;
        if (!extract.write(chunk)) await new Promise<void>((go) => void (extract.once('drain', () => go()), extract.once('close', () => go())));
        if (extract.destroyed) return;
      }
    } catch (e) {
      failed = e;
    }
    if (!extract.destroyed) extract.end(undefined);
  })();
  /** After the input failed, tar-stream's complaint about the cut-off tar is that failure. */
  const own = (e: unknown) => failed ?? e;
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const r = reader(entry as unknown as Readable);
      yield {
        name: sourceLabel(h.name),
        type: h.type === 'contiguous-file' ? 'file' : (h.type ?? 'file'),
        linkname: h.linkname ? sourceLabel(h.linkname) : h.linkname === '' ? '' : undefined,
        async *body() {
          try {
            yield* r.body();
          } catch (e) {
            throw own(e);
          }
        },
        skip: () => r.drain().catch((e: unknown) => Promise.reject(own(e))),
      };
      // Whatever the reader left unread must be drained before tar-stream moves on.
      await r.drain();
    }
  } catch (e) {
    throw own(e);
  } finally {
    // A loop left early (the entry limit, a member's error) stops the input where it is.
    extract.destroy();
  }
  // The input failed at a member boundary: tar-stream saw a whole (shorter) tar.
  if (failed) throw failed;
}

export const nodeEntries: ArchiveEntries = { zip: zipEntries, tar: tarEntries };
