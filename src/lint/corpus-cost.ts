// What each signature costs the per-line matcher, in milliseconds per million lines. The corpus
// is generated (no real logs) and the same every run: messages built from every signature's
// literal and fixed text, long near-misses that make each pattern work, and unrelated noise.
import type { Signature } from '../match/signature.js';
import { fixedRuns } from './pattern-text.js';

export interface CorpusCost {
  id: string;
  msPerMillionLines: number;
  /** Set when its measurement hit the bound: it spent that long on that many of the lines. */
  stopped?: { ms: number; lines: number; of: number };
}

/**
 * A round of one signature over the corpus stops once it spends this long: the cost so far is
 * already over any budget, and a pattern that crawls must not hold lint for minutes.
 */
export const ROUND_LIMIT_MS = 500;

function corpus(signatures: Signature[]): string[] {
  const lines: string[] = [];
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const words = ['Tunnel', 'session', 'NetDb', 'router', 'peer', '192.0.2.7:4567', 'expired', 'ok', ':', '(', ')', '"', '='];
  const noise = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
  for (const s of signatures) {
    const runs = s.pattern ? fixedRuns(s.pattern) : [s.literal];
    lines.push(runs.join(noise(2)));
    lines.push(`${s.literal} ${noise(12)}`);
    lines.push(`${s.literal}${' a: ('.repeat(150)}`);
    for (let i = 0; i < 3; i++) lines.push(noise(4 + Math.floor(rand() * 20)));
  }
  return lines;
}

/**
 * A round over the budget's rate is only stopped once it has spent this long: a pause of the
 * machine (another process, a GC) on a busy 2-core box is tens of milliseconds.
 */
const RATE_MIN_MS = 50;

/**
 * Times each signature over the corpus: the best of three rounds, so noise only lowers it. A
 * round stops early once it passes ROUND_LIMIT_MS (the cost is what it had spent per line), or
 * once, past a tenth of the corpus and RATE_MIN_MS, it runs at over four times `budget` ms per
 * million lines; a round stopped by the rate may have been a pause, so the next round tries again.
 * A signature is reported stopped only when no round finished.
 */
export function measureCosts(signatures: Signature[], now: () => number = () => performance.now(), budget = Infinity): CorpusCost[] {
  const lines = corpus(signatures);
  const lower = lines.map((l) => l.toLowerCase());
  return signatures.map((s) => {
    let best = Infinity;
    let stopped: CorpusCost | undefined;
    for (let round = 0; round < 3; round++) {
      const t0 = now();
      let i = 0;
      let cut: { spent: number; final: boolean } | undefined;
      for (; i < lines.length; i++) {
        if (lower[i].includes(s.literalLower) && s.regex) s.regex.exec(lines[i]);
        // Checked every 64 lines: the clock costs more than a line that fails its literal.
        if ((i & 63) === 63) {
          const spent = now() - t0;
          if (spent > ROUND_LIMIT_MS || (spent > RATE_MIN_MS && i > lines.length / 10 && (spent / (i + 1)) * 1e6 > budget * 4)) {
            cut = { spent, final: spent > ROUND_LIMIT_MS };
            break;
          }
        }
      }
      if (!cut) {
        best = Math.min(best, now() - t0);
        continue;
      }
      const rate = (cut.spent / (i + 1)) * 1e6;
      if (!stopped || rate < stopped.msPerMillionLines) stopped = { id: s.id, msPerMillionLines: rate, stopped: { ms: Math.round(cut.spent), lines: i + 1, of: lines.length } };
      // A whole round limit spent: that is no pause, and trying again would only spend it again.
      if (cut.final) break;
    }
    if (best < Infinity) return { id: s.id, msPerMillionLines: (best / lines.length) * 1e6 };
    return stopped!;
  });
}
