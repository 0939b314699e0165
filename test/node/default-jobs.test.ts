import test from 'ava';
import { cpus } from 'node:os';
import { idleCores } from '../../src/node/read/idle-cores.js';
import { chooseFileJobs, defaultFileJobs, TWO_THREADS_MIN_BYTES } from '../../src/node/read/parallel-file.js';

// Measured on 2 cores (bench/results.md): a second thread lost below several hundred MB, and at
// any size once the other core was busy; so it is used only for a large file with a core to spare.
test('one large log gets a second thread only when it is large and a core is idle', (t) => {
  const big = 2 * TWO_THREADS_MIN_BYTES;
  t.is(defaultFileJobs(big, 2, 1.8), 2, 'idle 2-core machine, large file');
  t.is(defaultFileJobs(big, 8, 7), 2, 'at most two: one more than that did not pay');
  t.is(defaultFileJobs(TWO_THREADS_MIN_BYTES - 1, 2, 2), 1, 'below the size where a second thread pays');
  t.is(defaultFileJobs(big, 2, 0.8), 1, 'the other core is busy');
  t.is(defaultFileJobs(big, 4, 1), 1, 'three of four cores busy');
  t.is(defaultFileJobs(big, 1, 1), 1, 'one core');
  t.is(defaultFileJobs(0, 2, 2), 1, 'stdin or an unknown size');
});

test('the idle cores are measured now, between none and all of them', async (t) => {
  const idle = await idleCores(50);
  if (cpus().length === 0) {
    t.is(idle, undefined, 'no CPU times: nothing measured');
    return;
  }
  t.true(idle !== undefined && idle >= 0 && idle <= cpus().length, String(idle));
  // A core kept busy by this thread during the wait is not idle.
  const spin = new Promise<void>((resolve) => {
    const end = Date.now() + 120;
    const step = () => {
      const until = Date.now() + 20;
      while (Date.now() < until) {
        // busy
      }
      if (Date.now() < end) setImmediate(step);
      else resolve();
    };
    step();
  });
  const [busy] = await Promise.all([idleCores(100), spin]);
  t.true(busy !== undefined && busy <= cpus().length - 0.5, `with this thread busy: ${busy}`);
});

test('a file too small to split, or one core, is one thread whatever is idle', async (t) => {
  t.is(await chooseFileJobs(TWO_THREADS_MIN_BYTES - 1, 2), 1);
  t.is(await chooseFileJobs(2 * TWO_THREADS_MIN_BYTES, 1), 1);
  t.true([1, 2].includes(await chooseFileJobs(2 * TWO_THREADS_MIN_BYTES, 2)));
});
