// A Fix section has one sub-section per system where the fix differs. When the case tells which
// platform it came from, the report shows that platform's fix first, then the fixes of the
// family it belongs to (an OpenWrt router is a Linux), then the ones that apply everywhere, and
// says that the others are in the full article.
const TAGS: Array<[RegExp, string]> = [
  [/\blinux\b|\bdebian\b|\bubuntu\b|\bfedora\b|\barch\b|\bsystemd\b|\braspbian\b|\bcentos\b|\bgentoo\b|\balpine\b/i, 'linux'],
  [/\bandroid\b/i, 'android'],
  [/\bopenwrt\b|\blede\b/i, 'openwrt'],
  [/\bdocker\b|\bpodman\b|\bkubernetes\b|\bcompose\b/i, 'docker'],
  [/\bfreebsd\b/i, 'freebsd'],
  [/\bopenbsd\b/i, 'openbsd'],
  [/\bnetbsd\b|\bdragonfly|\bbsd\b/i, 'bsd'],
  [/\bmacos\b|\bmac os\b|\bos x\b|\bdarwin\b|\bhomebrew\b/i, 'macos'],
  [/\bwindows\b/i, 'windows'],
];

/** Per platform, the section tags that apply to it, the most specific first. */
const ACCEPT: Record<string, string[]> = {
  linux: ['linux'],
  android: ['android'],
  openwrt: ['openwrt', 'linux'],
  docker: ['docker', 'linux'],
  freebsd: ['freebsd', 'bsd'],
  openbsd: ['openbsd', 'bsd'],
  // BSD errno numbers alone cannot tell FreeBSD, OpenBSD and macOS apart.
  bsd: ['bsd', 'freebsd', 'openbsd', 'macos'],
  macos: ['macos'],
  windows: ['windows'],
};

/** The platforms a heading is specific to, or undefined when it applies to any system. */
function tagsOf(heading: string): string[] | undefined {
  const out = TAGS.filter(([re]) => re.test(heading)).map(([, tag]) => tag);
  return out.length ? out : undefined;
}

export function fixForOs(md: string, os: string | undefined): { md: string; omitted: string[] } {
  const accept = os === undefined ? undefined : ACCEPT[os];
  if (!accept) return { md, omitted: [] };
  const parts = md.split(/^(?=###\s)/m);
  const intro: string[] = [];
  const specific: Array<{ part: string; rank: number }> = [];
  const general: string[] = [];
  const omitted: string[] = [];
  for (const p of parts) {
    const h = /^###\s+(.+)$/m.exec(p);
    if (!h) {
      intro.push(p);
      continue;
    }
    const tags = tagsOf(h[1]);
    if (!tags) {
      general.push(p);
      continue;
    }
    const rank = Math.min(...tags.map((t) => (accept.includes(t) ? accept.indexOf(t) : Infinity)));
    if (rank === Infinity) omitted.push(h[1].trim());
    else specific.push({ part: p, rank });
  }
  // A fix that only has sections for other systems is still better shown whole.
  if (specific.length === 0 && general.length === 0 && omitted.length) return { md, omitted: [] };
  specific.sort((a, b) => a.rank - b.rank);
  const kept = [...intro, ...specific.map((s) => s.part), ...general].map((p) => (p.endsWith('\n') ? p : `${p}\n\n`));
  return { md: kept.join('').trimEnd(), omitted };
}
