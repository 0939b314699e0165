// Reads a list of sources as one case and analyses it: the whole flow for one report.
import { CaseAnalysis, type CaseResult } from '../analyze/case.js';
import type { Knowledge } from '../knowledge.js';
import type { Redactor } from '../redact/redactor.js';
import { readSource, type SourceRef } from './sources.js';

export async function analyzeCase(name: string, refs: SourceRef[], knowledge: Knowledge, redactor?: Redactor): Promise<CaseResult> {
  const c = new CaseAnalysis(name, knowledge, redactor);
  for (const ref of refs) await readSource(c, ref);
  return c.finish();
}
