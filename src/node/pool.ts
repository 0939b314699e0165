// Runs the cases of a batch: in this thread for a few, on a pool of worker threads sized to the
// cores for many. Results come back in completion order through onDone, and in input order at
// the end, the same whichever path ran them.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CaseAnalysis } from '../analyze/case.js';
import type { Knowledge } from '../knowledge.js';
import { caseReport } from '../report/model.js';
import type { CaseSpec } from './cases.js';
import type { WorkerTask } from './case-worker.js';
import type { Limits } from './limits.js';
import { runCase, type CaseOptions, type CaseOutcome } from './run-case.js';

export interface PoolOptions {
  /** Worker threads; 1 runs every case in this thread. Default: the cores, at most the cases. */
  jobs?: number;
  limits: Limits;
  /** Redact each case with its own redactor. */
  redact?: boolean;
  knowledge: () => Knowledge;
  /** Extra packs (--rules), loaded again by each worker. */
  rules?: string[];
  onDone?: (outcome: CaseOutcome, index: number) => void;
  /** For cases run in this thread (jobs 1): profiling, threads for one large file. */
  caseOptions?: Pick<CaseOptions, 'profile' | 'fileJobs' | 'rules'>;
}

/** Below this many cases starting workers costs more than it saves. */
const MIN_PARALLEL = 4;

export function defaultJobs(cases: number): number {
  return cases < MIN_PARALLEL ? 1 : Math.max(1, Math.min(availableParallelism(), cases));
}

/** A case whose analysis threw: reported as such, and the batch goes on. */
async function failedCase(spec: CaseSpec, knowledge: Knowledge, error: string): Promise<CaseOutcome> {
  const c = new CaseAnalysis(spec.name, knowledge);
  c.failedSource(spec.name, `${spec.name}: internal error while analysing this case (${error.split('\n')[0]}); the other cases go on. Please report this with the attachment if you can share it`);
  return { report: caseReport(await c.finish()), templates: [] };
}

export async function runCases(specs: CaseSpec[], o: PoolOptions): Promise<CaseOutcome[]> {
  const jobs = Math.max(1, Math.min(o.jobs ?? defaultJobs(specs.length), specs.length));
  const out: CaseOutcome[] = new Array(specs.length);
  if (jobs <= 1) {
    const k = o.knowledge();
    for (let i = 0; i < specs.length; i++) {
      out[i] = await runCase(specs[i], k, o.limits, o.redact ?? false, o.caseOptions).catch((e: Error) => failedCase(specs[i], k, e.stack ?? String(e)));
      o.onDone?.(out[i], i);
    }
    return out;
  }
  const url = new URL(import.meta.url.endsWith('.ts') ? './case-worker.ts' : './case-worker.js', import.meta.url);
  let next = 0;
  // This thread is one of the lanes: its JIT is warm and its content loaded, while a new worker
  // starts cold (measured: a cold worker spends 1.3-1.6x the CPU per case for its first thousand
  // cases), so a pool of N lanes is this thread plus N-1 workers.
  const k = o.knowledge();
  const local = (async () => {
    while (next < specs.length) {
      const index = next++;
      out[index] = await runCase(specs[index], k, o.limits, o.redact ?? false).catch((e: Error) => failedCase(specs[index], k, e.stack ?? String(e)));
      o.onDone?.(out[index], index);
    }
  })();
  await Promise.all([
    local,
    ...Array.from({ length: jobs - 1 }, async () => {
      const spawn = () => new Worker(url, { workerData: { rules: o.rules ?? [], cwd: process.cwd() } });
      let w = spawn();
      try {
        while (next < specs.length) {
          const index = next++;
          const task: WorkerTask = { index, spec: specs[index], limits: o.limits, redact: o.redact ?? false };
          const reply = await new Promise<{ outcome?: CaseOutcome; error?: string; died?: boolean }>((resolve) => {
            const onError = (e: Error) => {
              w.off('message', onMsg);
              resolve({ error: `the worker stopped: ${e.message}`, died: true });
            };
            const onMsg = (m: { outcome?: CaseOutcome; error?: string }) => {
              w.off('error', onError);
              resolve(m);
            };
            w.once('message', onMsg);
            w.once('error', onError);
            w.postMessage(task);
          });
          if (reply.died) {
            // A worker that died (out of memory, say) is replaced; its case is reported failed.
            await w.terminate();
            w = spawn();
          }
          out[index] = reply.error ? await failedCase(specs[index], o.knowledge(), reply.error) : reply.outcome!;
          o.onDone?.(out[index], index);
        }
      } finally {
        await w.terminate();
      }
    }),
  ]);
  return out;
}
