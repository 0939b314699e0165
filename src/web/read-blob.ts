// The browser's source reader: a pasted text or a dropped file goes through the same checks as
// the CLI's (src/node/sources.ts) — gzip by magic bytes, UTF-16, binary, config sniffing — using
// only web-platform streams (Blob, DecompressionStream, TextDecoder), so nothing leaves the page.
// Zip and tar (also gzipped) are read member by member under the CLI's limits.
import type { CaseAnalysis } from '../analyze/case.js';
import { archiveKind, nestedMessage } from '../analyze/archive-kind.js';
import { Budget, DEFAULT_LIMITS, LimitError, type LimitFlag } from '../analyze/limits.js';
import { binaryMessage, configKind, configTooLargeMessage, depthMessage, isGzip, MAX_CONFIG_BYTES, packedBy, packedMessage, SNIFF_BYTES, textDecoder, textEncoding } from '../analyze/source-kind.js';
import { TextLineSplitter } from '../analyze/text-lines.js';
import { type ReadMember, readTar, readZip } from './archive.js';

type Bytes = ReadableStream<Uint8Array>;

/** The page has no flags to raise a limit: the CLI does. */
const pageRemedy = (flag: LimitFlag): string => `If the archive is genuine, analyse it with the i2pd-doctor command line and --${flag}`;

/** One budget per case, as in the CLI: all dropped files and their members share it. */
export function pageBudget(limits = DEFAULT_LIMITS): Budget {
  return new Budget(limits, pageRemedy);
}

/** Counts the bytes that flow through, for the ratio check of the gzip layer after it. */
function counted(stream: Bytes): { stream: Bytes; bytes: () => number } {
  let n = 0;
  const t = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      n += chunk.length;
      ctl.enqueue(chunk);
    },
  });
  return { stream: stream.pipeThrough(t), bytes: () => n };
}

function metered(stream: Bytes, count: (n: number) => void): Bytes {
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        count(chunk.length);
        ctl.enqueue(chunk);
      },
    }),
  );
}

/** Reads the first bytes of a stream and gives back a stream that still yields them. */
async function sniff(stream: Bytes): Promise<{ head: Uint8Array; rest: Bytes }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const r = await reader.read();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    head.set(c, at);
    at += c.length;
  }
  let replayed = false;
  const rest = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (!replayed) {
        replayed = true;
        if (head.length) ctl.enqueue(head);
        if (done) ctl.close();
        return;
      }
      const r = await reader.read();
      if (r.done) ctl.close();
      else ctl.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, rest };
}

function describeError(name: string, e: unknown, gzip: boolean): string {
  if (e instanceof LimitError) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return gzip
    ? `${name}: the gzip data is corrupt or truncated (${msg}); attach the file again, uncompressed if possible`
    : `${name}: cannot be read (${msg}); check the file`;
}

export interface ReadBlobOptions {
  /** Called with the bytes of the Blob read so far, for a progress display. */
  onBytes?: (n: number) => void;
  /** Once aborted, reading stops at the next chunk. */
  signal?: AbortSignal;
}

/** The Blob's bytes, counted and checked for cancelling between chunks. */
function watched(stream: Bytes, { onBytes, signal }: ReadBlobOptions): Bytes {
  if (!onBytes && !signal) return stream;
  let n = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        if (signal?.aborted) throw signal.reason;
        n += chunk.length;
        onBytes?.(n);
        ctl.enqueue(chunk);
      },
    }),
  );
}

/** Reads one pasted or dropped source into the case. Failures are reported on the source. */
export async function readBlob(c: CaseAnalysis, name: string, blob: Blob, budget: Budget = pageBudget(), options: ReadBlobOptions = {}): Promise<void> {
  await readStream(c, name, watched(blob.stream(), options), budget, 0, false);
}

/**
 * The one reading path for dropped files and archive members, as the CLI's readStream: sniff ->
 * gunzip -> archive or config or log -> lines. 'binary' for a binary member an archive only counts.
 */
async function readStream(c: CaseAnalysis, name: string, stream: Bytes, budget: Budget, depth: number, inArchive: boolean): Promise<'read' | 'binary'> {
  let gzip = false;
  try {
    let { head, rest } = await sniff(stream);
    while (isGzip(head)) {
      gzip = true;
      if (++depth > budget.limits.maxDepth) {
        await rest.cancel();
        c.failedSource(name, depthMessage(name, budget.limits.maxDepth));
        return 'read';
      }
      const input = counted(rest);
      const out = input.stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
      ({ head, rest } = await sniff(metered(out, budget.meter(name, input.bytes))));
    }
    const archive = archiveKind(head);
    if (archive) {
      if (++depth > budget.limits.maxDepth) {
        await rest.cancel();
        c.failedSource(name, nestedMessage(name, budget.limits.maxDepth));
        return 'read';
      }
      const member: ReadMember = (m, s) => readStream(c, m, s, budget, depth, true);
      await (archive === 'zip' ? readZip : readTar)(c, name, rest, budget, member);
      return 'read';
    }
    const packed = packedBy(head);
    if (packed) {
      await rest.cancel();
      c.failedSource(name, packedMessage(name, packed));
      return 'read';
    }
    const encoding = textEncoding(head);
    if (encoding === undefined) {
      // Binary: nothing after the first bytes changes that, so the rest is not read.
      await rest.cancel();
      if (inArchive) return 'binary';
      c.failedSource(name, binaryMessage(name));
      return 'read';
    }
    // The decoders drop a leading byte-order mark by themselves.
    const kind = configKind(name, textDecoder(encoding).decode(head, true));
    const decoder = textDecoder(encoding);
    const reader = rest.getReader();
    if (kind) {
      let text = '';
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        text += decoder.decode(r.value, true);
        if (text.length > MAX_CONFIG_BYTES) {
          await reader.cancel();
          c.failedSource(name, configTooLargeMessage(name), kind);
          return 'read';
        }
      }
      c.addConfig(name, text + decoder.decode(new Uint8Array(0), false), kind);
      return 'read';
    }
    const parser = c.logSource(name);
    const lines = new TextLineSplitter((l) => parser.push(l), () => parser.oversized());
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) lines.push(decoder.decode(r.value, true));
      lines.push(decoder.decode(new Uint8Array(0), false));
      lines.end();
    } catch (e) {
      lines.end();
      parser.stats.errors.push(describeError(name, e, gzip));
    }
    parser.end();
  } catch (e) {
    c.failedSource(name, describeError(name, e, gzip));
  }
  return 'read';
}
