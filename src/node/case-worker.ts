// A worker thread of the batch pool: loads the content once, then analyses the cases it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from './packs.js';
import type { CaseSpec } from './cases.js';
import type { Limits } from './limits.js';
import { runCase } from './run-case.js';

export interface WorkerTask {
  index: number;
  spec: CaseSpec;
  limits: Limits;
  redact: boolean;
}

// The same packs and project config as the main thread (it has already reported their problems).
const wd = (workerData ?? {}) as { rules?: string[]; cwd?: string };
const knowledge = loadContent(wd.rules ?? [], wd.cwd).knowledge;
parentPort!.on('message', (task: WorkerTask) => {
  runCase(task.spec, knowledge, task.limits, task.redact).then(
    (outcome) => parentPort!.postMessage({ index: task.index, outcome }),
    (e: Error) => parentPort!.postMessage({ index: task.index, error: e.stack ?? String(e) }),
  );
});
