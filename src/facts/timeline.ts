// When things happened in a case, in bounded memory whatever the log's length: a fixed number of
// time buckets on the log's own clock (day rollover included), widened as the log grows by merging
// neighbours. Each bucket counts lines per level, the starts and orderly stops of i2pd, status
// changes, and the lines each signature matched, so that a finding's evidence can be placed.
//
// The bucket width is the narrowest of a fixed ladder that holds the first and the last time in
// BUCKETS buckets, and the buckets sit on a grid of multiples of the width. Both depend only on the
// earliest and latest time seen, never on the order lines came in: two timelines over two parts of
// a log merge into exactly what one over the whole holds (parallel reading of one file).
import { LEVEL_BY_RANK, type Level } from '../model.js';
import type { Signature } from '../match/signature.js';

export const BUCKETS = 240;
/**
 * Seconds per bucket. Each width divides the next, so a bucket never straddles a wider one;
 * up to a day each divides a day, so parts shifted by whole days (day rollover) stay on the grid.
 */
const WIDTHS = [1, 2, 10, 20, 60, 120, 600, 1200, 3600, 7200, 21600, 43200, 86400];
const DAY = 86400;

/** Rows of the grid: lines per level rank (0–5), then lines without one, then the events. */
const OTHER = 6;
const STARTS = 7;
const STOPS = 8;
const UNCLEAN = 9;
const STATUS = 10;
const ROWS = 11;
/** Runs listed: the first and the last half of them; the buckets count all. */
const RUNS_KEPT = 50;
/** Status changes listed (the buckets count all). */
export const STATUS_KEPT = 100;
const STATUS_TEXT = 200;

export type TimelineLevel = Level | 'other';

/** One run of i2pd in a source: from its start banner to the last line before the next one. */
export interface Run {
  source: string;
  /** Line of the start banner. */
  line: number;
  /** Seconds on the timeline's clock; absent when the banner carried no time. */
  start?: number;
  /** Time of the run's last line with a time. */
  end?: number;
  /** An orderly stop began (`Shutting down`). */
  stopped: boolean;
  stop?: number;
}

export interface StatusChange {
  source: string;
  line: number;
  t?: number;
  signature: string;
  /** The status as the line printed it. */
  text: string;
}

export interface TimelineSource {
  name: string;
  /** Lines placed on the timeline. */
  timed: number;
  /** i2pd lines and evidence without a time (or on another clock than the first timed line's). */
  untimed: number;
}

/** The timeline of a case, as the report carries it (docs/report-schema.md). */
export interface TimelineReport {
  /**
   * `log`: times of day, the day rolled over when the time jumps back past midnight (day 1 is the
   * first line's); `date`: the lines carried their date. Absent when no line had a time.
   */
  clock?: 'log' | 'date';
  /** Seconds of the first bucket's start: day × 86400 + time of day (days since 1970 for `date`). */
  start: number;
  /** Seconds per bucket. */
  width: number;
  /** Buckets from the first timed line's to the last's; every array below has this length. */
  buckets: number;
  levels: Partial<Record<TimelineLevel, number[]>>;
  /** i2pd starts, orderly stops, and starts after a run that never began an orderly stop. */
  starts: number[];
  stops: number[];
  unclean: number[];
  statusChanges: number[];
  runs: Run[];
  runCount: number;
  status: StatusChange[];
  statusCount: number;
  /** Per finding, in report order: the lines of its evidence per bucket, and those without a time. */
  findings: Array<{ rule: string; counts: number[]; untimed: number }>;
  sources: TimelineSource[];
}

interface GridState {
  width: number;
  start: number;
  min: number;
  max: number;
  rows: number[];
  sigs: Array<[string, number[]]>;
}

/** The buckets. `width` 0: nothing placed yet. */
class Grid {
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

/** Ends a run with the last timed line of its source (`timed` of them so far), if one came after its start. */
function end(run: OpenRun, timed: number, last: number | undefined): void {
  run.end = timed > run.n ? last : undefined;
}

/** A copy without the fields that are undefined: the report reads the same however it was built. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function wider(w: number): number {
  const i = WIDTHS.indexOf(w);
  return i !== -1 && i + 1 < WIDTHS.length ? WIDTHS[i + 1] : w * 2;
}

/** A run as kept while reading: `n` is the number of timed lines of its source before its start. */
interface OpenRun extends Run {
  n: number;
}

/** What the timeline knows of one source. */
interface Track {
  name: string;
  timed: number;
  untimed: number;
  /** Time of the last timed line. */
  last?: number;
  /** The run in progress (the source's last start), a member of the run list. */
  open?: OpenRun;
  /**
   * Before the source's first start (a part's first run may have begun in the part before it):
   * the timed lines and the last time, and the first orderly stop.
   */
  leadTimed: number;
  leadLast?: number;
  leadStopped: boolean;
  leadStop?: number;
  /** The first start, whose cleanness only the part before it can tell. */
  started: boolean;
  firstStart?: number;
}

interface TrackState extends Omit<Track, 'open'> {
  /** Index in the state's run list of the open run. */
  open?: number;
}

export interface TimelineState {
  clock?: 'log' | 'date';
  grid: GridState;
  tracks: TrackState[];
  runs: OpenRun[];
  runCount: number;
  unclean: number;
  status: StatusChange[];
  statusCount: number;
  /** Per status signature: its first text in this part, and its last. */
  statusFirst: Array<[string, string, number | undefined]>;
  statusLast: Array<[string, string]>;
}

/** Where one finding's evidence comes from (the conditions that made it hold). */
export interface FindingSources {
  rule: string;
  /** Signatures every line of which is evidence. */
  signatures: readonly string[];
  /** Single lines of evidence by their time, undefined for none (a signal's last line). */
  lines?: ReadonlyArray<number | undefined>;
  /** Derived facts the timeline counts itself (`uncleanRestarts`: its starts after no orderly stop). */
  derived?: readonly string[];
  /** Lines a signature matched in all, timed or not. */
  count: (id: string) => number;
}

/** Where an entry lies on the timeline: a bucket, or -1 for none. */
export const UNTIMED = -1;

export class Timeline {
  private clock?: 'log' | 'date';
  private readonly grid = new Grid();
  private readonly tracks = new Map<string, Track>();
  private cur: Track | undefined;
  /** Time of the entry being placed. */
  private curT = 0;
  /** The first runs, and the latest ones after those. */
  private readonly head: OpenRun[] = [];
  private tail: OpenRun[] = [];
  private runCount = 0;
  private uncleanCount = 0;
  private status: StatusChange[] = [];
  private statusCount = 0;
  /**
   * A part's list keeps one change more per status signature than a case's: its first change of
   * each may turn out to repeat the part before it, and the list must stay a prefix once it goes.
   */
  private readonly statusCap: number;
  /** Whether `status` holds every change so far (else its first `statusCap`, or at least STATUS_KEPT). */
  private statusWhole = true;
  private readonly statusFirst = new Map<string, [string, number | undefined]>();
  private readonly statusLast = new Map<string, string>();

  constructor(signatures: readonly Signature[]) {
    this.statusCap = STATUS_KEPT + signatures.filter((s) => s.marks === 'status').length;
  }

  /** Starts starts that followed a run with no orderly stop, in the same source. */
  get uncleanRestarts(): number {
    return this.uncleanCount;
  }

  private track(source: string): Track {
    const c = this.cur;
    if (c !== undefined && c.name === source) return c;
    let t = this.tracks.get(source);
    if (!t) this.tracks.set(source, (t = { name: source, timed: 0, untimed: 0, leadTimed: 0, leadStopped: false, started: false }));
    return (this.cur = t);
  }

  /**
   * The bucket of an entry of `source` at time `t` (UNTIMED without one, or on the other clock
   * than the case's first timed line): call `count` with it once its hits are recorded.
   */
  place(source: string, t: number | undefined, dated: boolean): number {
    this.track(source);
    if (t === undefined || !Number.isFinite(t)) return UNTIMED;
    const clock = dated ? 'date' : 'log';
    if (this.clock !== clock) {
      if (this.clock !== undefined) return UNTIMED;
      this.clock = clock;
    }
    this.curT = t;
    return this.grid.at(t);
  }

  /**
   * `count(place(source, t, false), rank)` for a line counted without its entry (CaseFacts.addQuick),
   * most of which fall in the bucket of the line before: that case without the calls.
   */
  quick(source: string, t: number | undefined, rank: number): void {
    const c = this.cur;
    const g = this.grid;
    if (t !== undefined && t >= g.lo && t < g.hi && c !== undefined && c.name === source && this.clock === 'log') {
      g.rows[rank * BUCKETS + g.idx]++;
      c.timed++;
      c.last = t;
      return;
    }
    this.count(this.place(source, t, false), rank);
  }

  /** Counts the entry `place` placed, in row `row` (a level's rank, or OTHER for none). */
  count(bucket: number, row: number): void {
    const c = this.cur!;
    if (bucket === UNTIMED) {
      c.untimed++;
      return;
    }
    this.grid.rows[row * BUCKETS + bucket]++;
    c.timed++;
    c.last = this.curT;
  }

  /** A line matched signature `id`. */
  hit(id: string, bucket: number): void {
    if (bucket !== UNTIMED) this.grid.sig(id)[bucket]++;
  }

  runStart(line: number, bucket: number): void {
    const c = this.cur!;
    const t = bucket === UNTIMED ? undefined : this.curT;
    if (bucket !== UNTIMED) this.grid.rows[STARTS * BUCKETS + bucket]++;
    if (c.open) {
      end(c.open, c.timed, c.last);
      if (!c.open.stopped) {
        this.uncleanCount++;
        if (bucket !== UNTIMED) this.grid.rows[UNCLEAN * BUCKETS + bucket]++;
      }
    } else {
      c.started = true;
      c.leadTimed = c.timed;
      c.leadLast = c.last;
      c.firstStart = t;
    }
    const run: OpenRun = { source: c.name, line, start: t, stopped: false, n: c.timed };
    this.push(run);
    c.open = run;
  }

  runEnd(bucket: number): void {
    const c = this.cur!;
    const t = bucket === UNTIMED ? undefined : this.curT;
    if (bucket !== UNTIMED) this.grid.rows[STOPS * BUCKETS + bucket]++;
    if (c.open) {
      if (!c.open.stopped) {
        c.open.stopped = true;
        c.open.stop = t;
      }
    } else if (!c.leadStopped) {
      c.leadStopped = true;
      c.leadStop = t;
    }
  }

  /** A line of a `status` signature: a change when its text differs from that signature's last. */
  statusLine(id: string, line: number, bucket: number, text: string): void {
    if (this.statusLast.get(id) === text) return;
    const t = bucket === UNTIMED ? undefined : this.curT;
    if (!this.statusFirst.has(id)) this.statusFirst.set(id, [text, t]);
    this.statusLast.set(id, text);
    this.statusCount++;
    if (bucket !== UNTIMED) this.grid.rows[STATUS * BUCKETS + bucket]++;
    if (this.statusWhole && this.status.length < this.statusCap) this.status.push({ source: this.cur!.name, line, t, signature: id, text: text.slice(0, STATUS_TEXT) });
  }

  private push(run: OpenRun): void {
    this.runCount++;
    if (this.head.length < RUNS_KEPT) this.head.push(run);
    else {
      this.tail.push(run);
      if (this.tail.length > RUNS_KEPT) this.tail.shift();
    }
  }

  /** Plain data for another thread: what one log source added (see CaseFacts.state). */
  state(): TimelineState {
    const runs = [...this.head, ...this.tail];
    return {
      clock: this.clock, grid: this.grid.state(),
      tracks: [...this.tracks.values()].map(({ open, ...t }) => ({ ...t, open: open ? runs.indexOf(open) : undefined })),
      runs, runCount: this.runCount, unclean: this.uncleanCount, status: this.status, statusCount: this.statusCount,
      statusFirst: [...this.statusFirst].map(([id, [text, t]]) => [id, text, t]), statusLast: [...this.statusLast],
    };
  }

  /** Whether `merge` can take this part: its buckets must stay on the grid when moved by whole days. */
  static mergeable(b: TimelineState): boolean {
    return Grid.shiftable(b.grid) && (b.clock === undefined || b.clock === 'log');
  }

  /**
   * Appends a later part of the same source (`source`), whose lines are numbered from 1 and whose
   * times run `shift.seconds` (whole days) behind this timeline's.
   */
  merge(source: string, b: TimelineState, shift: { lines: number; seconds: number }): void {
    const move = (t: number | undefined) => (t === undefined ? undefined : t + shift.seconds);
    this.clock ??= b.clock;
    this.grid.merge(b.grid, shift.seconds);
    const a = this.track(source);
    const bt = b.tracks.find((x) => x.name === source);
    const runs = b.runs.map((r) => ({ ...r, line: r.line + shift.lines, start: move(r.start), end: move(r.end), stop: move(r.stop), n: r.n + a.timed }));
    if (bt) {
      // What the part saw before its first start belongs to the run in progress here.
      if (a.open && bt.leadStopped && !a.open.stopped) {
        a.open.stopped = true;
        a.open.stop = move(bt.leadStop);
      } else if (!a.open && bt.leadStopped && !a.leadStopped) {
        a.leadStopped = true;
        a.leadStop = move(bt.leadStop);
      }
      if (bt.started) {
        const last = bt.leadTimed > 0 ? move(bt.leadLast) : a.last;
        if (a.open) {
          end(a.open, a.timed + bt.leadTimed, last);
          if (!a.open.stopped) {
            this.uncleanCount++;
            if (bt.firstStart !== undefined) this.grid.rows[UNCLEAN * BUCKETS + this.grid.at(bt.firstStart + shift.seconds)]++;
          }
        } else {
          a.started = true;
          a.leadTimed = a.timed + bt.leadTimed;
          a.leadLast = last;
          a.firstStart = move(bt.firstStart);
        }
        a.open = bt.open === undefined ? undefined : runs[bt.open];
      }
      a.timed += bt.timed;
      a.untimed += bt.untimed;
      if (bt.last !== undefined) a.last = move(bt.last);
    }
    // The part's runs, in order; those it left out of its list (a long crash loop) are counted.
    for (const r of runs) this.push(r);
    this.runCount += b.runCount - runs.length;
    this.uncleanCount += b.unclean;
    // A part's first status of a signature is a change only if it differs from the last one here.
    let status = b.status;
    let count = b.statusCount;
    for (const [id, text, t] of b.statusFirst) {
      if (this.statusLast.get(id) !== text) {
        if (!this.statusFirst.has(id)) this.statusFirst.set(id, [text, move(t)]);
        continue;
      }
      count--;
      if (t !== undefined) this.grid.rows[STATUS * BUCKETS + this.grid.at(t + shift.seconds)]--;
      const i = status.findIndex((s) => s.signature === id);
      if (i !== -1) status = [...status.slice(0, i), ...status.slice(i + 1)];
    }
    // A part that could not list all its changes leaves a gap: nothing after it may be listed.
    if (this.statusWhole) for (const s of status) if (this.status.length < this.statusCap) this.status.push({ ...s, line: s.line + shift.lines, t: move(s.t) });
    if (status.length < count) this.statusWhole = false;
    this.statusCount += count;
    for (const [id, text] of b.statusLast) this.statusLast.set(id, text);
  }

  /** The timeline as reported; `findings` says, per finding, where its evidence comes from. */
  report(findings: readonly FindingSources[]): TimelineReport {
    const g = this.grid;
    const n = g.used;
    const levels: TimelineReport['levels'] = {};
    for (let r = 0; r <= OTHER; r++) {
      const row = g.row(r);
      if (row.some((x) => x > 0)) levels[r === OTHER ? 'other' : LEVEL_BY_RANK[r]] = row;
    }
    return {
      ...(this.clock ? { clock: this.clock } : {}),
      start: g.start * g.width, width: g.width, buckets: n, levels,
      starts: g.row(STARTS), stops: g.row(STOPS), unclean: g.row(UNCLEAN), statusChanges: g.row(STATUS),
      runs: [...this.head, ...this.tail].map(({ n: _n, ...r }) => defined(r)), runCount: this.runCount,
      status: this.status.slice(0, STATUS_KEPT).map(defined), statusCount: this.statusCount,
      findings: findings.map((f) => {
        const counts = new Array<number>(n).fill(0);
        let timed = 0;
        let all = 0;
        const add = (a: ArrayLike<number>) => {
          for (let i = 0; i < n; i++) {
            counts[i] += a[i];
            timed += a[i];
          }
        };
        for (const id of f.signatures) {
          all += f.count(id);
          const a = g.sigs.get(id);
          if (a) add(a);
        }
        for (const t of f.lines ?? []) {
          all++;
          const i = t === undefined || n === 0 ? -1 : Math.floor(t / g.width) - g.start;
          if (i >= 0 && i < n) {
            counts[i]++;
            timed++;
          }
        }
        if (f.derived?.includes('uncleanRestarts')) {
          all += this.uncleanCount;
          add(g.rows.subarray(UNCLEAN * BUCKETS, UNCLEAN * BUCKETS + n));
        }
        return { rule: f.rule, counts, untimed: all - timed };
      }),
      sources: [...this.tracks.values()].map((t) => ({ name: t.name, timed: t.timed, untimed: t.untimed })),
    };
  }

  /** Closes the runs still open: each ends with its source's last line. */
  finish(): void {
    for (const t of this.tracks.values()) if (t.open) end(t.open, t.timed, t.last);
  }
}

/** The row of lines without a level (syslog mode, systemd, kernel, crash text). */
export const OTHER_ROW = OTHER;
