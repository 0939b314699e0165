// The one reading path for every edge (files, stdin, a dropped Blob, archive members): sniff ->
// gunzip -> archive or config or log -> lines. The edges supply only what differs (ReadEdge): a
// gunzip, the zip and tar member iterators, and how bytes become text fastest there.
import { archiveKind, nestedMessage } from './archive-kind.js';
import { type ByteText, concatBytes, webText } from './bytes.js';
import { type Budget, counted, LimitError, metered } from './limits.js';
import { type ArchiveEntries, readArchive } from './members.js';
import type { ReadSink } from './sink.js';
import { sniff, stop } from './sniff.js';
import { splitBytes } from './split.js';
import { binaryMessage, type ConfigKind, configKind, configTooLargeMessage, depthMessage, isGzip, MAX_CONFIG_BYTES, packedBy, packedMessage, textDecoder, textEncoding, type TextEncoding } from './source-kind.js';

export interface GunzipOptions {
  /** Bytes handed on per call (Node's zlib; the page's DecompressionStream has its own). */
  chunkSize: number;
  /** Bytes after the last member that are not gzip data, told once the input has ended. */
  onTrailing?: (bytes: number) => void;
}

export interface ReadEdge extends ArchiveEntries {
  /** Inflates gzip data, member after member; corrupt data throws an error with code Z_DATA_ERROR or Z_BUF_ERROR. */
  gunzip(source: AsyncIterable<Uint8Array>, o: GunzipOptions): AsyncIterable<Uint8Array>;
  text?: ByteText;
}

export interface BytesOptions {
  /** Read as this config kind whatever its content (`--config`). */
  as?: ConfigKind;
  /** One budget per case, shared by all its sources and archive members. */
  budget: Budget;
  /** Warnings for the source once it is read (a gzip's trailing garbage). */
  notes?: string[];
  /** Gzip layers and archives already around this source. */
  depth?: number;
  inArchive?: boolean;
}

/** What an error while reading a source tells its user. */
export function describeError(name: string, e: unknown): string {
  if (e instanceof LimitError) return e.message;
  const err = (e ?? {}) as { code?: unknown; message?: string };
  // Only Node's codes are strings (a DOMException's is a number).
  const code = typeof err.code === 'string' ? err.code : undefined;
  switch (code) {
    case 'ENOENT':
      return `${name}: vanished before it could be read; check the path`;
    case 'EACCES':
    case 'EPERM':
      return `${name}: permission denied; run as a user who can read it, or copy it somewhere readable (sudo cp ${name} /tmp/ && sudo chown $USER /tmp/…)`;
    case 'EISDIR':
      return `${name}: is a folder; give the files in it, or the folder itself as a case`;
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return `${name}: the gzip data is corrupt or truncated (${err.message}); attach the file again, uncompressed if possible`;
    default:
      return `${name}: cannot be read (${code ?? (e instanceof Error ? e.message : String(e))}); check the file`;
  }
}

/** What a gzip with bytes after its data gets: the lines before them are read. */
export function trailingMessage(bytes: number): string {
  return `${bytes} bytes after the end of the gzip data are not gzip (trailing garbage); ignored: the lines before them are read`;
}

/**
 * Bytes gunzip hands on per call. 256 KiB rather than zlib's 16 KiB leaves a sixteenth of the
 * per-chunk work to every stage after it on this thread (inflating runs on libuv's pool): a 1 GB
 * gzip log went from 65-70 % to about the speed of the plain one. A small --max-bytes keeps small
 * chunks, so the limit still trips in the member that crosses it.
 */
export function gunzipChunk(maxBytes: number): number {
  return Math.max(16 * 1024, Math.min(256 * 1024, 2 ** Math.floor(Math.log2(Math.max(1, maxBytes / 256)))));
}

/** Decoded text as UTF-8 bytes, for the one byte splitter (and its cap on a runaway line). */
async function* transcoded(rest: AsyncIterable<Uint8Array>, encoding: TextEncoding, encode: (s: string) => Uint8Array): AsyncGenerator<Uint8Array> {
  const d = textDecoder(encoding);
  for await (const chunk of rest) {
    const s = d.decode(chunk, true);
    if (s) yield encode(s);
  }
  const tail = d.decode(new Uint8Array(0), false);
  if (tail) yield encode(tail);
}

/** Reads one source into the sink. Returns 'binary' for a binary member an archive only counts. */
export async function readBytes(c: ReadSink, edge: ReadEdge, name: string, source: AsyncIterable<Uint8Array>, o: BytesOptions): Promise<'read' | 'binary'> {
  const { budget } = o;
  const notes = o.notes ?? [];
  const inArchive = o.inArchive ?? false;
  const max = budget.limits.maxDepth;
  let depth = o.depth ?? 0;
  try {
    let { head, rest } = await sniff(source);
    while (isGzip(head)) {
      if (++depth > max) {
        c.failedSource(name, depthMessage(name, max));
        await stop(rest, inArchive);
        return 'read';
      }
      const input = counted(rest);
      const out = edge.gunzip(input.chunks, { chunkSize: gunzipChunk(budget.limits.maxBytes), onTrailing: (n) => notes.push(trailingMessage(n)) });
      ({ head, rest } = await sniff(metered(out, budget.meter(name, input.bytes))));
    }
    const archive = archiveKind(head);
    if (archive) {
      if (++depth > max) {
        c.failedSource(name, nestedMessage(name, max));
        await stop(rest, inArchive);
        return 'read';
      }
      await readArchive(c, archive, name, rest, budget, edge, (m, s) => readBytes(c, edge, m, s, { budget, depth, inArchive: true }));
      return 'read';
    }
    const packed = packedBy(head);
    if (packed) {
      await stop(rest, inArchive);
      c.failedSource(name, packedMessage(name, packed));
      return 'read';
    }
    const encoding = textEncoding(head);
    if (encoding === undefined) {
      // Binary: nothing after the first bytes changes that, so the rest is not read.
      await stop(rest, inArchive);
      if (inArchive) return 'binary';
      c.failedSource(name, binaryMessage(name));
      return 'read';
    }
    const utf8 = encoding === 'utf-8';
    const bytesText = edge.text ?? webText;
    const text = utf8 ? rest : transcoded(rest, encoding, bytesText.encode);
    // Decoded first: a UTF-16 i2pd.conf is a config whatever its name. (Node's UTF-8 decoding of
    // the head is Buffer's, as it always was; the page's the decoder's, which holds a cut sequence.)
    const kind = configKind(name, utf8 && edge.text ? edge.text.utf8(head) : textDecoder(encoding).decode(head, true), (t) => c.sniffConfig(t), o.as);
    if (kind) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of text) {
        size += chunk.length;
        if (size > MAX_CONFIG_BYTES) {
          await stop(text, inArchive);
          c.failedSource(name, configTooLargeMessage(name), kind);
          return 'read';
        }
        chunks.push(chunk);
      }
      const stats = c.addConfig(name, bytesText.utf8(concatBytes(chunks, size)).replace(/^\uFEFF/, ''), kind);
      stats.warnings.push(...notes);
      return 'read';
    }
    const parser = c.logSource(name);
    await splitBytes(c, text, parser, bytesText).catch((e: unknown) => {
      parser.stats.errors.push(describeError(parser.stats.name, e));
    });
    parser.stats.warnings.push(...notes);
    parser.end();
  } catch (e) {
    c.failedSource(name, describeError(name, e));
  }
  return 'read';
}
