// The timeline of a case as the report carries it (docs/report-schema.md), and where a finding's
// evidence lies on it: the shapes the report stage reads, apart from how the timeline is built.
import type { Level } from '../model.js';
import { BUCKETS, UNCLEAN, type Grid } from './timeline-grid.js';

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

/** The lines of finding `f`'s evidence per bucket of `g`'s first `n`, and those without a time; `unclean` as the timeline counted them. */
export function findingBuckets(g: Grid, n: number, f: FindingSources, unclean: number): { rule: string; counts: number[]; untimed: number } {
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
    all += unclean;
    add(g.rows.subarray(UNCLEAN * BUCKETS, UNCLEAN * BUCKETS + n));
  }
  return { rule: f.rule, counts, untimed: all - timed };
}

/** A copy without the fields that are undefined: the report reads the same however it was built. */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
