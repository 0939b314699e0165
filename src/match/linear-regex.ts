// Patterns from a pack are untrusted, and no structural check can tell every pattern that
// backtracks for seconds or forever ((.*a){20}$, .*a.*a.*a.*a.*a.*a.*a.*b$) from one that does
// not. Those run in RE2's engine (re2js, a port of RE2 to JavaScript): its time is linear in the
// length of the text whatever the pattern. The bundled patterns, checked in CI by `rules lint`
// (recheck), keep V8's engine, which is several times faster on the hot path.
import { RE2JS } from 're2js';

/** What the matcher needs of a compiled pattern: RegExp has it, and so does a linear one. */
export interface Pattern {
  readonly source: string;
  exec(text: string): { groups?: Record<string, string | undefined> } | null;
  test(text: string): boolean;
}

/**
 * Compiles `source`, case-insensitively as every contributed pattern is matched, in RE2's
 * engine. Throws with a message naming what RE2 does not support (lookaround, back-references).
 */
export function linearRegex(source: string): Pattern {
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new Error(`${(e as Error).message.replace(/^error parsing regexp: /, '')}: the patterns of a pack run in RE2's linear-time engine, which has no lookaround and no back-references and repeats at most 1000 times; rewrite it within those`);
  }
  const names = Object.entries(re.namedGroups() as Record<string, number>);
  return {
    source,
    test: (text) => re.matcher(text).find(),
    exec(text) {
      const m = re.matcher(text);
      if (!m.find()) return null;
      if (names.length === 0) return {};
      const groups: Record<string, string | undefined> = {};
      for (const [name, i] of names) groups[name] = m.group(i) ?? undefined;
      return { groups };
    },
  };
}
