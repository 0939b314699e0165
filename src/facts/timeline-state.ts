// What a timeline keeps per source while it reads, and the plain data it hands another thread:
// parts of one log read in parallel are merged through these (Timeline.state, Timeline.merge).
import type { GridState } from './timeline-grid.js';
import type { Run, StatusChange } from './timeline-report.js';

/** A run as kept while reading: `n` is the number of timed lines of its source before its start. */
export interface OpenRun extends Run {
  n: number;
}

/** What the timeline knows of one source. */
export interface Track {
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

export interface TrackState extends Omit<Track, 'open'> {
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

/** Ends a run with the last timed line of its source (`timed` of them so far), if one came after its start. */
export function end(run: OpenRun, timed: number, last: number | undefined): void {
  run.end = timed > run.n ? last : undefined;
}
