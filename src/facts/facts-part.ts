// What one log source added to a case's facts, as plain data for another thread: parts of one
// large file read on threads come back as these, and CaseFacts.merge appends them in order.
import type { Level } from '../model.js';
import type { ClockState } from './clock.js';
import type { KnownState } from './known-values.js';
import type { SignalState } from './signals.js';
import type { TimelineState } from './timeline-state.js';

export interface FactsPart extends KnownState {
  signals: SignalState[];
  clock?: ClockState;
  levels: Partial<Record<Level, number>>;
  osHints: Array<[string, number]>;
  maxRank: number;
  logEntries: number;
  entries: number;
  starts: number;
  firstT?: number;
  lastT?: number;
  firstTime?: string;
  lastTime?: string;
  timeline: TimelineState;
}
