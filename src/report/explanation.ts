// Why one rule did or did not fire on one case: its condition tree with each fact's value, and
// the outcome in the words the report uses. Pure, so that the web page can show it too.
import type { Missing } from '../model.js';
import { statusOf, type Trace, type Verdict } from '../rules/verdict.js';
import { terminalSafe } from './safe-text.js';

export type ExplainOutcome = 'confirmed' | 'likely' | 'cannot-tell' | 'not-fired';

export interface Explanation {
  rule: string;
  title: string;
  severity: string;
  outcome: ExplainOutcome;
  reason: string;
  conditions: Trace;
  missing: Missing[];
}

const MAX_VALUE = 60;

export function explainVerdict(v: Verdict): Explanation {
  const status = statusOf(v);
  return {
    rule: v.rule.id,
    title: v.rule.title,
    severity: v.rule.severity,
    outcome: status ?? 'not-fired',
    reason: reasonFor(v, status),
    conditions: v.trace,
    missing: v.missing,
  };
}

function reasonFor(v: Verdict, status: ReturnType<typeof statusOf>): string {
  const unknown = v.missing.map((m) => m.fact).join(', ');
  switch (status) {
    case 'confirmed':
      return 'every condition it needs holds';
    case 'likely':
      return `the conditions with a known fact hold; unknown: ${unknown}`;
    case 'cannot-tell':
      return `the conditions with a known fact hold, but the log hides the rest (${v.missing.map((m) => m.reason).join(', ')}): ${unknown}`;
    default:
      break;
  }
  if (v.outcome === 'F') {
    const failed = leaves(v.trace).filter((l) => l.outcome === 'F').length;
    return `it cannot hold: ${failed} condition${failed === 1 ? '' : 's'} fail${failed === 1 ? 's' : ''} (marked ✗)`;
  }
  return v.outcome === 'U' ? `no condition with a known fact held; unknown: ${unknown}` : 'no condition with a known fact held';
}

function leaves(t: Trace): Trace[] {
  return t.kind === 'leaf' ? [t] : (t.children ?? []).flatMap(leaves);
}

/** A value as one short line: JSON, cut in the middle of nothing longer than MAX_VALUE. */
export function shortValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

const MARK = { T: '✓ holds  ', F: '✗ fails  ', U: '? unknown' } as const;
const GROUP = { all: 'all of', any: 'any of', not: 'not' } as const;

export function renderExplanation(e: Explanation, caseName: string): string {
  const out = [`rule ${e.rule}: ${e.title} (${e.severity})`, `case ${caseName}`, ''];
  const walk = (t: Trace, depth: number) => {
    const pad = '  '.repeat(depth);
    if (t.kind !== 'leaf') {
      out.push(`${pad}${MARK[t.outcome]} ${GROUP[t.kind]}:`);
      for (const c of t.children ?? []) walk(c, depth + 1);
      return;
    }
    const cond = `${t.fact}${t.path ? ` ${t.path}` : ''} ${t.operator} ${shortValue(t.expected)}`;
    out.push(`${pad}${MARK[t.outcome]} ${cond}`);
    const matched = t.matched === undefined ? '' : ` (${t.fact} matched ${t.matched} line${t.matched === 1 ? '' : 's'})`;
    out.push(`${pad}            actual: ${shortValue(t.actual)}${matched}`);
    if (t.unknown) {
      out.push(`${pad}            unknown (${t.unknown.reason}): ${t.unknown.ask}`);
    }
  };
  walk(e.conditions, 0);
  out.push('', `outcome: ${e.outcome === 'not-fired' ? 'not fired' : e.outcome === 'cannot-tell' ? 'cannot tell' : e.outcome}: ${e.reason}`);
  return terminalSafe(out.join('\n')) + '\n';
}
