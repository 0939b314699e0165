// Limits against decompression bombs, for the CLI and the page alike. One budget per case: a
// hostile attachment stops with a message naming the member that hit the limit, and the rest of
// the batch goes on. The meter is a plain function over async iterables (metered, counted).

export interface Limits {
  /** Uncompressed bytes one case may produce, all members together. */
  maxBytes: number;
  /** Uncompressed / compressed size of one member, checked once it is past 1 MiB. */
  maxRatio: number;
  /** Archive entries one case may hold, all archives together. */
  maxEntries: number;
  /** Archives (and gzip layers) inside each other. */
  maxDepth: number;
  /** An archive that must be held in memory to be read (zip) may be at most this big. */
  maxArchiveBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 10_000,
  maxDepth: 4,
  maxArchiveBytes: 512 * 1024 ** 2,
};

const RATIO_FLOOR = 1024 * 1024;

export class LimitError extends Error {
  /** How many bytes of the chunk that crossed the limit were still within it (passed on before the stop). */
  constructor(
    message: string,
    readonly fit = 0,
  ) {
    super(message);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

// Binary units, as formatBytes prints them: `--max-bytes 1GiB` takes back what the help says.
const UNIT: Record<string, number> = { '': 1, b: 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };

/** "1GiB", "512 MiB", "64k", "2147483648" as bytes; undefined when it is not a size. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m && UNIT[m[2].toLowerCase()];
  if (!unit) return undefined;
  const n = Math.round(Number(m[1]) * unit);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

export type LimitFlag = 'max-bytes' | 'max-ratio' | 'max-entries';

/** What the CLI's user can do about a limit; the page says something else (src/web/). */
export const cliRemedy = (flag: LimitFlag): string => `If the archive is genuine, raise --${flag}`;

export class Budget {
  bytes = 0;
  entries = 0;
  /** Set once a limit stopped the case: the archive readers read no further member. */
  exhausted = false;
  constructor(
    readonly limits: Limits = DEFAULT_LIMITS,
    readonly remedy: (flag: LimitFlag) => string = cliRemedy,
  ) {}

  /**
   * Counts one archive entry; false (and exhausted) past the entry limit. Only that limit: a tar
   * metered as one stream crosses the byte limit ahead of the member it falls in, which is still read.
   */
  entry(): boolean {
    if (++this.entries <= this.limits.maxEntries) return true;
    this.exhausted = true;
    return false;
  }

  /**
   * A counter for the uncompressed bytes of `member`: each call adds a chunk's length and throws
   * a LimitError past the case's total or when the member expands more than maxRatio times
   * `compressed()`.
   */
  meter(member: string, compressed: () => number): (n: number) => void {
    let own = 0;
    return (n) => {
      own += n;
      this.bytes += n;
      const l = this.limits;
      if (this.bytes > l.maxBytes) {
        this.exhausted = true;
        const fit = Math.max(0, n - (this.bytes - l.maxBytes));
        throw new LimitError(`${member}: stopped after ${formatBytes(this.bytes)} uncompressed: the attachments of this case together expand past the limit of ${formatBytes(l.maxBytes)} (a decompression bomb?). ${this.remedy('max-bytes')}`, fit);
      }
      const c = compressed();
      if (own > RATIO_FLOOR && c > 0 && own / c > l.maxRatio) {
        this.exhausted = true;
        throw new LimitError(`${member}: stopped: ${formatBytes(c)} expand to more than ${formatBytes(own)} (over ${l.maxRatio}:1, a decompression bomb?). ${this.remedy('max-ratio')}`);
      }
    };
  }

  /** The archive's own error once the entry limit stopped it, else undefined. */
  entriesError(archive: string): string | undefined {
    if (this.entries <= this.limits.maxEntries) return undefined;
    return `${archive}: stopped after ${this.limits.maxEntries} archive entries (a decompression bomb?); the members after that were not read. ${this.remedy('max-entries')}`;
  }
}

/**
 * The chunks of `source`, each counted by `count` (a Budget's meter, which throws past a limit)
 * before it is passed on. The bytes of the crossing chunk that were still within the total are
 * passed on before the stop: how large a chunk is depends on how fast the reader keeps up, and what
 * a case reads up to its limit (which member it stops in) must not.
 */
export async function* metered<T extends Uint8Array>(source: AsyncIterable<T>, count: (n: number) => void): AsyncGenerator<T> {
  for await (const chunk of source) {
    try {
      count(chunk.length);
    } catch (e) {
      if (e instanceof LimitError && e.fit > 0) yield chunk.subarray(0, e.fit) as T; // a Buffer's subarray is a Buffer
      throw e;
    }
    yield chunk;
  }
}

/** The chunks of `source` and how many bytes have passed so far (a gzip layer's input, for the ratio). */
export function counted<T extends Uint8Array>(source: AsyncIterable<T>): { chunks: AsyncGenerator<T>; bytes: () => number } {
  let n = 0;
  return {
    chunks: metered(source, (k) => (n += k)),
    bytes: () => n,
  };
}
