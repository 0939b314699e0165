// The cost measurement is bounded, and a pause of the machine (another process, a GC) in one
// round does not make a cheap signature look like a crawler: each round may stop early, but the
// best of the three is the cost. A fake clock stands for the machine, so nothing here is timed.
import test from 'ava';
import { measureCosts, ROUND_LIMIT_MS } from '../../src/lint/corpus-cost.js';
import { knowledge } from '../helpers/knowledge.js';

const BUDGET = 2000;

/** A clock that moves `step` ms per reading, and jumps `pause` ms at reading number `at`. */
function clock(step: number, pause = 0, at = -1): () => number {
  let t = 0;
  let n = 0;
  return () => (t += step + (n++ === at ? pause : 0));
}

test('a pause in one round does not stop the measurement of a cheap signature', (t) => {
  // The corpus is built from the signatures measured: all of them, for a corpus of some length.
  // Readings: one per 64 lines and two per round. A 30 ms pause a third into the first round.
  const sigs = knowledge().signatures;
  const costs = measureCosts(sigs, clock(0.0001, 30, Math.round(sigs.length * 6 / 64 / 3)), BUDGET);
  t.is(costs.length, sigs.length);
  for (const c of costs.slice(0, 1)) {
    t.is(c.stopped, undefined, `${c.id}: not stopped by the pause`);
    t.true(c.msPerMillionLines < BUDGET, `${c.id}: ${c.msPerMillionLines} ms per million lines`);
  }
});

test('a signature that crawls in every round is stopped, within the round limit, and says so', (t) => {
  // Every 64 lines take 10 ms: a crawl far over the budget.
  const [c] = measureCosts(knowledge().signatures, clock(10), BUDGET);
  t.truthy(c.stopped);
  t.true(c.msPerMillionLines > BUDGET);
  t.true(c.stopped!.ms <= ROUND_LIMIT_MS + 10, `stopped after ${c.stopped!.ms} ms`);
});
