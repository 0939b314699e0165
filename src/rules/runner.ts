// Runs the rules once per case with json-rules-engine and reads its results three ways: a rule
// holds (confirmed), cannot hold (silent), or holds as far as the known facts go (likely, or
// cannot tell when the log itself hides what is missing). Unknown is never treated as false.
import { Engine } from 'json-rules-engine';
import type { CaseFactsResult } from '../facts/case-facts.js';
import { SEVERITY_RANK, type Diagnosis, type EvidenceLine, type Facts, type Missing } from '../model.js';
import { defaultAsk } from './asks.js';
import { OPERATORS } from './operators.js';
import { resolvePath } from './path.js';
import type { Rule } from './rule.js';
import { compareVersions } from './version.js';

const SCOPES = new Set(['config', 'env', 'derived']);
const MAX_EVIDENCE = 6;

type Tri = 'T' | 'F' | 'U';

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

export class RuleRunner {
  private readonly engine: Engine;
  readonly byId = new Map<string, Rule>();

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
      fired.push(toDiagnosis(v.rule, status, v.outcome === 'T' ? [] : v.missing, cf.facts, v.leaves));
    }
    return rank(fired, this.byId);
  }
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

function toDiagnosis(rule: Rule, status: Diagnosis['status'], missing: Missing[], facts: Facts, leaves: readonly Trace[]): Diagnosis {
  // Condition by condition, the lines that made each hold: a message seen, the lines of the
  // capture values the condition accepted, the line a derived value came from; then the config
  // lines, which say why rather than what happened.
  const seen: EvidenceLine[] = [];
  const configured: EvidenceLine[] = [];
  for (const leaf of leaves) {
    const into = leaf.fact === 'config' ? configured : seen;
    for (const e of linesOf(leaf, facts)) if (!into.some((x) => x.source === e.source && x.line === e.line)) into.push(e);
  }
  const order = (a: EvidenceLine, b: EvidenceLine) => (a.source === b.source ? a.line - b.line : a.source < b.source ? -1 : 1);
  const evidence = [...seen.sort(order), ...configured.sort(order)].slice(0, MAX_EVIDENCE);
  const d: Diagnosis = {
    rule: rule.id, title: rule.title, severity: rule.severity, status, missing, article: rule.article,
    tags: rule.tags, references: rule.references, evidence, explains: [], followsFrom: [],
  };
  const v = facts.env.version;
  if (rule.fixedIn && v && (compareVersions(v, rule.fixedIn) ?? 0) < 0) d.upgrade = { current: v, fixedIn: rule.fixedIn };
  return d;
}

/** The lines that show one condition that held. */
function linesOf(leaf: Trace, facts: Facts): EvidenceLine[] {
  const fact = leaf.fact ?? '';
  const path = (leaf.path ?? '').replace(/^\$\.?/, '');
  if (fact === 'config' || fact === 'derived') {
    const key = path.replace(/^\['(.+)'\]$/, '$1');
    const e = facts.lines[fact][key];
    return e ? [e] : [];
  }
  const s = facts.signals[fact];
  if (!s || s.count === 0) return [];
  const m = /^(captures|lastCaptures)\.(\w+)$/.exec(path);
  if (m && m[1] === 'lastCaptures') return s.last ? [s.last] : [];
  if (m) {
    const byValue = s.valueLines[m[2]] ?? {};
    const accepted = Object.entries(byValue).filter(([v]) => accepts(leaf.operator ?? '', v, leaf.expected));
    if (accepted.length > 0) return accepted.flatMap(([, e]) => e);
  }
  if (/^last\b/.test(path) && s.last) return [s.last];
  return s.examples;
}

/** Whether one capture value alone satisfies the condition's operator (undefined: cannot say). */
function accepts(op: string, value: string, expected: unknown): boolean {
  const custom = OPERATORS[op];
  if (custom) return custom(value, expected);
  const n = Number(value);
  switch (op) {
    case 'equal': case 'contains': return value === expected || n === expected;
    case 'notEqual': case 'doesNotContain': return value !== expected && n !== expected;
    case 'in': return Array.isArray(expected) && expected.some((x) => x === value || x === n);
    case 'notIn': return Array.isArray(expected) && !expected.some((x) => x === value || x === n);
    case 'lessThan': return typeof expected === 'number' && n < expected;
    case 'lessThanInclusive': return typeof expected === 'number' && n <= expected;
    case 'greaterThan': return typeof expected === 'number' && n > expected;
    case 'greaterThanInclusive': return typeof expected === 'number' && n >= expected;
    default: return false;
  }
}

const STATUS_RANK = { confirmed: 0, likely: 1, 'cannot-tell': 2 };

/**
 * Root causes first, each followed by the findings it explains; groups ordered by the most severe
 * finding in them (an info-level cause of an error-level symptom ranks with the error), then by
 * certainty and weight of evidence.
 */
export function rank(list: Diagnosis[], rules: Map<string, Rule>): Diagnosis[] {
  const byId = new Map(list.map((d) => [d.rule, d]));
  for (const d of list) {
    for (const x of rules.get(d.rule)?.explains ?? []) {
      const f = byId.get(x);
      if (!f || x === d.rule) continue;
      d.explains.push(x);
      f.followsFrom.push(d.rule);
    }
  }
  const rootOf = (d: Diagnosis): { root: Diagnosis; depth: number } => {
    let cur = d;
    let depth = 0;
    const seen = new Set<string>([d.rule]);
    while (cur.followsFrom.length > 0) {
      const up = byId.get(cur.followsFrom[0]);
      if (!up || seen.has(up.rule)) break; // a cycle of explanations: stop where it closes
      seen.add(up.rule);
      cur = up;
      depth++;
    }
    return { root: cur, depth };
  };
  const info = new Map(list.map((d) => [d.rule, rootOf(d)]));
  const groupSeverity = new Map<string, number>();
  // A group with no line to show never ranks above one that has some, whatever its severity.
  const groupShown = new Map<string, number>();
  for (const d of list) {
    const r = info.get(d.rule)!.root.rule;
    groupSeverity.set(r, Math.max(groupSeverity.get(r) ?? 0, SEVERITY_RANK[d.severity]));
    groupShown.set(r, Math.max(groupShown.get(r) ?? 0, d.evidence.length > 0 ? 1 : 0));
  }
  const key = (d: Diagnosis) => {
    const { root, depth } = info.get(d.rule)!;
    return { group: groupSeverity.get(root.rule)!, root, depth };
  };
  return list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka.root !== kb.root) {
      return groupShown.get(kb.root.rule)! - groupShown.get(ka.root.rule)! || kb.group - ka.group || STATUS_RANK[ka.root.status] - STATUS_RANK[kb.root.status] ||
        b.evidence.length - a.evidence.length || ka.root.rule.localeCompare(kb.root.rule);
    }
    return ka.depth - kb.depth || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule);
  });
}
