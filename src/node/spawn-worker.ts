// Starts one of this package's worker modules. From dist/ that is its .js file; from src/ (tests
// run the TypeScript through tsx) the worker first registers tsx itself: Node 20 does not apply
// an --import given in a worker's execArgv to the worker's own entry module.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(name: string, options: WorkerOptions): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(url, options);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
