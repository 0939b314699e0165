// The buckets of a timeline: a fixed number of them on the log's own clock, widened as the log
// grows by merging neighbours. The bucket width is the narrowest of a fixed ladder that holds the
// first and the last time in BUCKETS buckets, and the buckets sit on a grid of multiples of the
// width. Both depend only on the earliest and latest time seen, never on the order lines came in:
// two grids over two parts of a log merge into exactly what one over the whole holds.

export const BUCKETS = 240;
/**
 * Seconds per bucket. Each width divides the next, so a bucket never straddles a wider one;
 * up to a day each divides a day, so parts shifted by whole days (day rollover) stay on the grid.
 */
const WIDTHS = [1, 2, 10, 20, 60, 120, 600, 1200, 3600, 7200, 21600, 43200, 86400];
export const DAY = 86400;

/** Rows of the grid: lines per level rank (0–5), then lines without one, then the events. */
export const OTHER = 6;
export const STARTS = 7;
export const STOPS = 8;
export const UNCLEAN = 9;
export const STATUS = 10;
export const ROWS = 11;

export interface GridState {
  width: number;
  start: number;
  min: number;
  max: number;
  rows: number[];
  sigs: Array<[string, number[]]>;
}

/** The buckets. `width` 0: nothing placed yet. */
export class Grid {
  width = 0;
  /** Index on the grid (time / width) of bucket 0. */
  start = 0;
  min = 0;
  max = 0;
  rows = new Float64Array(ROWS * BUCKETS);
  readonly sigs = new Map<string, Float64Array>();
  /** The bucket last placed, and its time range: most lines fall in the one before them. */
  lo = 0;
  hi = 0;
  idx = -1;

  /** The bucket of time `t`, widening the grid when `t` lies outside what it holds. */
  at(t: number): number {
    if (t >= this.lo && t < this.hi) return this.idx;
    if (this.width === 0) {
      this.width = WIDTHS[0];
      this.min = this.max = t;
      this.start = Math.floor(t / this.width);
    } else {
      if (t < this.min) this.min = t;
      else if (t > this.max) this.max = t;
      this.fit(this.width);
    }
    const k = Math.floor(t / this.width);
    this.lo = k * this.width;
    this.hi = this.lo + this.width;
    return (this.idx = k - this.start);
  }

  sig(id: string): Float64Array {
    let a = this.sigs.get(id);
    if (!a) this.sigs.set(id, (a = new Float64Array(BUCKETS)));
    return a;
  }

  /** Moves onto the narrowest width from `from` up that holds min..max. */
  private fit(from: number): void {
    let w = from;
    while (Math.floor(this.max / w) - Math.floor(this.min / w) >= BUCKETS) w = wider(w);
    const start = Math.floor(this.min / w);
    if (w === this.width && start === this.start) return;
    const f = w / this.width;
    const regrid = (a: Float64Array, rows: number) => {
      const b = new Float64Array(rows * BUCKETS);
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < BUCKETS; i++) {
          const n = a[r * BUCKETS + i];
          if (n !== 0) b[r * BUCKETS + Math.floor((this.start + i) / f) - start] += n;
        }
      }
      return b;
    };
    this.rows = regrid(this.rows, ROWS);
    for (const [id, a] of this.sigs) this.sigs.set(id, regrid(a, 1));
    this.width = w;
    this.start = start;
    this.lo = this.hi = 0;
    this.idx = -1;
  }

  state(): GridState {
    return { width: this.width, start: this.start, min: this.min, max: this.max, rows: [...this.rows], sigs: [...this.sigs].map(([id, a]) => [id, [...a]]) };
  }

  /** Whether `merge` can take this grid shifted by any whole number of days. */
  static shiftable(g: GridState): boolean {
    return g.width <= DAY;
  }

  /** Adds a grid over a later part of the log, whose times are `seconds` (whole days) behind this one's. */
  merge(b: GridState, seconds: number): void {
    if (b.width === 0) return;
    if (seconds % b.width !== 0) throw new Error(`timeline: a grid of ${b.width} s buckets cannot move by ${seconds} s`);
    const bStart = b.start + seconds / b.width;
    if (this.width === 0) {
      this.width = b.width;
      this.start = bStart;
      this.min = b.min + seconds;
      this.max = b.max + seconds;
    } else {
      this.min = Math.min(this.min, b.min + seconds);
      this.max = Math.max(this.max, b.max + seconds);
      this.fit(Math.max(this.width, b.width));
    }
    const f = this.width / b.width;
    const add = (to: Float64Array, from: number[], rows: number) => {
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < BUCKETS; i++) {
          const n = from[r * BUCKETS + i];
          if (n !== 0) to[r * BUCKETS + Math.floor((bStart + i) / f) - this.start] += n;
        }
      }
    };
    add(this.rows, b.rows, ROWS);
    for (const [id, a] of b.sigs) add(this.sig(id), a, 1);
  }

  /** Buckets from the first to the last time placed. */
  get used(): number {
    return this.width === 0 ? 0 : Math.floor(this.max / this.width) - this.start + 1;
  }

  row(r: number): number[] {
    return [...this.rows.subarray(r * BUCKETS, r * BUCKETS + this.used)];
  }
}

function wider(w: number): number {
  const i = WIDTHS.indexOf(w);
  return i !== -1 && i + 1 < WIDTHS.length ? WIDTHS[i + 1] : w * 2;
}
