// A worker thread of the batch pool: loads the content once, then analyses the cases it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from '../content/packs.js';
import { runCase } from './run-case.js';
import { IN_FLIGHT, type WorkerTask } from './worker-task.js';

// The same packs and project config as the main thread (it has already reported their problems).
const wd = (workerData ?? {}) as { packs?: string[]; cwd?: string };
const knowledge = loadContent(wd.packs ?? [], wd.cwd).knowledge;
// Tasks queue up here and run IN_FLIGHT at a time (one runs while another waits for its files);
// the pool sends the next before one ends, so the worker never waits for a busy main thread.
const queue: WorkerTask[] = [];
let running = 0;
async function drain(): Promise<void> {
  running++;
  for (let task = queue.shift(); task; task = queue.shift()) {
    try {
      parentPort!.postMessage({ index: task.index, outcome: await runCase(task.spec, knowledge, { limits: task.limits, redact: task.redact }) });
    } catch (e) {
      parentPort!.postMessage({ index: task.index, error: (e as Error).stack ?? String(e) });
    }
  }
  running--;
}
parentPort!.on('message', (task: WorkerTask) => {
  queue.push(task);
  if (running < IN_FLIGHT) void drain();
});
