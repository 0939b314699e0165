// Starts one of this package's worker modules (`name` under src/node/). From dist/ (also from the
// CLI's bundle, which leaves the workers to tsc's files) that is its .js file; from src/ (tests
// run the TypeScript through tsx) the worker first registers tsx itself: Node 20 does not apply
// an --import given in a worker's execArgv to the worker's own entry module.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { PACKAGE_ROOT } from './package-root.js';

export function spawnWorker(name: string, options: WorkerOptions): Worker {
  // Node's worker_threads is loaded on the first spawn: a short log's run starts no thread, and
  // loading it was 1.4 ms of that run's start-up (issue 17).
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const fromSource = import.meta.url.endsWith('.ts');
  const url = pathToFileURL(join(PACKAGE_ROOT, fromSource ? 'src' : 'dist', 'node', `${name}.${fromSource ? 'ts' : 'js'}`));
  if (!fromSource) return new Worker(url, options);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
