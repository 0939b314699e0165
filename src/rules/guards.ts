// The signals a rule cannot hold without. Most rules need one message seen: a rule that fails on
// a signal nobody saw is silent in every case that did not see it, so a case need not run it.
// json-rules-engine itself says which: each rule is run once with every signal it reads empty,
// and a leaf that came out false there is false on that empty signal in any case. No operator's
// meaning is restated here, so a new operator or path form cannot make a guard wrong.
import type { Condition } from './rule.js';

/** A condition as json-rules-engine gives it back: the rule's own node with its result. */
export interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  result?: boolean;
  factResult?: unknown;
}

/** Facts that are not a signature's signal: the case's config, system, derived values and counts. */
export const NOT_SIGNALS = new Set(['config', 'env', 'derived', 'stats']);

/** A condition's `value` that names another fact: its result depends on that fact too. */
function isFactRef(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'fact' in v;
}

/** Every fact a rule's conditions read, as a fact or as a value. */
export function factsOf(c: Condition, out = new Set<string>()): Set<string> {
  if ('all' in c) for (const x of c.all) factsOf(x, out);
  else if ('any' in c) for (const x of c.any) factsOf(x, out);
  else if ('not' in c) factsOf(c.not, out);
  else {
    out.add(c.fact);
    if (isFactRef(c.value)) out.add(String((c.value as { fact: unknown }).fact));
  }
  return out;
}

/**
 * From a rule's result on empty signals: the signals any one of which, empty, makes the whole
 * rule false. An `all` fails with any child, an `any` only when every child fails; a `not` of a
 * failure holds, so nothing under it guards.
 */
export function guardsOf(n: ResultNode): Set<string> {
  if (n.all) return n.all.reduce((acc, c) => new Set([...acc, ...guardsOf(c)]), new Set<string>());
  if (n.any) {
    const sets = n.any.map(guardsOf);
    return sets.length === 0 ? new Set() : sets.reduce((acc, s) => new Set([...acc].filter((x) => s.has(x))));
  }
  if (n.not) return new Set();
  const fact = n.fact ?? '';
  return !NOT_SIGNALS.has(fact) && n.result === false && !isFactRef(n.value) ? new Set([fact]) : new Set();
}
