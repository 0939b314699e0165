// The page's edge of the reader: a pasted text or a dropped file goes through the CLI's reading
// path (src/read/pipeline.ts) with what the web platform has: Blob, DecompressionStream, and
// fflate and modern-tar for archives (fflate-modern-tar.ts), so nothing leaves the page.
import { Budget, DEFAULT_LIMITS, type LimitFlag } from '../read/limits.js';
import { readBytes, type ReadEdge } from '../read/pipeline.js';
import type { ReadSink } from '../read/sink.js';
import { webEntries } from './fflate-modern-tar.js';
import { chunksOf, streamOf } from './streams.js';

/** The page has no flags to raise a limit: the CLI does. */
const pageRemedy = (flag: LimitFlag): string => `If the archive is genuine, analyse it with the i2pd-doctor command line and --${flag}`;

/** One budget per case, as in the CLI: all dropped files and their members share it. */
export function pageBudget(limits = DEFAULT_LIMITS): Budget {
  return new Budget(limits, pageRemedy);
}

/** The browser's gunzip; its failures are told as the CLI's zlib ones are (corrupt or truncated). */
async function* gunzip(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out = streamOf(source).pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  try {
    yield* chunksOf(out);
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    throw Object.assign(new Error(e instanceof Error ? e.message : String(e)), { code: 'Z_DATA_ERROR' });
  }
}

const pageEdge: ReadEdge = { ...webEntries, gunzip };

export interface BlobReadOptions {
  /** Told the bytes of the Blob read so far, for a progress bar. */
  onBytes?: (n: number) => void;
  /** Once aborted, reading stops with the signal's reason (an AbortError): the caller drops the case. */
  signal?: AbortSignal;
}

/** Throws the abort's reason (throwIfAborted, which Safari 15.0-15.3 lacks). */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw (signal.reason as unknown) ?? new DOMException('The read was aborted', 'AbortError');
}

/** The Blob's bytes, counted for `onBytes` and stopped by `signal`. */
async function* blobBytes(blob: Blob, o: BlobReadOptions): AsyncGenerator<Uint8Array> {
  let n = 0;
  checkAborted(o.signal);
  for await (const chunk of chunksOf(blob.stream())) {
    n += chunk.length;
    o.onBytes?.(n);
    checkAborted(o.signal);
    yield chunk;
  }
}

/**
 * Reads one pasted or dropped source into the case. Failures are reported on the source; an
 * aborted `signal` rejects with its reason instead.
 */
export async function readBlob(c: ReadSink, name: string, blob: Blob, budget: Budget = pageBudget(), options: BlobReadOptions = {}): Promise<void> {
  await readBytes(c, pageEdge, name, blobBytes(blob, options), { budget });
  checkAborted(options.signal);
}
