// Patterns in rules and signatures come from contributors. Before one is compiled it must pass a
// structural check against the shapes that backtrack catastrophically: a quantified group that
// itself contains a quantifier ((a+)+, (\w*)*, (a|a)*), and back-references.
const cache = new Map<string, RegExp>();

export function unsafeReason(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  // Walk the pattern tracking, per open group, whether it contains a quantifier.
  const stack: boolean[] = [];
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
    else if (ch === '(') stack.push(false);
    else if (ch === ')') {
      const quantifiedInside = stack.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}/.test(source.slice(i + 1)) && !/^\{\d+\}/.test(source.slice(i + 1)));
      if (quantified && quantifiedInside) return `nested quantifier at position ${i}: a repeated group must not contain a repetition`;
      if (stack.length > 0 && (quantified || quantifiedInside)) stack[stack.length - 1] = true;
    } else if ((ch === '*' || ch === '+' || ch === '{') && stack.length > 0) {
      stack[stack.length - 1] = true;
    }
  }
  return undefined;
}

/** Compiles a contributor's pattern case-insensitively, refusing unsafe ones. */
export function compileUserRegex(source: string): RegExp {
  let re = cache.get(source);
  if (re) return re;
  const why = unsafeReason(source);
  if (why) throw new Error(`unsafe pattern /${source}/: ${why}`);
  re = new RegExp(source, 'i');
  if (cache.size < 5000) cache.set(source, re);
  return re;
}
