// No i2pd line names the operating system; the errno numbers and Boost header paths that error
// texts carry do (see the errno table in shared/i2pd-reference.md, section 1.5).
const ERRNO_OS: Record<string, string> = {
  '55': 'bsd', '48': 'bsd', '49': 'bsd', '47': 'bsd', '51': 'bsd', '61': 'bsd',
  '105': 'linux', '98': 'linux', '99': 'linux', '97': 'linux', '101': 'linux', '111': 'linux',
};
const SYSTEM_CODE = /\[system:(\d+)(?: at ([^\s:]+))?/;

/** OS hints in one message: cheap to call, it tests one literal first. */
export function osHintsOf(message: string, out: Map<string, number>): void {
  const i = message.indexOf('[system:');
  if (i === -1) return;
  const m = SYSTEM_CODE.exec(message.slice(i));
  if (!m) return;
  const byCode = m[1].length === 5 && m[1].startsWith('100') ? 'windows' : ERRNO_OS[m[1]];
  if (byCode) addHint(out, byCode);
  const path = m[2] ?? '';
  if (path.startsWith('/opt/homebrew/')) addHint(out, 'macos');
  else if (path.startsWith('/usr/local/include/')) addHint(out, 'bsd');
  else if (path.startsWith('/usr/include/')) addHint(out, 'linux');
}

/** Counts a hint: a case holds counts, not one entry per line, so a long log cannot grow it. */
export function addHint(hints: Map<string, number>, os: string, n = 1): void {
  hints.set(os, (hints.get(os) ?? 0) + n);
}

/**
 * Platforms a report can name, each with the broader family it belongs to: a report that shows
 * both says the narrower one (an OpenWrt router runs Linux; FreeBSD is a BSD).
 */
const FAMILY: Record<string, string | undefined> = {
  linux: undefined, bsd: undefined, macos: 'bsd', windows: undefined,
  android: 'linux', openwrt: 'linux', docker: 'linux', freebsd: 'bsd', openbsd: 'bsd',
};

/** Of two platform names, the one that says more: `openwrt` over `linux`, else the first. */
export function morePrecise(a: string | undefined, b: string): string {
  if (a === undefined || a === b) return b;
  if (FAMILY[b] === a) return b;
  return a;
}

export function guessOs(hints: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [os, c] of hints) if (c > n) [best, n] = [os, c];
  // A narrower platform seen at all beats the family its errno numbers and paths point to.
  for (const os of hints.keys()) if (best !== undefined && FAMILY[os] === best) best = os;
  return best;
}
