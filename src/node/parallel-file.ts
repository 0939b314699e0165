// Reads one large plain log on several threads (this one and jobs - 1 workers): the file is cut into byte ranges at line
// boundaries, each worker reads its range into its own facts, and the parts are merged in order
// into exactly what one sequential read gives (same counts, first/last lines, examples, captures,
// per-minute maxima; day rollovers carried from part to part). Kept apart from the batch pool of
// many cases: this splits one file, that spreads many.
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CaseAnalysis } from '../analyze/case.js';
import { readRange, type Part, type RangeTask } from './range-reader.js';

/** Below this a worker's start-up (loading the content) costs more than it saves. */
export function parallelMinBytes(): number {
  const env = Number(process.env.I2PD_DOCTOR_PARALLEL_MIN_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 32 * 1024 * 1024;
}

export function defaultFileJobs(): number {
  return Math.min(2, availableParallelism());
}

const WINDOW = 256 * 1024;

/**
 * Byte offsets where parts start: after a newline that is followed by an i2pd time (`HH:MM:`), so
 * that no wrapped or multi-line entry is cut in two. Fewer parts when no such line is near a cut.
 */
export function cutPoints(path: string, size: number, parts: number): number[] {
  const cuts = [0];
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(WINDOW);
    for (let k = 1; k < parts; k++) {
      const from = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1] + 1);
      const n = readSync(fd, buf, 0, WINDOW, from);
      let at = -1;
      for (let i = buf.indexOf(10); i !== -1 && i + 4 < n; i = buf.indexOf(10, i + 1)) {
        const d = (j: number) => buf[j] >= 48 && buf[j] <= 57;
        if (d(i + 1) && d(i + 2) && buf[i + 3] === 58) {
          at = from + i + 1;
          break;
        }
      }
      if (at !== -1 && at < size) cuts.push(at);
    }
  } finally {
    closeSync(fd);
  }
  return cuts;
}

function runWorker(task: RangeTask): Promise<Part> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './file-worker.ts' : './file-worker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    const w = new Worker(url, { workerData: task, execArgv: fromSource ? ['--import', 'tsx'] : [] });
    w.once('message', (m: Part | { error: Error }) => ('error' in m ? reject(m.error) : resolve(m)));
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker stopped with exit code ${code}`)));
  });
}

/**
 * Reads `path` as one log source of the case on `jobs` threads. Returns false, having added
 * nothing, when the file cannot be split or a part needs what only a sequential read knows (lines
 * with their own dates); the caller then reads it the ordinary way.
 */
export async function readFileParallel(c: CaseAnalysis, name: string, path: string, size: number, jobs: number): Promise<boolean> {
  const cuts = cutPoints(path, size, jobs);
  if (cuts.length < 2) return false;
  const tasks = cuts.map((start, i) => ({ path, name, start, end: i + 1 < cuts.length ? cuts[i + 1] : size, rules: c.contentRules, cwd: process.cwd(), templatesFor: c.templates ? c.name : undefined }));
  // The first part is read on this thread, which would otherwise wait: one isolate less in memory.
  const parts = await Promise.all([readRange(tasks[0], c.knowledge), ...tasks.slice(1).map(runWorker)]);
  if (parts.some((p) => p.facts.clock?.dated)) return false;
  c.addLogParts(name, parts);
  return true;
}
