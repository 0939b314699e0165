// Unknown is not false: a signature not seen in a case proves nothing when the case could not have
// shown it — no log at all, no start of i2pd for a message printed only while it starts, or a log
// level that hides the levels it is printed at. The rule runner asks for what would tell.
import { LEVEL_RANK, type ConfigValue, type Level, type Missing } from '../model.js';
import type { Signature } from '../match/signature.js';

/** Why the absence of `s`'s signal proves nothing, or undefined when it does. */
export function hiddenReason(s: Signature, logEntries: number, starts: number, effectiveRank: number): Missing['reason'] | undefined {
  if (s.kind !== 'log') return undefined;
  if (logEntries === 0) return 'no-log';
  if (s.startup && starts === 0) return 'no-startup';
  if (s.levels && s.levels.length > 0 && Math.min(...s.levels.map((l) => LEVEL_RANK[l])) > effectiveRank) return 'log-level';
  return undefined;
}

/** The rank of a configured `loglevel`, -1 when none is known. */
export function rankOf(v: ConfigValue | undefined): number {
  return typeof v === 'string' && v.toLowerCase() in LEVEL_RANK ? LEVEL_RANK[v.toLowerCase() as Level] : -1;
}
