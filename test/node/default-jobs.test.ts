import test from 'ava';
import { defaultFileJobs, TWO_THREADS_MIN_BYTES } from '../../src/node/read/parallel-file.js';

// Measured on 2 cores (bench/results.md): a second thread lost below several hundred MB, and at
// any size once the other core was busy; so it is used only for a large file with a core to spare.
test('one large log gets a second thread only when it is large and a core is idle', (t) => {
  const big = 2 * TWO_THREADS_MIN_BYTES;
  t.is(defaultFileJobs(big, 2, 0.2), 2, 'idle 2-core machine, large file');
  t.is(defaultFileJobs(big, 8, 1), 2, 'at most two: one more than that did not pay');
  t.is(defaultFileJobs(TWO_THREADS_MIN_BYTES - 1, 2, 0), 1, 'below the size where a second thread pays');
  t.is(defaultFileJobs(big, 2, 1.2), 1, 'the other core is busy');
  t.is(defaultFileJobs(big, 4, 3), 1, 'three of four cores busy');
  t.is(defaultFileJobs(big, 1, 0), 1, 'one core');
  t.is(defaultFileJobs(0, 2, 0), 1, 'stdin or an unknown size');
});
