// The report as data: what every output format renders, and the JSON format itself.
// schemaVersion changes when a field is removed or changes meaning; new fields may be added.
import type { CaseFactsResult } from '../facts/case-facts.js';
import type { TimelineReport } from '../facts/timeline-report.js';
import type { Diagnosis, Facts, Signal, SourceStats } from '../model.js';
import type { RedactionCount } from '../redact/redactor.js';

export const SCHEMA_VERSION = 2;

/** What the case orchestrator (analyze/case.ts) hands the report: one case, analysed. */
export interface CaseResult {
  name: string;
  sources: SourceStats[];
  facts: Facts;
  diagnoses: Diagnosis[];
  /** When things happened, with each finding's evidence placed. */
  timeline: TimelineReport;
  /** With a redactor: what it replaced. */
  redaction?: RedactionCount[];
  /** The facts with what the log hides, for `explain`. */
  caseFacts: CaseFactsResult;
}

/** A source's statistics as reported: the same fields, formats ranked for reading. */
export interface SourceReport extends Omit<SourceStats, 'formats'> {
  /** Formats seen, most frequent first. */
  formats: string[];
  formatCounts: Record<string, number>;
}

export interface CaseReport {
  name: string;
  sources: SourceReport[];
  facts: Omit<Facts, 'signals'> & { signals: Record<string, Omit<Signal, 'id'>> };
  diagnoses: Diagnosis[];
  /** Lines per level over time, runs, status changes and each finding's evidence (facts/timeline.ts). */
  timeline: TimelineReport;
  /** Present when the case was redacted: what was replaced by pseudonyms. */
  redaction?: RedactionCount[];
}

export interface Report {
  schemaVersion: number;
  tool: { name: string; version: string };
  cases: CaseReport[];
}

export function sourceReport(s: SourceStats): SourceReport {
  const formats = Object.entries(s.formats).sort((a, b) => b[1] - a[1]).map(([f]) => f);
  return {
    name: s.name, kind: s.kind, formats, formatCounts: s.formats, lines: s.lines, parsed: s.parsed,
    unparsed: s.unparsed, oversized: s.oversized, classes: s.classes, errors: s.errors, warnings: s.warnings,
  };
}

/** Only the signals that were seen: a case's facts stay small whatever the rule count. */
export function caseReport(c: CaseResult): CaseReport {
  const signals: CaseReport['facts']['signals'] = {};
  for (const [id, s] of Object.entries(c.facts.signals)) {
    if (s.count === 0) continue;
    const { id: _id, ...rest } = s;
    signals[id] = rest;
  }
  return { name: c.name, sources: c.sources.map(sourceReport), facts: { ...c.facts, signals }, diagnoses: c.diagnoses, timeline: c.timeline, ...(c.redaction ? { redaction: c.redaction } : {}) };
}

export function buildReport(cases: CaseResult[], version: string): Report {
  return { schemaVersion: SCHEMA_VERSION, tool: { name: 'i2pd-doctor', version }, cases: cases.map(caseReport) };
}
