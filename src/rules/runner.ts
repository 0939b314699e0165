// Runs the rules once per case with json-rules-engine and reads its results three ways: a rule
// holds (confirmed), cannot hold (silent), or holds as far as the known facts go (likely, or
// cannot tell when the log itself hides what is missing). Unknown is never treated as false.
import { Engine } from 'json-rules-engine';
import type { CaseFactsResult } from '../facts/case-facts.js';
import type { Diagnosis, Missing } from '../model.js';
import { defaultAsk } from './asks.js';
import { toDiagnosis } from './diagnosis.js';
import { rank } from './ranking.js';
import { OPERATORS } from './operators.js';
import { resolvePath } from './path.js';
import type { Rule } from './rule.js';
import { statusOf, type EvidenceSources, type Trace, type Verdict } from './verdict.js';

const SCOPES = new Set(['config', 'env', 'derived']);

interface ResultNode {
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

export class RuleRunner {
  private readonly engine: Engine;
  readonly byId = new Map<string, Rule>();
  private readonly sources = new WeakMap<Diagnosis, EvidenceSources>();

  constructor(readonly rules: readonly Rule[]) {
    this.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    for (const [name, op] of Object.entries(OPERATORS)) this.engine.addOperator(name, op);
    for (const r of rules) {
      this.byId.set(r.id, r);
      this.engine.addRule({ name: r.id, conditions: r.conditions as never, event: { type: r.id } });
    }
  }

  /** Every rule's verdict, including the silent ones (for `explain`). */
  async verdicts(cf: CaseFactsResult): Promise<Verdict[]> {
    const { facts, hidden } = cf;
    const runtime: Record<string, unknown> = { config: facts.config, env: facts.env, derived: facts.derived, stats: facts.stats };
    for (const [id, s] of Object.entries(facts.signals)) if (!hidden[id]) runtime[id] = s;
    const { results, failureResults } = await this.engine.run(runtime);
    const out: Verdict[] = [];
    for (const rr of [...results, ...failureResults]) {
      const rule = this.byId.get(String(rr.name));
      if (!rule) continue;
      const trace = tri(rr.conditions as unknown as ResultNode, cf, rule);
      const missing: Missing[] = [];
      const count = { held: 0, evidence: 0, leaves: [] as Trace[] };
      live(trace, missing, count, new Set(rule.context ?? []));
      const { leaves, ...counts } = count;
      out.push({ rule, outcome: trace.outcome, ...counts, leaves, missing, trace });
    }
    return out;
  }

  async diagnose(cf: CaseFactsResult): Promise<Diagnosis[]> {
    const fired: Diagnosis[] = [];
    // A config alone, with no line of any other text: only what the config can decide is said;
    // the report says once that a log is needed for the rest, not in every finding.
    const configOnly = cf.facts.stats.entries === 0;
    for (const v of await this.verdicts(cf)) {
      const status = statusOf(v);
      if (!status || (configOnly && v.missing.some((m) => m.reason === 'no-log'))) continue;
      const d = toDiagnosis(v.rule, status, v.outcome === 'T' ? [] : v.missing, cf.facts, v.leaves);
      this.sources.set(d, sourcesOf(v.leaves, new Set(v.rule.context ?? [])));
      fired.push(d);
    }
    return rank(fired, this.byId);
  }

  /** Where the evidence of a diagnosis this runner made lies. */
  evidenceOf(d: Diagnosis): EvidenceSources {
    return this.sources.get(d) ?? { signals: [], last: [], derived: [] };
  }
}

/** The facts of the held leaves that show something (see `live`), by how much of a signal they read. */
function sourcesOf(leaves: readonly Trace[], context: ReadonlySet<string>): EvidenceSources {
  const all = new Set<string>();
  const last = new Set<string>();
  const derived = new Set<string>();
  for (const leaf of leaves) {
    const fact = leaf.fact ?? '';
    const path = (leaf.path ?? '').replace(/^\$\.?/, '');
    if (context.has(fact)) continue;
    if (fact === 'derived') derived.add(path.replace(/^\['(.+)'\]$/, '$1'));
    else if (!SCOPES.has(fact) && isSignal(fact) && (leaf.matched ?? 0) > 0) (/^(lastCaptures\.|last\b)/.test(path) ? last : all).add(fact);
  }
  return { signals: [...all], last: [...last].filter((id) => !all.has(id)), derived: [...derived] };
}

function tri(n: ResultNode, cf: CaseFactsResult, rule: Rule): Trace {
  if (n.all) {
    const children = n.all.map((c) => tri(c, cf, rule));
    const r = children.map((c) => c.outcome);
    return { kind: 'all', outcome: r.includes('F') ? 'F' : r.includes('U') ? 'U' : 'T', children };
  }
  if (n.any) {
    const children = n.any.map((c) => tri(c, cf, rule));
    const r = children.map((c) => c.outcome);
    return { kind: 'any', outcome: r.includes('T') ? 'T' : r.includes('U') ? 'U' : 'F', children };
  }
  if (n.not) {
    const inner = tri(n.not, cf, rule);
    const r = inner.outcome;
    return { kind: 'not', outcome: r === 'T' ? 'F' : r === 'F' ? 'T' : 'U', children: [inner] };
  }
  const fact = n.fact ?? '';
  const leaf: Trace = { kind: 'leaf', outcome: 'F', fact, path: n.path, operator: n.operator, expected: n.value, actual: n.factResult };
  if (!SCOPES.has(fact) && cf.facts.signals[fact]) leaf.matched = cf.facts.signals[fact].count;
  const unknownReason = whyUnknown(fact, n, cf);
  if (unknownReason) {
    const key = SCOPES.has(fact) && n.path ? `${fact}.${n.path.replace(/^\$\.?/, '')}` : fact;
    const ask = rule.ask?.[key] ?? defaultAsk(key, unknownReason);
    leaf.unknown = { fact: key, reason: unknownReason, ask };
    return { ...leaf, outcome: 'U' };
  }
  if (n.result === true) return { ...leaf, outcome: 'T' };
  return leaf;
}

/**
 * Evidence and open questions count only where they can still matter: a branch that already
 * failed neither supports the rule nor needs its unknown facts answered, and what sits under a
 * `not` is never evidence for it. Returns the number of held leaves; fills `missing`.
 */
function live(t: Trace, missing: Missing[], count: { held: number; evidence: number; leaves: Trace[] }, context: ReadonlySet<string>): void {
  if (t.outcome === 'F') return;
  if (t.kind === 'leaf') {
    if (t.unknown) {
      // Several facts can share one question (floodfill or bandwidth: attach i2pd.conf).
      if (!missing.some((m) => m.fact === t.unknown!.fact || m.ask === t.unknown!.ask)) missing.push(t.unknown);
      return;
    }
    if (t.outcome === 'T') {
      count.held++;
      count.leaves.push(t);
      // A signal that holds by its absence (`count lessThan 3` with none seen) shows nothing.
      const fact = t.fact ?? '';
      if (!context.has(fact) && (fact === 'derived' || fact === 'config' || (isSignal(fact) && (t.matched ?? 0) > 0))) count.evidence++;
    }
    return;
  }
  if (t.kind === 'not') {
    // What sits under a `not` is never evidence for the rule.
    live(t.children![0], missing, { held: 0, evidence: 0, leaves: [] }, context);
    return;
  }
  // An `any` that holds is decided by the branches that hold; the open ones do not matter.
  for (const c of t.children ?? []) if (!(t.kind === 'any' && t.outcome === 'T' && c.outcome !== 'T')) live(c, missing, count, context);
}

/**
 * Evidence: a signature's signal, a value derived from what the case's text showed, or a config
 * value (a misconfiguration is the problem itself; a rule lists config in `context` where it is
 * only a precondition). The version and log statistics only say what could happen.
 */
function isSignal(fact: string): boolean {
  return fact !== 'env' && fact !== 'stats';
}

function whyUnknown(fact: string, n: ResultNode, cf: CaseFactsResult): Missing['reason'] | undefined {
  if (cf.hidden[fact]) return cf.hidden[fact];
  if (SCOPES.has(fact) && n.factResult === undefined) return 'not-given';
  if (n.result === undefined && !(fact in cf.facts.signals) && !SCOPES.has(fact) && fact !== 'stats') return 'not-given';
  return undefined;
}
