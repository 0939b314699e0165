// What one signature saw in a case, kept in bounded memory: counts, first and last occurrence,
// a few examples, distinct capture values and the densest minute.
import type { EvidenceLine, Occurrence, Signal } from '../model.js';
import { WindowCounter, type WindowState } from './window.js';

const EXAMPLES = 5;
const SHOWN_VALUES = 20;
const TRACKED_VALUES = 10_000;
/** Lines kept per shown capture value, as the evidence of a condition on that value. */
const LINES_PER_VALUE = 3;

export class SignalAccumulator {
  count = 0;
  first?: Occurrence;
  last?: Occurrence;
  private lastCaptures: Record<string, string> = {};
  private hasCaptures = false;
  private readonly examples: EvidenceLine[] = [];
  private readonly values = new Map<string, Set<string>>();
  /** The first lines of each shown value, per capture (SHOWN_VALUES values, LINES_PER_VALUE lines each). */
  private readonly valueLines = new Map<string, Map<string, EvidenceLine[]>>();
  private readonly minute = new WindowCounter(60);
  private readonly tenMinutes = new WindowCounter(600);

  constructor(readonly id: string) {}

  add(o: Occurrence, captures: Record<string, string> | undefined): void {
    this.count++;
    if (!this.first) this.first = o;
    this.last = o;
    if (this.examples.length < EXAMPLES) this.examples.push({ source: o.source, line: o.line, text: o.text });
    if (o.t !== undefined) {
      this.minute.add(o.t);
      this.tenMinutes.add(o.t);
    }
    if (captures) {
      this.lastCaptures = captures;
      this.hasCaptures = true;
      for (const k in captures) {
        const v = captures[k];
        if (v === undefined) continue;
        let set = this.values.get(k);
        if (!set) this.values.set(k, (set = new Set()));
        // A copy: the capture is a slice of its line, and 10,000 of them would keep 10,000 lines.
        if (set.size < TRACKED_VALUES && !set.has(v)) set.add(v.length > 12 ? (JSON.parse(JSON.stringify(v)) as string) : v);
        let lines = this.valueLines.get(k);
        if (!lines) this.valueLines.set(k, (lines = new Map()));
        const at = lines.get(v);
        if (at) {
          if (at.length < LINES_PER_VALUE) at.push({ source: o.source, line: o.line, text: o.text });
        } else if (lines.size < SHOWN_VALUES) lines.set(v, [{ source: o.source, line: o.line, text: o.text }]);
      }
    }
  }

  /** Plain data for another thread; `merge` takes it back. */
  state(): SignalState {
    return {
      id: this.id, count: this.count, first: this.first, last: this.last, lastCaptures: this.hasCaptures ? this.lastCaptures : undefined,
      examples: this.examples, values: [...this.values].map(([k, set]) => [k, [...set]]), minute: this.minute.state(), tenMinutes: this.tenMinutes.state(),
      valueLines: [...this.valueLines].map(([k, m]) => [k, [...m]]),
    };
  }

  /**
   * Adds what the same signature saw in a later part of the log: the result is what one
   * accumulator over both parts would hold. `shift` moves its lines and times onto this part's.
   */
  merge(b: SignalState, shift: { lines: number; seconds: number }): void {
    const move = <T extends Occurrence | EvidenceLine>(o: T): T => ({ ...o, line: o.line + shift.lines, ...('t' in o && o.t !== undefined ? { t: o.t + shift.seconds } : {}) });
    this.count += b.count;
    if (!this.first && b.first) this.first = move(b.first);
    if (b.last) this.last = move(b.last);
    for (const e of b.examples) if (this.examples.length < EXAMPLES) this.examples.push(move(e));
    if (b.lastCaptures) {
      this.lastCaptures = b.lastCaptures;
      this.hasCaptures = true;
    }
    for (const [k, vals] of b.values) {
      let set = this.values.get(k);
      if (!set) this.values.set(k, (set = new Set()));
      for (const v of vals) if (set.size < TRACKED_VALUES) set.add(v);
    }
    for (const [k, entries] of b.valueLines) {
      let lines = this.valueLines.get(k);
      if (!lines) this.valueLines.set(k, (lines = new Map()));
      for (const [v, es] of entries) {
        const at = lines.get(v);
        if (at) for (const e of es) { if (at.length < LINES_PER_VALUE) at.push(move(e)); }
        else if (lines.size < SHOWN_VALUES) lines.set(v, es.slice(0, LINES_PER_VALUE).map(move));
      }
    }
    this.minute.merge(shiftWindow(b.minute, shift.seconds));
    this.tenMinutes.merge(shiftWindow(b.tenMinutes, shift.seconds));
  }

  toSignal(): Signal {
    const captures: Record<string, string[]> = {};
    const distinct: Record<string, number> = {};
    const valueLines: Record<string, Record<string, EvidenceLine[]>> = {};
    for (const [k, set] of this.values) {
      captures[k] = [...set].slice(0, SHOWN_VALUES);
      distinct[k] = set.size;
    }
    for (const [k, m] of this.valueLines) valueLines[k] = Object.fromEntries(m);
    return {
      id: this.id, count: this.count, first: this.first, last: this.last, examples: this.examples,
      captures, lastCaptures: this.lastCaptures, distinct, valueLines, maxPerMinute: this.minute.max, maxPer10Minutes: this.tenMinutes.max,
    };
  }
}

export function emptySignal(id: string): Signal {
  return { id, count: 0, examples: [], captures: {}, lastCaptures: {}, distinct: {}, valueLines: {}, maxPerMinute: 0, maxPer10Minutes: 0 };
}

/** Whether a signal is, field for field, what emptySignal gives: the value rules' guards were found on. */
export function isEmptySignal(s: Signal): boolean {
  const none = (o: object) => Object.keys(o).length === 0;
  return s.count === 0 && s.first === undefined && s.last === undefined && s.examples.length === 0 && s.maxPerMinute === 0 && s.maxPer10Minutes === 0 &&
    none(s.captures) && none(s.lastCaptures) && none(s.distinct) && none(s.valueLines);
}

export interface SignalState {
  id: string;
  count: number;
  first?: Occurrence;
  last?: Occurrence;
  lastCaptures?: Record<string, string>;
  examples: EvidenceLine[];
  values: Array<[string, string[]]>;
  valueLines: Array<[string, Array<[string, EvidenceLine[]]>]>;
  minute: WindowState;
  tenMinutes: WindowState;
}

/** Whole days move no bucket of a ring of 60 or 600 seconds; only the absolute times change. */
function shiftWindow(w: WindowState, seconds: number): WindowState {
  return { ...w, head: w.head + seconds, first: w.first + seconds };
}
