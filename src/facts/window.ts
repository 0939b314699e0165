// The most occurrences within any window of W seconds, in O(W) memory whatever the count:
// one bucket per second in a ring, a running sum, and the best sum seen.
export class WindowCounter {
  private readonly buckets: Float64Array;
  private head = Number.NEGATIVE_INFINITY;
  private sum = 0;
  max = 0;

  constructor(private readonly seconds: number) {
    this.buckets = new Float64Array(seconds);
  }

  add(t: number): void {
    const w = this.seconds;
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
}
