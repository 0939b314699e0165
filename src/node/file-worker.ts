// A worker thread's share of a large plain log (see parallel-file.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadContent } from './packs.js';
import { readRange, type RangeTask } from './range-reader.js';

const task = workerData as RangeTask;
try {
  parentPort!.postMessage(await readRange(task, loadContent(task.rules, task.cwd).knowledge));
} catch (e) {
  parentPort!.postMessage({ error: e as Error });
}
