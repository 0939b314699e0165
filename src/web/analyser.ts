// The analysis of one case, where the page's heavy work runs: in the Web Worker, or on the page
// when no worker could start. The knowledge is compiled once, when the analyser starts; cases
// run one after another, and a cancelled one stops reading at its next chunk.
import content from 'virtual:i2pd-doctor-content';
import { CaseAnalysis } from '../analyze/case.js';
import { buildKnowledge, type Knowledge } from '../knowledge.js';
import { Redactor } from '../redact/redactor.js';
import { caseReport, type CaseReport } from '../report/model.js';
import type { CaseInput, Port, Reply, Request } from './messages.js';
import { pageBudget, readBlob } from './read-blob.js';

/** How often progress is sent: often enough to move smoothly, far less often than chunks come. */
const PROGRESS_EVERY_MS = 100;

/** The case's sources as the page names them: the pasted text first, then the files. */
function sources(input: CaseInput): [string, Blob][] {
  const pasted: [string, Blob][] = input.text.trim() ? [['pasted log', new Blob([input.text], { type: 'text/plain' })]] : [];
  return [...pasted, ...input.files.map((f): [string, Blob] => [f.name, f])];
}

/**
 * One case from the input; with a redactor, nothing original enters it (src/analyze/case.ts).
 * Undefined when the signal was aborted: a case read in part is no report.
 */
export async function analyseCase(input: CaseInput, knowledge: Knowledge, redactor: Redactor | undefined, signal: AbortSignal, onBytes: (read: number, total: number) => void): Promise<CaseReport | undefined> {
  const c = new CaseAnalysis(input.name, knowledge, redactor);
  const budget = pageBudget();
  const blobs = sources(input);
  const total = blobs.reduce((n, [, b]) => n + b.size, 0);
  let before = 0;
  for (const [name, blob] of blobs) {
    await readBlob(c, name, blob, budget, { signal, onBytes: (n) => onBytes(before + n, total) });
    if (signal.aborted) return undefined;
    before += blob.size;
  }
  const report = caseReport(await c.finish());
  return signal.aborted ? undefined : report;
}

/** Answers the page's requests on a port until the worker (or page) goes away. */
export function serve(port: Port): void {
  const knowledge = buildKnowledge(content);
  const reply = (m: Reply) => port.postMessage(m);
  const running = new Map<number, AbortController>();
  let queue = Promise.resolve();

  async function run(id: number, input: CaseInput, redact: boolean, signal: AbortSignal): Promise<void> {
    let sent = 0;
    const progress = (read: number, total: number) => {
      const now = performance.now();
      if (now - sent < PROGRESS_EVERY_MS && read < total) return;
      sent = now;
      reply({ kind: 'progress', id, read, total });
    };
    try {
      const report = signal.aborted ? undefined : await analyseCase(input, knowledge, redact ? new Redactor() : undefined, signal, progress);
      reply(report ? { kind: 'report', id, report } : { kind: 'cancelled', id });
    } catch (e) {
      reply({ kind: 'failed', id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  port.onmessage = (e: MessageEvent<Request>) => {
    const m = e.data;
    if (m.kind === 'cancel') {
      running.get(m.id)?.abort();
      return;
    }
    const ctl = new AbortController();
    running.set(m.id, ctl);
    queue = queue.then(() => run(m.id, m.input, m.redact, ctl.signal)).finally(() => running.delete(m.id));
  };
  reply({ kind: 'ready', version: content.version, rules: knowledge.rules.length, articles: knowledge.articles, problems: knowledge.problems });
}
