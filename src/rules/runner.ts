// Runs the rules once per case with json-rules-engine and reads its results three ways: a rule
// holds (confirmed), cannot hold (silent), or holds as far as the known facts go (likely, or
// cannot tell when the log itself hides what is missing). Unknown is never treated as false.
import { Engine, Fact } from 'json-rules-engine';
import type { CaseFactsResult } from '../facts/case-facts.js';
import { emptySignal, isEmptySignal } from '../facts/signals.js';
import type { Diagnosis, Missing } from '../model.js';
import { defaultAsk } from './asks.js';
import { toDiagnosis } from './diagnosis.js';
import { guardsOf, type Guard, type ResultNode } from './guards.js';
import { rank } from './ranking.js';
import { OPERATORS } from './operators.js';
import { resolvePath } from './path.js';
import { factsOf, NOT_SIGNALS, type Rule } from './rule.js';
import { statusOf, type EvidenceSources, type Trace, type Verdict } from './verdict.js';

// The facts a case may not have been given (no config attached, no version seen); stats it always has.
const SCOPES = new Set([...NOT_SIGNALS].filter((f) => f !== 'stats'));

/**
 * A rule with an engine of its own, so that a case runs only the rules it can fire. The engine
 * deep-copies a rule's conditions into its result on every run (json-rules-engine's
 * RuleResult): with one engine for all rules that copying was most of the rules' cost per case.
 */
interface RuleEngine {
  rule: Rule;
  facts: readonly string[];
  engine?: Engine;
  /** Sets of signals whose absence makes the rule false (see guards.ts); found on first use. */
  guards?: readonly Guard[];
}

/**
 * A rule's guards as an earlier probe found them, or undefined where none did. The CLI reads the
 * bundled rules' guards from a table the build wrote (src/node/content/build-table.ts): probing
 * every rule costs a short run more than its reading and matching together.
 */
export type KnownGuards = (rule: Rule) => readonly Guard[] | undefined;

export class RuleRunner {
  readonly byId = new Map<string, Rule>();
  private readonly engines: RuleEngine[];
  private readonly sources = new WeakMap<Diagnosis, EvidenceSources>();
  /**
   * json-rules-engine keeps one status per engine, and a run that ends marks it finished: a run
   * of the same engine still waiting to start its rules then skips them all and reports none.
   * Cases in flight on one thread would share engines, so the runs take turns.
   */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly rules: readonly Rule[],
    readonly known?: KnownGuards,
  ) {
    for (const r of rules) this.byId.set(r.id, r);
    this.engines = rules.map((rule) => ({ rule, facts: [...factsOf(rule.conditions)] }));
  }

  /** Every rule's verdict, including the silent ones (for `explain`). */
  verdicts(cf: CaseFactsResult): Promise<Verdict[]> {
    return this.inTurn(() => this.judge(this.engines, cf));
  }

  async diagnose(cf: CaseFactsResult): Promise<Diagnosis[]> {
    const fired: Diagnosis[] = [];
    // A config alone, with no line of any other text: only what the config can decide is said;
    // the report says once that a log is needed for the rest, not in every finding.
    const configOnly = cf.facts.stats.entries === 0;
    const verdicts = await this.inTurn(async () => this.judge((await this.guarded()).filter((e) => !unseen(e.guards!, cf)), cf));
    for (const v of verdicts) {
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

  private inTurn<T>(f: () => Promise<T>): Promise<T> {
    const p = this.turn.then(f);
    this.turn = p.catch(() => undefined);
    return p;
  }

  /** Each rule's guards as its probe finds them, ignoring `known` (for the build's table). */
  async probedGuards(): Promise<Map<Rule, readonly Guard[]>> {
    return this.inTurn(async () => {
      const out = new Map<Rule, readonly Guard[]>();
      for (const e of this.engines) out.set(e.rule, await probe(e));
      return out;
    });
  }

  /** The rules with their guards, found by running each once on empty signals (see guards.ts). */
  private async guarded(): Promise<RuleEngine[]> {
    for (const e of this.engines) e.guards ??= this.known?.(e.rule) ?? (await probe(e));
    return this.engines;
  }

  private async judge(list: readonly RuleEngine[], cf: CaseFactsResult): Promise<Verdict[]> {
    const { facts, hidden } = cf;
    const out: Verdict[] = [];
    for (const e of list) {
      const runtime: Record<string, unknown> = {};
      for (const f of e.facts) {
        if (NOT_SIGNALS.has(f)) runtime[f] = facts[f as 'config' | 'env' | 'derived' | 'stats'];
        else if (Object.hasOwn(facts.signals, f) && !hidden[f]) runtime[f] = facts.signals[f];
      }
      const rr = await run(e, runtime);
      const trace = tri(rr.conditions as unknown as ResultNode, cf, e.rule);
      const missing: Missing[] = [];
      const count = { held: 0, evidence: 0, leaves: [] as Trace[] };
      live(trace, missing, count, new Set(e.rule.context ?? []));
      const { leaves, ...counts } = count;
      out.push({ rule: e.rule, outcome: trace.outcome, ...counts, leaves, missing, trace });
    }
    return out;
  }
}

/** Runs a rule once with every signal it reads empty; the leaves that fail there are its guards. */
async function probe(e: RuleEngine): Promise<readonly Guard[]> {
  const empty: Record<string, unknown> = {};
  for (const f of e.facts) if (!NOT_SIGNALS.has(f)) empty[f] = emptySignal(f);
  return guardsOf((await run(e, empty)).conditions as unknown as ResultNode);
}

/** A guard holds in this case: each of its signals is known, not hidden by the log level, and was never seen. */
function unseen(guards: readonly Guard[], cf: CaseFactsResult): boolean {
  return guards.some((g) => g.every((s) => !cf.hidden[s] && Object.hasOwn(cf.facts.signals, s) && isEmptySignal(cf.facts.signals[s])));
}

async function run(e: RuleEngine, runtime: Record<string, unknown>) {
  if (!e.engine) {
    e.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    for (const [name, op] of Object.entries(OPERATORS)) e.engine.addOperator(name, op);
    e.engine.addRule({ name: e.rule.id, conditions: e.rule.conditions as never, event: { type: e.rule.id } });
  }
  // Given as values, json-rules-engine makes each a Fact that hashes itself (hash-it, the whole
  // value) for a cache that a constant fact is never read from.
  const facts: Record<string, Fact> = {};
  for (const k of Object.keys(runtime)) facts[k] = new Fact(k, runtime[k] as never, { cache: false });
  const { results, failureResults } = await e.engine.run(facts);
  return results[0] ?? failureResults[0];
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
