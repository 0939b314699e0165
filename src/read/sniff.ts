// Sniff and replay: the first bytes of a source decide what it is (gzip, archive, text, binary),
// and the reader after the verdict still gets every byte.
import { concatBytes } from './bytes.js';
import { SNIFF_BYTES } from './source-kind.js';

/** The rest of a sniffed source: its head first, then what the source still has. */
export class Replay implements AsyncIterableIterator<Uint8Array> {
  private first: Uint8Array | undefined;

  constructor(
    head: Uint8Array,
    private readonly it: AsyncIterator<Uint8Array>,
    private done: boolean,
  ) {
    this.first = head.length > 0 ? head : undefined;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    const first = this.first;
    if (first) {
      this.first = undefined;
      return { done: false, value: first };
    }
    if (this.done) return { done: true, value: undefined };
    const r = await this.it.next();
    if (r.done) this.done = true;
    return r;
  }

  /** Stopped early (the verdict is in): the source under it stops being read too. */
  async return(): Promise<IteratorResult<Uint8Array>> {
    this.first = undefined;
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
    return { done: true, value: undefined };
  }
}

/** Reads the first SNIFF_BYTES (or all, if fewer) of a source. */
export async function sniff(source: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; rest: Replay }> {
  const it = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  const head = concatBytes(chunks, size);
  return { head, rest: new Replay(head, it, done) };
}

/**
 * Stops reading a source whose verdict is in. A member of an archive is read to its end instead:
 * the archive's reader needs it drained to go on, and the case's limits bound it; what goes wrong
 * there is the archive's to report.
 */
export async function stop(rest: AsyncIterator<Uint8Array>, inArchive: boolean): Promise<void> {
  if (!inArchive) {
    await rest.return?.();
    return;
  }
  try {
    while (!(await rest.next()).done);
  } catch {
    // Reported by the archive, or by the limit that stopped the case.
  }
}
