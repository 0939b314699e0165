// Reads a list of sources as one case and analyses it: the whole flow for one report.
import { CaseAnalysis } from '../../analyze/case.js';
import { TemplateCollector, type CaseTemplate } from '../../facts/templates.js';
import type { StageProfile } from '../../analyze/profile.js';
import type { LineLog } from '../../analyze/line-log.js';
import type { Knowledge } from '../../knowledge.js';
import { Redactor } from '../../redact/redactor.js';
import { caseReport, type CaseReport, type CaseResult } from '../../report/model.js';
import type { CaseSpec } from './cases.js';
import { Budget, DEFAULT_LIMITS, type Limits } from '../limits.js';
import { readSource, type SourceRef } from '../sources.js';

export interface CaseOptions {
  redactor?: Redactor;
  limits?: Limits;
  onCase?: (c: CaseAnalysis) => void;
  /** `--profile`: time the stages. */
  profile?: StageProfile;
  /** Threads for one large plain file (1: this thread only). */
  fileJobs?: number;
  /** The `--rules` packs, for those threads to load the same content. */
  rules?: string[];
  /** `--lines`: what each line was read as. */
  lineLog?: LineLog;
}

export async function analyzeCase(name: string, refs: SourceRef[], knowledge: Knowledge, o: CaseOptions | Redactor = {}): Promise<CaseResult> {
  const { redactor, limits = DEFAULT_LIMITS, onCase, profile, fileJobs = 1, rules = [], lineLog } = o instanceof Redactor ? { redactor: o } : o;
  const c = new CaseAnalysis(name, knowledge, redactor, profile, fileJobs, lineLog);
  c.contentRules = rules;
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

/** `redact`: a fresh redactor per case, so that pseudonyms never link two reports. */
export async function runCase(spec: CaseSpec, knowledge: Knowledge, limits: Limits = DEFAULT_LIMITS, redact = false, more: Pick<CaseOptions, 'profile' | 'fileJobs' | 'rules' | 'lineLog'> = {}): Promise<CaseOutcome> {
  const redactor = redact ? new Redactor() : undefined;
  let templates = new TemplateCollector(spec.name);
  const result = await analyzeCase(spec.name, spec.refs, knowledge, {
    ...more,
    redactor,
    limits,
    onCase: (c) => {
      templates = new TemplateCollector(c.name);
      c.templates = templates;
    },
  });
  return { report: caseReport(result), templates: templates.list() };
}
