// What each signature costs the per-line matcher, in milliseconds per million lines. The corpus
// is generated (no real logs) and the same every run: messages built from every signature's
// literal and fixed text, long near-misses that make each pattern work, and unrelated noise.
import type { Signature } from '../match/signature.js';
import { fixedRuns } from './pattern-text.js';

export interface SignatureCost {
  id: string;
  msPerMillionLines: number;
}

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

/** Times each signature over the corpus: the best of three rounds, so noise only lowers it. */
export function measureCosts(signatures: Signature[], now: () => number = () => performance.now()): SignatureCost[] {
  const lines = corpus(signatures);
  const lower = lines.map((l) => l.toLowerCase());
  return signatures.map((s) => {
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t0 = now();
      for (let i = 0; i < lines.length; i++) {
        if (lower[i].includes(s.literalLower) && s.regex) s.regex.exec(lines[i]);
      }
      best = Math.min(best, now() - t0);
    }
    return { id: s.id, msPerMillionLines: (best / lines.length) * 1e6 };
  });
}
