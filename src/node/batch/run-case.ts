// Reads a list of sources as one case and analyses it: the whole flow for one report.
import { CaseAnalysis } from '../../analyze/case.js';
import { TemplateCollector, type CaseTemplate } from '../../facts/templates.js';
import type { StageProfile } from '../../analyze/profile.js';
import type { LineLog } from '../../analyze/line-log.js';
import type { Knowledge } from '../../knowledge.js';
import { Redactor } from '../../redact/redactor.js';
import { caseReport, type CaseReport, type CaseResult } from '../../report/report-model.js';
import type { CaseSpec } from './cases.js';
import { Budget, DEFAULT_LIMITS, type Limits } from '../../read/limits.js';
import { readSource, type SourceRef } from '../read/sources.js';

/**
 * How the cases of a run are read and analysed: what the command resolved from its options for
 * this stage, and nothing else (the content comes separately, the output is the command's).
 */
export interface CaseRun {
  /** Against decompression bombs: one budget of these per case. */
  limits?: Limits;
  /** A fresh redactor per case, so that pseudonyms never link two reports. */
  redact?: boolean;
  /** `--profile`: time the stages. */
  profile?: StageProfile;
  /** Threads for one large plain file (1: this thread only). */
  fileJobs?: number;
  /** `--lines`: what each line was read as. */
  lineLog?: LineLog;
}

export interface CaseOptions extends Omit<CaseRun, 'redact'> {
  redactor?: Redactor;
  onCase?: (c: CaseAnalysis) => void;
}

export async function analyzeSources(name: string, refs: SourceRef[], knowledge: Knowledge, o: CaseOptions = {}): Promise<CaseResult> {
  const { redactor, limits = DEFAULT_LIMITS, onCase, profile, fileJobs = 1, lineLog } = o;
  const c = new CaseAnalysis(name, knowledge, redactor, profile, fileJobs, lineLog);
  onCase?.(c);
  const budget = new Budget(limits);
  for (const ref of refs) await readSource(c, ref, process.stdin, { budget });
  return c.finish();
}

/** What a batch keeps of a case: plain data, so that a worker thread can send it back. */
export interface CaseOutcome {
  report: CaseReport;
  templates: CaseTemplate[];
}

export async function runCase(spec: CaseSpec, knowledge: Knowledge, run: CaseRun = {}): Promise<CaseOutcome> {
  const { redact, ...rest } = run;
  const redactor = redact ? new Redactor() : undefined;
  let templates = new TemplateCollector(spec.name);
  const result = await analyzeSources(spec.name, spec.refs, knowledge, {
    ...rest,
    redactor,
    onCase: (c) => {
      templates = new TemplateCollector(c.name);
      c.templates = templates;
    },
  });
  return { report: caseReport(result), templates: templates.list() };
}
