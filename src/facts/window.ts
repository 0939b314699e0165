// The most occurrences within any window of W seconds, in O(W) memory whatever the count:
// one bucket per second in a ring, a running sum, and the best sum seen. The counts of the first
// W seconds are kept too, so that two counters over consecutive parts of a log (worker threads)
// merge into exactly what one counter over the whole would say, for a log in time order.
export interface WindowState {
  seconds: number;
  max: number;
  head: number;
  sum: number;
  buckets: number[];
  first: number;
  /** Occurrences per second for [first, first + seconds). */
  start: number[];
}

export class WindowCounter {
  private buckets: Float64Array;
  private head = Number.NEGATIVE_INFINITY;
  private sum = 0;
  private first = Number.NEGATIVE_INFINITY;
  private start: number[] = [];
  max = 0;

  constructor(private readonly seconds: number) {
    this.buckets = new Float64Array(seconds);
  }

  add(t: number): void {
    const w = this.seconds;
    if (this.first === Number.NEGATIVE_INFINITY) {
      this.first = t;
      this.start = new Array<number>(w).fill(0);
    }
    if (t >= this.first && t < this.first + w) this.start[t - this.first]++;
    if (t > this.head) {
      // Advance, emptying the buckets of the seconds that left the window.
      const steps = this.head === Number.NEGATIVE_INFINITY ? w : Math.min(w, t - this.head);
      for (let i = 1; i <= steps; i++) {
        const k = ((t - steps + i) % w + w) % w;
        this.sum -= this.buckets[k];
        this.buckets[k] = 0;
      }
      this.head = t;
    } else if (t <= this.head - w) {
      return; // older than the window: logs interleave by a second or two, not by minutes
    }
    this.buckets[((t % w) + w) % w]++;
    this.sum++;
    if (this.sum > this.max) this.max = this.sum;
  }

  state(): WindowState {
    return { seconds: this.seconds, max: this.max, head: this.head, sum: this.sum, buckets: [...this.buckets], first: this.first, start: this.start };
  }

  static from(s: WindowState): WindowCounter {
    const c = new WindowCounter(s.seconds);
    c.max = s.max;
    c.head = s.head;
    c.sum = s.sum;
    c.buckets = Float64Array.from(s.buckets);
    c.first = s.first;
    c.start = [...s.start];
    return c;
  }

  /** Adds the counts of a later part of the log, its times already on this counter's clock. */
  merge(b: WindowState): void {
    const w = this.seconds;
    if (b.first === Number.NEGATIVE_INFINITY) return;
    if (this.first === Number.NEGATIVE_INFINITY) {
      const c = WindowCounter.from(b);
      Object.assign(this, { max: c.max, head: c.head, sum: c.sum, buckets: c.buckets, first: c.first, start: c.start });
      return;
    }
    const ringA = (x: number) => (x > this.head - w && x <= this.head ? this.buckets[((x % w) + w) % w] : 0);
    const startB = (x: number) => (x >= b.first && x < b.first + w ? b.start[x - b.first] : 0);
    // Windows ending at one of b's first seconds hold occurrences of both parts.
    let max = Math.max(this.max, b.max);
    for (let s = b.first; s < b.first + w; s++) {
      if (startB(s) === 0) continue;
      let sum = 0;
      for (let x = s - w + 1; x <= s; x++) sum += ringA(x) + startB(x);
      if (sum > max) max = sum;
    }
    const ringB = (x: number) => (x > b.head - w && x <= b.head ? b.buckets[((x % w) + w) % w] : 0);
    const head = Math.max(this.head, b.head);
    const buckets = new Float64Array(w);
    let sum = 0;
    for (let x = head - w + 1; x <= head; x++) {
      const n = ringA(x) + ringB(x);
      buckets[((x % w) + w) % w] = n;
      sum += n;
    }
    for (let i = 0; i < w; i++) this.start[i] += startB(this.first + i);
    this.max = max;
    this.head = head;
    this.buckets = buckets;
    this.sum = sum;
  }
}
