// Reads one large plain log on several threads (this one and jobs - 1 workers): the file is cut
// into blocks at line boundaries, the threads take blocks in turn until none is left, each block
// is read into facts of its own, and the parts are merged in order into exactly what one
// sequential read gives (same counts, first/last lines, examples, captures, per-minute maxima;
// day rollovers carried from part to part). Kept apart from the batch pool of many cases: this
// splits one file, that spreads many.
import { closeSync, openSync, readSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { TemplateCollector } from '../../facts/templates.js';
import type { Derivations } from '../../facts/derivations.js';
import { Timeline } from '../../facts/timeline.js';
import type { Matcher } from '../../match/matcher.js';
import type { Signature } from '../../match/signature.js';
import { readRange, type Part, type RangeTask } from './range-reader.js';
import { spawnWorker } from '../spawn-worker.js';

/** What a sink needs to take a log read on several threads (a case has it: CaseAnalysis). */
export interface ParallelSink {
  /** Whether a source may be read by other threads (they see the raw text, not the redacted). */
  readonly splittable: boolean;
  /** Threads for one large plain file. */
  readonly jobs: number;
  /** The case's name, which its unknown-message templates are collected under. */
  readonly name: string;
  readonly knowledge: { readonly signatures: readonly Signature[]; readonly matcher: Matcher; readonly derivations: Derivations };
  readonly templates: TemplateCollector | undefined;
  /** The parts, merged in order into one log source. */
  addLogParts(name: string, parts: Part[]): void;
}

/** Below this a worker's start-up (loading the content) costs more than it saves. */
export function parallelMinBytes(): number {
  const env = Number(process.env.I2PD_DOCTOR_PARALLEL_MIN_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 32 * 1024 * 1024;
}

/**
 * Blocks, not one range per thread: a worker starts late (~0.1 s, more on a busy machine),
 * so equal halves left this thread idle at the end; with blocks taken in turn the threads end
 * within one block of each other.
 */
export function blockBytes(): number {
  const env = Number(process.env.I2PD_DOCTOR_PARALLEL_BLOCK_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 32 * 1024 * 1024;
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

/** A worker that reads the ranges it is given; `ready` settles once it has loaded the content. */
class RangeWorker {
  private readonly w: Worker;
  readonly ready: Promise<void>;
  private pending?: { resolve: (p: Part) => void; reject: (e: Error) => void };
  private failed?: Error;

  constructor(signatures: readonly Signature[], derivations: Derivations) {
    this.w = spawnWorker('read/file-worker', { workerData: { signatures, derivations } });
    this.ready = new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        this.failed = e;
        reject(e);
        this.pending?.reject(e);
      };
      this.w.on('message', (m: { ready?: true; part?: Part; error?: Error }) => {
        if (m.ready) resolve();
        else if (m.error) this.pending?.reject(m.error);
        else if (m.part) this.pending?.resolve(m.part);
      });
      this.w.once('error', fail);
      this.w.once('exit', (code) => code !== 0 && fail(new Error(`worker stopped with exit code ${code}`)));
    });
  }

  read(task: RangeTask): Promise<Part> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.w.postMessage(task);
    });
  }

  terminate(): Promise<number> {
    return this.w.terminate();
  }
}

/**
 * Reads `path` as one log source of the case on `jobs` threads. Returns false, having added
 * nothing, when the file cannot be split or a part needs what only a sequential read knows (lines
 * with their own dates, markdown fences); the caller then reads it the ordinary way.
 */
export async function readFileParallel(c: ParallelSink, name: string, path: string, size: number, jobs = c.jobs): Promise<boolean> {
  const cuts = cutPoints(path, size, Math.max(jobs, Math.ceil(size / blockBytes())));
  if (cuts.length < 2) return false;
  const tasks = cuts.map((start, i) => ({ path, name, start, end: i + 1 < cuts.length ? cuts[i + 1] : size, templatesFor: c.templates ? c.name : undefined }));
  const parts: Part[] = new Array(tasks.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(jobs, tasks.length) - 1 }, () => new RangeWorker(c.knowledge.signatures, c.knowledge.derivations));
  try {
    await Promise.all([
      // This thread starts at once and reads blocks too: one isolate less in memory.
      (async () => {
        while (next < tasks.length) {
          const i = next++;
          parts[i] = await readRange(tasks[i], c.knowledge.matcher, c.knowledge.derivations);
        }
      })(),
      // A worker takes its first block only once it is ready, so no block waits for a worker
      // still starting.
      ...workers.map(async (w) => {
        // One that cannot start leaves its blocks to the other threads.
        if (!(await w.ready.then(() => true, () => false))) return;
        while (next < tasks.length) {
          const i = next++;
          parts[i] = await w.read(tasks[i]);
        }
      }),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Dated lines, and markdown fences (a block's meaning, e.g. a pasted i2pd.conf, depends on
  // fences before the cut), need the whole text in order: the caller reads it sequentially. So
  // does a part spanning so long that its timeline's buckets are wider than a day: moved by
  // whole days they would leave the grid.
  if (parts.some((p) => p.facts.clock?.dated || (p.stats.formats['markdown paste'] ?? 0) > 0 || !Timeline.mergeable(p.facts.timeline))) return false;
  c.addLogParts(name, parts);
  return true;
}
