// A batch of cases as data: per-case reports plus what only a batch shows: a summary line per
// case, totals by rule, follow-up replies and unknown-message clusters.
import type { CaseTemplate, TemplateCluster } from '../facts/templates.js';
import { clusterTemplates } from '../facts/templates.js';
import type { Diagnosis, DiagnosisStatus, Severity } from '../model.js';
import { SEVERITY_RANK } from '../model.js';
import { followUp } from './follow-up.js';
import { SCHEMA_VERSION, type CaseReport, type Report } from './report-model.js';

export interface SummaryRow {
  case: string;
  /** The first finding (root causes come first), if any. */
  top?: { rule: string; title: string; severity: Severity; status: DiagnosisStatus };
  findings: number;
  /** Sources that could not be read. */
  errors: number;
}

export interface RuleTotal {
  rule: string;
  title: string;
  severity: Severity;
  cases: number;
  byStatus: Record<DiagnosisStatus, number>;
}

export interface BatchReport extends Report {
  summary: SummaryRow[];
  totals: RuleTotal[];
  followUps: { case: string; markdown: string }[];
  unknownMessages: TemplateCluster[];
}

export function summaryRow(c: CaseReport): SummaryRow {
  const d = c.diagnoses[0];
  return {
    case: c.name,
    top: d && { rule: d.rule, title: d.title, severity: d.severity, status: d.status },
    findings: c.diagnoses.length,
    errors: c.sources.reduce((n, s) => n + s.errors.length, 0),
  };
}

export function ruleTotals(cases: CaseReport[]): RuleTotal[] {
  const by = new Map<string, RuleTotal>();
  for (const c of cases) {
    for (const d of c.diagnoses as Diagnosis[]) {
      let t = by.get(d.rule);
      if (!t) by.set(d.rule, (t = { rule: d.rule, title: d.title, severity: d.severity, cases: 0, byStatus: { confirmed: 0, likely: 0, 'cannot-tell': 0 } }));
      t.cases++;
      t.byStatus[d.status]++;
    }
  }
  return [...by.values()].sort((a, b) => b.cases - a.cases || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.rule < b.rule ? -1 : 1));
}

export function buildBatchReport(outcomes: { report: CaseReport; templates: CaseTemplate[] }[], version: string): BatchReport {
  const cases = outcomes.map((o) => o.report);
  const followUps: BatchReport['followUps'] = [];
  for (const c of cases) {
    const md = followUp(c);
    if (md) followUps.push({ case: c.name, markdown: md });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'i2pd-doctor', version },
    cases,
    summary: cases.map(summaryRow),
    totals: ruleTotals(cases),
    followUps,
    unknownMessages: clusterTemplates(outcomes.map((o) => o.templates)),
  };
}
