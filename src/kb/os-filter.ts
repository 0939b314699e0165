// A Fix section has one sub-section per system where the fix differs. When the log tells which
// system it came from, the report shows that system's fix and the ones that apply everywhere,
// and says that the others are in the full article.
const FAMILIES: Array<[RegExp, string[]]> = [
  [/\blinux\b|\bdebian\b|\bubuntu\b|\bfedora\b|\barch\b|\bdocker\b|\bopenwrt\b|\bandroid\b|\bsystemd\b/i, ['linux']],
  [/\bfreebsd\b|\bopenbsd\b|\bnetbsd\b|\bdragonfly/i, ['bsd']],
  [/\bmacos\b|\bmac os\b|\bos x\b|\bdarwin\b/i, ['macos', 'bsd']],
  [/\bwindows\b/i, ['windows']],
];

/** The families a heading is specific to, or undefined when it applies to any system. */
function familiesOf(heading: string): string[] | undefined {
  const out: string[] = [];
  for (const [re, fams] of FAMILIES) if (re.test(heading)) out.push(...fams);
  return out.length ? out : undefined;
}

export function fixForOs(md: string, os: string | undefined): { md: string; omitted: string[] } {
  if (!os) return { md, omitted: [] };
  const parts = md.split(/^(?=###\s)/m);
  const kept: string[] = [];
  const omitted: string[] = [];
  for (const p of parts) {
    const h = /^###\s+(.+)$/m.exec(p);
    const fams = h ? familiesOf(h[1]) : undefined;
    if (!h || !fams || fams.includes(os)) kept.push(p);
    else omitted.push(h[1].trim());
  }
  // A fix that only has sections for other systems is still better shown whole.
  if (!kept.some((p) => /^###\s/m.test(p)) && omitted.length) return { md, omitted: [] };
  return { md: kept.join('').trimEnd(), omitted };
}
