// `rules check-source`: i2pd's LogPrint calls reduced to templates (string literals kept, every
// other argument `{}`), and the signatures whose literal none of them contains any more.
import type { Signature } from '../match/signature.js';

export interface Drift {
  id: string;
  literal: string;
  file?: string;
  closest?: { template: string; where: string };
}

export interface Template {
  text: string;
  /** file:line */
  where: string;
}

const CALL = /\bLogPrint\s*\(\s*eLog\w+\s*,/g;

/** The templates of every LogPrint call in one source file. */
export function templatesOf(source: string, file: string): Template[] {
  const out: Template[] = [];
  for (const m of source.matchAll(CALL)) {
    const text = argsTemplate(source, m.index + m[0].length);
    if (text === undefined) continue;
    out.push({ text, where: `${file}:${source.slice(0, m.index).split('\n').length}` });
  }
  return out;
}

/** Reads the arguments up to the call's closing parenthesis: literals kept, anything else `{}`. */
export function argsTemplate(s: string, i: number): string | undefined {
  let out = '';
  let depth = 0;
  let inArg = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      let j = i + 1;
      let lit = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\') {
          const n = s[j + 1];
          lit += n === 'n' || n === 't' ? ' ' : n;
          j += 2;
        } else lit += s[j++];
      }
      out += lit;
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (inArg) out += '{}';
        return out;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      if (inArg) out += '{}';
      inArg = false;
      continue;
    } else if (c === ';') return undefined;
    // A non-literal token at the top level of an argument makes it an argument, not a literal.
    if (depth > 0 || /[A-Za-z0-9_]/.test(c)) inArg = inArg || !/\s/.test(c);
  }
  return undefined;
}

const words = (s: string) => new Set(s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1));

/** Log signatures whose literal appears in no template, each with the template sharing most words. */
export function findDrift(signatures: Signature[], templates: Template[]): Drift[] {
  const lower = templates.map((t) => ({ ...t, lower: t.text.toLowerCase(), words: words(t.text) }));
  const out: Drift[] = [];
  for (const s of signatures) {
    if (s.kind && s.kind !== 'log') continue;
    if (lower.some((t) => t.lower.includes(s.literalLower))) continue;
    // A literal may run across an argument (`to {}` filled with an errno text): fine when enough of it is fixed text.
    const need = Math.min(8, s.literalLower.length);
    if (lower.some((t) => t.text.includes('{}') && fixedMatched(s.literalLower, t.lower) >= need)) continue;
    const want = words(s.literal);
    let best: (typeof lower)[number] | undefined;
    let bestScore = 0;
    for (const t of lower) {
      let shared = 0;
      for (const w of want) if (t.words.has(w)) shared++;
      const score = shared / (want.size + t.words.size - shared || 1);
      if (score > bestScore) {
        bestScore = score;
        best = t;
      }
    }
    out.push({ id: s.id, literal: s.literal, file: s.file, closest: best ? { template: best.text, where: best.where } : undefined });
  }
  return out;
}

/**
 * The most literal characters matched by fixed text when `literal` is read as a substring of an
 * instance of `template` (each `{}` standing for any text); -1 when it cannot be.
 */
export function fixedMatched(literal: string, template: string): number {
  const t = template.split('{}');
  const parts: (string | null)[] = [];
  t.forEach((p, i) => {
    if (i > 0) parts.push(null);
    for (const ch of p) parts.push(ch);
  });
  const L = literal.length;
  const T = parts.length;
  // best[li][ti]: most fixed characters matching literal[li..] from template position ti.
  let next = new Array<number>(L + 1).fill(-1);
  next[L] = 0;
  const memo: number[][] = [];
  for (let ti = T; ti >= 0; ti--) {
    const row = new Array<number>(L + 1).fill(-1);
    row[L] = 0;
    for (let li = L - 1; li >= 0; li--) {
      if (ti === T) continue;
      const p = parts[ti];
      if (p === null) row[li] = Math.max(next[li], row[li + 1]);
      else if (p === literal[li] && next[li + 1] >= 0) row[li] = next[li + 1] + 1;
    }
    memo[ti] = row;
    next = row;
  }
  let best = -1;
  for (let ti = 0; ti < T; ti++) best = Math.max(best, memo[ti][0]);
  return best;
}
