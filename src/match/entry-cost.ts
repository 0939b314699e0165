// What each signature costs per line, measured on real entries: the number the lint budget and
// `analyze --profile` show. Pure (performance.now exists in browsers and Node).
import type { Entry } from '../model.js';
import type { Signature } from './signature.js';

export interface EntryCost {
  id: string;
  /** Time spent on this signature, averaged over every entry given (what it adds to each line). */
  nsPerLine: number;
  /** Entries the module index routes to this signature (the only ones it is tested on). */
  tested: number;
  hits: number;
}

/** Whether the matcher's index hands this entry to this signature at all. */
function routed(s: Signature, e: Entry): boolean {
  if (e.kind !== s.kind) return false;
  if (s.kind !== 'log') return true;
  return s.module === '*' ? e.module !== '' : e.module.toLowerCase() === s.module.toLowerCase();
}

/** The matcher's per-signature test: level, then literal, then pattern. */
function test(s: Signature, e: Entry): boolean {
  if (s.levels && e.level !== undefined && !s.levels.includes(e.level)) return false;
  if (!e.message.toLowerCase().includes(s.literalLower)) return false;
  return s.regex ? s.regex.exec(e.message) !== null : true;
}

/** Measures every signature over `entries` (repeat `rounds` times and keep the fastest, to shed noise). */
export function entryCosts(signatures: readonly Signature[], entries: readonly Entry[], rounds = 3): EntryCost[] {
  const out: EntryCost[] = [];
  if (entries.length === 0) return out;
  for (const s of signatures) {
    const mine = entries.filter((e) => routed(s, e));
    let best = Infinity;
    let hits = 0;
    for (let r = 0; r < rounds; r++) {
      hits = 0;
      const t0 = performance.now();
      for (const e of mine) if (test(s, e)) hits++;
      best = Math.min(best, performance.now() - t0);
    }
    out.push({ id: s.id, nsPerLine: (best * 1e6) / entries.length, tested: mine.length, hits });
  }
  return out.sort((a, b) => b.nsPerLine - a.nsPerLine);
}
