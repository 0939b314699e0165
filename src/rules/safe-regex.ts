// Patterns in rules and signatures come from contributors. Before one is compiled it must pass a
// structural check against the shapes that backtrack catastrophically:
// - a repeated group that itself contains a repetition or an optional part: (a+)+, (\w*)*, (a?b)*;
// - a group with an unbounded repetition inside, repeated a fixed number of times: (.*a){20} is
//   twenty .*a in a row, a polynomial of the 20th degree;
// - a repeated group with alternatives that may match the same text: (a|a)*, (\w|x)+;
// - two repetitions side by side of the same thing, or of anything: .*.*, \d+\d+, .+\w*;
// - back-references.
// Matching is also bounded at run time (see the matcher): this check keeps the common mistakes
// out of the content before they reach anyone.
import { linearRegex, type Pattern } from '../match/linear-regex.js';

const cache = new Map<string, Pattern>();

/** An atom a repetition applies to, for the side-by-side check. */
const ATOM = String.raw`(?:\.|\\[wWdDsS]|\[(?:\\.|[^\]\\])*\]|\\.|[^\\()[\]|*+?{}^$])`;
const ADJACENT = new RegExp(`(${ATOM})(?:[*+]|\\{\\d+,\\})\\??(${ATOM})(?:[*+]|\\{\\d+,\\})`, 'g');

// Only the plain cases: partial overlaps (\d+\S*) are quadratic at worst, and the matcher's
// input cap and time budget bound those.
function overlaps(a: string, b: string): boolean {
  return a === '.' || b === '.' || a === b;
}

/** A repeated group's alternatives are safe when each is plain text and no two start alike. */
function alternativesOverlap(body: string): boolean {
  const alts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      alts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  if (alts.length === 0) return false;
  alts.push(body.slice(start));
  const firsts = new Set<string>();
  for (let a of alts) {
    a = a.replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, '');
    if (a === '' || /[\\.[\]()*+?{}]/.test(a)) return true;
    const f = a[0].toLowerCase();
    if (firsts.has(f)) return true;
    firsts.add(f);
  }
  return false;
}

export function unsafeReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  // Walk the pattern tracking, per open group, whether it contains a repetition (or an optional
  // part) and where it starts.
  const stack: { inner: boolean; unbounded: boolean; start: number }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') stack.push({ inner: false, unbounded: false, start: i + 1 });
    else if (ch === ')') {
      const g = stack.pop() ?? { inner: false, unbounded: false, start: 0 };
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1)) && !/^\{\d+\}/.test(source.slice(i + 1)));
      if (quantified && g.inner) return `nested quantifier at position ${i}: a repeated group must not contain a repetition or an optional part`;
      const times = /^\{(\d+)(?:,(\d*))?\}/.exec(source.slice(i + 1));
      if (times && g.unbounded && Math.max(Number(times[1]), Number(times[2] || 0)) >= 2) return `nested quantifier at position ${i}: a group with an unbounded repetition inside, repeated ${times[0]}, backtracks as a polynomial of that degree; write the repetition out with literals between, or bound it`;
      if (quantified && alternativesOverlap(source.slice(g.start, i))) return `repeated alternatives at position ${i}: alternatives inside a repeated group must be plain text starting with different characters`;
      if (stack.length > 0 && (quantified || g.inner)) stack[stack.length - 1].inner = true;
      if (stack.length > 0 && (g.unbounded || next === '*' || next === '+' || (times !== null && times[2] === ''))) stack[stack.length - 1].unbounded = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && stack.length > 0) {
      stack[stack.length - 1].inner = true;
      if (ch !== '{' || /^\{\d+,\}/.test(source.slice(i))) stack[stack.length - 1].unbounded = true;
    } else if (ch === '?' && stack.length > 0 && source[i - 1] !== '(' && !/[*+?}]/.test(source[i - 1] ?? '')) {
      // `x?` makes part of the group optional; `(?:`, `(?<name>` and lazy `+?` do not.
      stack[stack.length - 1].inner = true;
    }
  }
  for (const m of source.matchAll(ADJACENT)) {
    if (overlaps(m[1], m[2])) return `adjacent repetitions "${m[0]}" at position ${m.index}: they can take the same characters; put a literal between them or make one bounded`;
  }
  return undefined;
}

/**
 * Patterns of a pack's rules, compiled in the linear-time engine when the pack was loaded: the
 * operator meets only the pattern's text, so the engine is chosen by it. Bounded like the cache.
 */
const untrusted = new Map<string, Pattern>();

/** Compiles a pack's pattern in the linear-time engine; `compileUserRegex` then gives that one. */
export function trustNot(source: string): void {
  if (!untrusted.has(source) && untrusted.size < 10_000) untrusted.set(source, linearRegex(source));
}

/** Compiles a contributor's pattern case-insensitively, refusing unsafe ones. */
export function compileUserRegex(source: string): Pattern {
  const linear = untrusted.get(source);
  if (linear) return linear;
  let re = cache.get(source);
  if (re) return re;
  const why = unsafeReason(source);
  if (why) throw new Error(`unsafe pattern /${source}/: ${why}`);
  re = new RegExp(source, 'i');
  if (cache.size < 5000) cache.set(source, re);
  return re;
}
