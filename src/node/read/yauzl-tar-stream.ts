// The CLI's archive entries for the member loop (src/read/members.ts): zip with yauzl, tar with
// tar-stream. Both are loaded when an archive turns up: most runs read plain logs, and start-up is
// part of every run.
import { Readable } from 'node:stream';
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
  const input = Readable.from(source, { objectMode: false });
  /** The input's own failure (a limit in the gzip layer around the tar): the archive reports it. */
  let failed: unknown;
  input.on('error', (e) => {
    failed ??= e;
    extract.destroy(e);
  });
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const r = reader(entry as unknown as Readable);
      yield {
        name: sourceLabel(h.name),
        type: h.type === 'contiguous-file' ? 'file' : (h.type ?? 'file'),
        linkname: h.linkname ? sourceLabel(h.linkname) : h.linkname === '' ? '' : undefined,
        body: r.body,
        skip: r.drain,
      };
      // Whatever the reader left unread must be drained before tar-stream moves on.
      await r.drain();
    }
  } finally {
    // The input's failure is set at once (`errored`) but its 'error' event comes a tick later,
    // after tar-stream may already have ended the loop: take it from the stream itself.
    failed ??= input.errored ?? undefined;
    input.unpipe(extract);
    input.destroy();
    // Also when the loop stopped at the limit that failure set.
    // eslint-disable-next-line no-unsafe-finally
    if (failed) throw failed;
  }
}

export const nodeEntries: ArchiveEntries = { zip: zipEntries, tar: tarEntries };
