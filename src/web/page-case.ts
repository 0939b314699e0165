// The page's case: the pasted text and the chosen files read into one analysis, and its report.
// No DOM and no bundled content here, so it runs in the worker, on the page, and under Node's tests.
import { CaseAnalysis } from '../analyze/case.js';
import type { Knowledge } from '../knowledge.js';
import type { Redactor } from '../redact/redactor.js';
import { caseReport, type CaseReport } from '../report/report-model.js';
import type { CaseInput } from './messages.js';
import { pageBudget, readBlob } from './read-blob.js';

export interface PageCaseOptions {
  /** With a redactor, nothing original enters the case (src/analyze/case.ts). */
  redactor?: Redactor;
  /** Once aborted, reading stops at the next chunk and there is no report. */
  signal?: AbortSignal;
  /** Bytes read of all the sources so far, and their total. */
  onBytes?: (read: number, total: number) => void;
}

/** The case's sources as the page names them: the pasted text first, then the files. */
function sources(input: CaseInput): [string, Blob][] {
  const pasted: [string, Blob][] = input.text.trim() ? [['pasted log', new Blob([input.text], { type: 'text/plain' })]] : [];
  return [...pasted, ...input.files.map((f): [string, Blob] => [f.name, f])];
}

/** The report of one case; undefined when the signal was aborted, as a case read in part is no report. */
export async function pageCaseReport(input: CaseInput, knowledge: Knowledge, { redactor, signal, onBytes }: PageCaseOptions = {}): Promise<CaseReport | undefined> {
  const c = new CaseAnalysis(input.name, knowledge, redactor);
  const budget = pageBudget();
  const blobs = sources(input);
  const total = blobs.reduce((n, [, b]) => n + b.size, 0);
  let before = 0;
  for (const [name, blob] of blobs) {
    try {
      await readBlob(c, name, blob, budget, { signal, onBytes: onBytes && ((n) => onBytes(before + n, total)) });
    } catch (e) {
      // readBlob rejects with the signal's reason once aborted: a cancel, not a failure.
      if (signal?.aborted) return undefined;
      throw e;
    }
    if (signal?.aborted) return undefined;
    before += blob.size;
  }
  const report = caseReport(await c.finish());
  return signal?.aborted ? undefined : report;
}
