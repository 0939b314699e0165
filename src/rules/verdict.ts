// How a rule came out for a case: each condition true, false or unknown (its trace), the verdict
// over them, and the status a verdict reports as. The runner makes these; explain reads them.
import type { Diagnosis, Missing } from '../model.js';
import type { Rule } from './rule.js';

export type Tri = 'T' | 'F' | 'U';

/** How each condition of a rule came out, for `explain`. */
export interface Trace {
  kind: 'all' | 'any' | 'not' | 'leaf';
  outcome: Tri;
  children?: Trace[];
  fact?: string;
  path?: string;
  operator?: string;
  expected?: unknown;
  actual?: unknown;
  /** For a signature's fact: how many lines it matched. */
  matched?: number;
  /** Why the fact is unknown and what to ask for (leaves only). */
  unknown?: Missing;
}

export interface Verdict {
  rule: Rule;
  outcome: Tri;
  /** Leaves that held, with a known fact: a rule needs at least one to be reported. */
  held: number;
  /**
   * Of those, the leaves over evidence — a signal that was seen, a value derived from the text —
   * rather than over the version, stats, a message's absence or the rule's `context` facts. A
   * finding that is not confirmed needs some: without it, it is a question nobody needs answered.
   */
  evidence: number;
  /** The leaves that held where they matter: their lines are the finding's evidence. */
  leaves: Trace[];
  missing: Missing[];
  trace: Trace;
}

/** What a verdict reports as: a diagnosis status, or undefined when the rule stays silent. */
export function statusOf(v: Verdict): Diagnosis['status'] | undefined {
  if (v.outcome === 'F' || v.held === 0) return undefined;
  // Likely or cannot tell, with nothing the case shows: a question nobody needs to answer.
  if (v.outcome === 'U' && v.evidence === 0) return undefined;
  if (v.outcome === 'T') return 'confirmed';
  return v.missing.every((m) => m.reason !== 'not-given') ? 'cannot-tell' : 'likely';
}

/**
 * Where a finding's evidence lies, for the timeline: the signals of the conditions that made it
 * hold — every line of `signals`, only the last line of `last` (a condition on the state the log
 * ends in) — and the derived facts among them.
 */
export interface EvidenceSources {
  signals: string[];
  last: string[];
  derived: string[];
}
