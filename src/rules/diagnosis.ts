// A rule that held, as a diagnosis: its status and open questions, and the lines that show each
// condition that held (a message seen, the lines of the capture values it accepted, the line a
// derived value came from, then the config lines), at most MAX_EVIDENCE of them.
import type { Diagnosis, EvidenceLine, Facts, Missing } from '../model.js';
import { OPERATORS } from './operators.js';
import type { Rule } from './rule.js';
import type { Trace } from './verdict.js';
import { compareVersions } from './version.js';

const MAX_EVIDENCE = 6;

export function toDiagnosis(rule: Rule, status: Diagnosis['status'], missing: Missing[], facts: Facts, leaves: readonly Trace[]): Diagnosis {
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
