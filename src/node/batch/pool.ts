// Runs the cases of a batch: in this thread for a few, on a pool of worker threads sized to the
// cores for many. Results come back in completion order through onDone, and in input order at
// the end, the same whichever path ran them.
import { availableParallelism } from 'node:os';
import { CaseAnalysis } from '../../analyze/case.js';
import type { Knowledge } from '../../knowledge.js';
import { caseReport } from '../../report/report-model.js';
import type { CaseSpec } from './cases.js';
import { IN_FLIGHT, type WorkerTask } from './worker-task.js';
import { runCase, type CaseOutcome, type CaseRun } from './run-case.js';
import { DEFAULT_LIMITS } from '../../read/limits.js';
import { spawnWorker } from '../spawn-worker.js';

/** The content cases run with: this thread's, and the packs a worker loads to have the same. */
export interface PoolContent {
  knowledge: () => Knowledge;
  /** The packs beyond the bundled one (`--rules`). */
  packs?: string[];
}

export interface PoolOptions {
  /** Worker threads; 1 runs every case in this thread. Default: the cores, at most the cases. */
  jobs?: number;
  content: PoolContent;
  /** Limits and redaction for every case; profiling, file threads and the line log only with jobs 1. */
  run: CaseRun;
  onDone?: (outcome: CaseOutcome, index: number) => void;
}

/** Cases each worker has been sent and not yet answered: one queued behind those in flight. */
const AHEAD = IN_FLIGHT + 1;

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

export async function runBatch(specs: CaseSpec[], o: PoolOptions): Promise<CaseOutcome[]> {
  const jobs = Math.max(1, Math.min(o.jobs ?? defaultJobs(specs.length), specs.length));
  const out: CaseOutcome[] = new Array(specs.length);
  const k = o.content.knowledge();
  const limits = o.run.limits ?? DEFAULT_LIMITS;
  const redact = o.run.redact ?? false;
  let next = 0;
  /** Cases a dead worker had queued but not started: given out again first. */
  const again: number[] = [];
  const take = (): number | undefined => (again.length > 0 ? again.shift() : next < specs.length ? next++ : undefined);
  /** Runs cases on this thread, `inFlight` at a time, until none is left to take. */
  const here = (inFlight: number, run: CaseRun) =>
    Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let index = take(); index !== undefined; index = take()) {
          out[index] = await runCase(specs[index], k, run).catch((e: Error) => failedCase(specs[index], k, e.stack ?? String(e)));
          o.onDone?.(out[index], index);
        }
      }),
    );
  if (jobs <= 1) {
    // --profile times one case at a time; a case reading one large file on several threads
    // (fileJobs) has the cores already.
    await here(o.run.profile || o.run.lineLog || (o.run.fileJobs ?? 1) > 1 ? 1 : IN_FLIGHT, { ...o.run, limits, redact });
    return out;
  }
  // This thread is one of the lanes: its JIT is warm and its content loaded, while a new worker
  // starts cold (measured: a cold worker spends 1.3-1.6x the CPU per case for its first thousand
  // cases), so a pool of N lanes is this thread plus N-1 workers.
  const local = here(IN_FLIGHT, { limits, redact });
  const workerLane = () =>
    new Promise<void>((resolve) => {
      const spawn = () => spawnWorker('batch/case-worker', { workerData: { packs: o.content.packs ?? [], cwd: process.cwd() } });
      let w = spawn();
      // Sent and not answered, in the order sent: the worker runs them in that order.
      const sent: number[] = [];
      const finish = async (index: number, outcome: CaseOutcome | undefined, error: string | undefined) => {
        out[index] = error !== undefined ? await failedCase(specs[index], o.content.knowledge(), error) : outcome!;
        o.onDone?.(out[index], index);
      };
      const pump = () => {
        // The next case is already queued at the worker when one ends: a busy main thread (this
        // lane's own cases) would otherwise leave the worker waiting for its next task.
        while (sent.length < AHEAD) {
          const index = take();
          if (index === undefined) break;
          sent.push(index);
          const task: WorkerTask = { index, spec: specs[index], limits, redact };
          w.postMessage(task);
        }
        if (sent.length === 0) void w.terminate().then(() => resolve());
      };
      const attach = () => {
        w.on('message', (m: { index: number; outcome?: CaseOutcome; error?: string }) => {
          sent.splice(sent.indexOf(m.index), 1);
          void finish(m.index, m.outcome, m.error).then(pump);
        });
        w.once('error', (e: Error) => {
          // A worker that died (out of memory, say) is replaced: the oldest case it had, the likeliest
          // cause, is reported failed; the others (running beside it or queued) go to the next worker.
          const [oldest, ...queued] = sent.splice(0);
          again.unshift(...queued);
          w.removeAllListeners('message');
          void w.terminate().then(async () => {
            if (oldest !== undefined) await finish(oldest, undefined, `the worker stopped: ${e.message}`);
            w = spawn();
            attach();
            pump();
          });
        });
      };
      attach();
      pump();
    });
  await Promise.all([local, ...Array.from({ length: jobs - 1 }, workerLane)]);
  return out;
}
