// The CLI's side of the limits against decompression bombs (src/analyze/limits.ts): the budget's
// meter as a Node stream.
import { Transform, type TransformCallback } from 'node:stream';
import { Budget as PureBudget } from '../analyze/limits.js';

export { DEFAULT_LIMITS, LimitError, formatBytes, type Limits } from '../analyze/limits.js';

export class Budget extends PureBudget {
  /** A pass-through that fails with the meter's LimitError (see the pure Budget). */
  stream(member: string, compressed: () => number): Transform {
    const count = this.meter(member, compressed);
    return new Transform({
      transform(chunk: Buffer, _enc, cb: TransformCallback) {
        try {
          count(chunk.length);
        } catch (e) {
          cb(e as Error);
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
