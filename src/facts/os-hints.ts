// No i2pd line names the operating system; the errno numbers and Boost header paths that error
// texts carry do, and so do the modules that exist on one platform only. What each of them means
// is content (rules/derived/platforms.json, compiled by derivations.ts); this is how it is read.
import type { Derivations } from './derivations.js';

const SYSTEM_CODE = /\[system:(\d+)(?: at ([^\s:]+))?/;

/** OS hints in one message: cheap to call, it tests one literal first. */
export function osHintsOf(message: string, out: Map<string, number>, d: Derivations): void {
  const i = message.indexOf('[system:');
  if (i === -1) return;
  const m = SYSTEM_CODE.exec(message.slice(i));
  if (!m) return;
  const byCode = d.errno.get(m[1]) ?? errnoInRange(m[1], d);
  if (byCode) addHint(out, byCode);
  const path = m[2] ?? '';
  for (const h of d.headerPaths) {
    if (path.startsWith(h.prefix)) {
      addHint(out, h.os);
      break;
    }
  }
}

/** The platform of a range holding the number as printed (no leading zero: "010048" is no WSA code). */
function errnoInRange(code: string, d: Derivations): string | undefined {
  if (d.errnoRanges.length === 0 || code.charCodeAt(0) === 48) return undefined;
  const n = Number(code);
  for (const r of d.errnoRanges) if (n >= r.from && n <= r.to) return r.os;
  return undefined;
}

/**
 * The platform whose own module `line.slice(from, colon)` is (colon -1: none), without the slice:
 * this runs for every quick line, so it compares lengths before text.
 */
export function moduleOsAt(d: Derivations, line: string, from: number, colon: number): string | undefined {
  const n = colon - from;
  const names = d.modules;
  for (let i = 0; i < names.length; i++) if (names[i].length === n && line.startsWith(names[i], from)) return d.moduleOs[i];
  return undefined;
}

/** Counts a hint: a case holds counts, not one entry per line, so a long log cannot grow it. */
export function addHint(hints: Map<string, number>, os: string, n = 1): void {
  hints.set(os, (hints.get(os) ?? 0) + n);
}

/**
 * Of two platform names, the one that says more: `openwrt` over `linux`, else the first. A report
 * that shows both a platform and its family (an OpenWrt router runs Linux) names the narrower.
 */
export function morePrecise(a: string | undefined, b: string, d: Derivations): string {
  if (a === undefined || a === b) return b;
  if (d.family.get(b) === a) return b;
  return a;
}

export function guessOs(hints: Map<string, number>, d: Derivations): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [os, c] of hints) if (c > n) [best, n] = [os, c];
  // A narrower platform seen at all beats the family its errno numbers and paths point to.
  for (const os of hints.keys()) if (best !== undefined && d.family.get(os) === best) best = os;
  return best;
}
