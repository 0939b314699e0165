// "Did you mean": the known names closest to what the user typed, by edit distance.

/** Levenshtein distance, two rows: ids and templates are short. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Up to `n` names nearest to `typed`: names containing it come first (a fragment such as
 * "clock" finds every clock rule), then by edit distance, within a distance that still looks
 * like a typo.
 */
export function nearest(typed: string, names: Iterable<string>, n = 3): string[] {
  const t = typed.toLowerCase();
  const scored = [...names].map((name) => {
    const l = name.toLowerCase();
    return { name, d: l.includes(t) || t.includes(l) ? 0 : editDistance(t, l) };
  });
  const limit = Math.max(3, Math.ceil(t.length / 2));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, n)
    .map((s) => s.name);
}
