// The fixed text of a pattern: the runs of plain characters every match must contain. Used to
// check that a signature's literal is really part of its message, and by check-source to compare
// a pattern with i2pd's templates.

const META = new Set(['.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$']);
const ESCAPED_PLAIN = /[^A-Za-z0-9]/;

/** Runs of fixed text at the top level of the pattern (inside groups is not fixed). */
export function fixedRuns(pattern: string): string[] {
  if (topLevelAlternation(pattern)) return [];
  const runs: string[] = [];
  let cur = '';
  let depth = 0;
  let inClass = false;
  const cut = () => {
    if (cur) runs.push(cur);
    cur = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    const next = pattern[i + 1];
    const optional = next === '?' || next === '*' || (next === '{' && /^\{0[,}]/.test(pattern.slice(i + 1)));
    if (ch === '\\') {
      const esc = pattern[i + 1];
      i++;
      const after = pattern[i + 1];
      const opt = after === '?' || after === '*' || after === '+' || after === '{';
      if (depth === 0 && !inClass && esc !== undefined && ESCAPED_PLAIN.test(esc) && !opt) cur += esc;
      else cut();
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      cut();
    } else if (ch === '(') {
      depth++;
      cut();
    } else if (ch === ')') {
      depth--;
      cut();
    } else if (META.has(ch)) cut();
    else if (depth === 0) {
      if (optional || next === '+' || next === '{') cut();
      else cur += ch;
    }
  }
  cut();
  return runs;
}

function topLevelAlternation(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}
