// What one signature saw in a case, kept in bounded memory: counts, first and last occurrence,
// a few examples, distinct capture values and the densest minute.
import type { EvidenceLine, Occurrence, Signal } from '../model.js';
import { WindowCounter } from './window.js';

const EXAMPLES = 5;
const SHOWN_VALUES = 20;
const TRACKED_VALUES = 10_000;

export class SignalAccumulator {
  count = 0;
  first?: Occurrence;
  last?: Occurrence;
  private lastCaptures: Record<string, string> = {};
  private readonly examples: EvidenceLine[] = [];
  private readonly values = new Map<string, Set<string>>();
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
      for (const k in captures) {
        const v = captures[k];
        if (v === undefined) continue;
        let set = this.values.get(k);
        if (!set) this.values.set(k, (set = new Set()));
        if (set.size < TRACKED_VALUES) set.add(v);
      }
    }
  }

  toSignal(): Signal {
    const captures: Record<string, string[]> = {};
    const distinct: Record<string, number> = {};
    for (const [k, set] of this.values) {
      captures[k] = [...set].slice(0, SHOWN_VALUES);
      distinct[k] = set.size;
    }
    return {
      id: this.id, count: this.count, first: this.first, last: this.last, examples: this.examples,
      captures, lastCaptures: this.lastCaptures, distinct, maxPerMinute: this.minute.max, maxPer10Minutes: this.tenMinutes.max,
    };
  }
}

export function emptySignal(id: string): Signal {
  return { id, count: 0, examples: [], captures: {}, lastCaptures: {}, distinct: {}, maxPerMinute: 0, maxPer10Minutes: 0 };
}
