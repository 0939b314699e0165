// Limits against decompression bombs. One budget per case: a hostile attachment stops with a
// message naming the member that hit the limit, and the rest of the batch goes on.
import { Transform, type TransformCallback } from 'node:stream';

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

export class LimitError extends Error {}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export class Budget {
  bytes = 0;
  entries = 0;
  /** Set once a limit stopped the case: the archive readers read no further member. */
  exhausted = false;
  constructor(readonly limits: Limits = DEFAULT_LIMITS) {}

  /** Counts one archive entry; false (and exhausted) past the limit. */
  entry(): boolean {
    if (++this.entries > this.limits.maxEntries) this.exhausted = true;
    return !this.exhausted;
  }

  /**
   * A pass-through that counts the uncompressed bytes of `member`; it fails with a LimitError
   * past the case's total or when the member expands more than maxRatio times `compressed()`.
   */
  meter(member: string, compressed: () => number): Transform {
    let own = 0;
    const budget = this;
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        own += chunk.length;
        budget.bytes += chunk.length;
        const l = budget.limits;
        if (budget.bytes > l.maxBytes) {
          budget.exhausted = true;
          cb(new LimitError(`${member}: stopped after ${formatBytes(budget.bytes)} uncompressed: the attachments of this case together expand past the limit of ${formatBytes(l.maxBytes)} (a decompression bomb?). If the archive is genuine, raise --max-bytes`));
          return;
        }
        const c = compressed();
        if (own > RATIO_FLOOR && c > 0 && own / c > l.maxRatio) {
          budget.exhausted = true;
          cb(new LimitError(`${member}: stopped: ${formatBytes(c)} expand to more than ${formatBytes(own)} (over ${l.maxRatio}:1, a decompression bomb?). If the archive is genuine, raise --max-ratio`));
          return;
        }
        cb(null, chunk);
      },
    });
  }
}

/** A pass-through that counts what flows through it. */
export function counter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      t.bytes += chunk.length;
      cb(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}
