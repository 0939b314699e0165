// The signals a rule cannot hold without. Most rules need one message seen, or one of a few: a
// rule that fails when none of them was seen is silent in every case that saw none of them, so
// such a case need not run it.
// json-rules-engine itself says which: each rule is run once with every signal it reads empty,
// and a leaf that came out false there is false on that empty signal in any case. No operator's
// meaning is restated here, so a new operator or path form cannot make a guard wrong.
import { NOT_SIGNALS } from './rule.js';

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

/** A condition's `value` that names another fact: its result depends on that fact too. */
function isFactRef(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'fact' in v;
}

/**
 * A set of signals that, all of them unseen in a case, make the rule false there. A rule has as
 * many as its conditions give; any one that holds lets a case skip the rule.
 */
export type Guard = readonly string[];

/** At most this many signals in one guard: past it, a case would rarely have them all unseen. */
const MAX_GUARD = 16;

/**
 * From a rule's result on empty signals: its guards. An `all` fails with any child, so each
 * child's guards are its guards. An `any` fails only when every child fails: one guard of each
 * child, joined, is a guard of the `any` (each child's smallest, so that it holds often). A
 * `not` of a failure holds, so nothing under it guards.
 */
export function guardsOf(n: ResultNode): Guard[] {
  return minimal(clauses(n));
}

function clauses(n: ResultNode): Guard[] {
  if (n.all) return n.all.flatMap(clauses);
  if (n.any) {
    if (n.any.length === 0) return [];
    const joined = new Set<string>();
    for (const c of n.any) {
      const own = minimal(clauses(c));
      if (own.length === 0) return [];
      for (const f of own[0]) joined.add(f);
    }
    return joined.size <= MAX_GUARD ? [[...joined].sort()] : [];
  }
  if (n.not) return [];
  const fact = n.fact ?? '';
  return !NOT_SIGNALS.has(fact) && n.result === false && !isFactRef(n.value) ? [[fact]] : [];
}

/** The guards no smaller one implies, smallest first, each sorted; a guard that holds whenever another does is left out. */
function minimal(gs: Guard[]): Guard[] {
  const byKey = new Map<string, Guard>();
  for (const g of gs) {
    const s = [...g].sort();
    byKey.set(s.join('\n'), s);
  }
  const sorted = [...byKey].sort(([ka, a], [kb, b]) => a.length - b.length || ka.localeCompare(kb)).map(([, g]) => g);
  const out: Guard[] = [];
  for (const g of sorted) if (!out.some((o) => o.every((f) => g.includes(f)))) out.push(g);
  return out;
}
