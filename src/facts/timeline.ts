// When things happened in a case, in bounded memory whatever the log's length: the buckets of a
// timeline-grid on the log's own clock (day rollover included). Each bucket counts lines per level,
// the starts and orderly stops of i2pd, status changes, and the lines each signature matched, so
// that a finding's evidence can be placed; the runs of i2pd and its status changes are listed.
// Parts of a log read on threads merge into exactly what one timeline over the whole holds.
import { LEVEL_BY_RANK } from '../model.js';
import type { Signature } from '../match/signature.js';
import { BUCKETS, Grid, OTHER, STARTS, STATUS, STOPS, UNCLEAN } from './timeline-grid.js';
import { defined, findingBuckets, type FindingSources, type StatusChange, type TimelineReport } from './timeline-report.js';
import { end, type OpenRun, type TimelineState, type Track } from './timeline-state.js';

/** Runs listed: the first and the last half of them; the buckets count all. */
const RUNS_KEPT = 50;
/** Status changes listed (the buckets count all). */
export const STATUS_KEPT = 100;
const STATUS_TEXT = 200;

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
      findings: findings.map((f) => findingBuckets(g, n, f, this.uncleanCount)),
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
