// How many cores are idle now: the kernel's CPU times, sampled before and after a short wait. The
// default thread count went by the load average before, which is of the last minute: right after
// another run ended (a script's, a benchmark's, the user's previous one) it still counted that run,
// and a second thread that would have had a core to itself was not started (issue 17: one thread
// 3.8 s, two 2.5 s, the default one thread on a machine idle but for the run before).
import { cpus } from 'node:os';

function sample(): { idle: number; total: number; n: number } {
  let idle = 0;
  let total = 0;
  const all = cpus();
  for (const { times: t } of all) {
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total, n: all.length };
}

/**
 * The cores idle over the next `ms` milliseconds (the kernel counts in 10 ms ticks: a wait of
 * 100 ms on 2 cores is 20 of them), or undefined where the system gives no CPU times.
 */
export async function idleCores(ms = 100): Promise<number | undefined> {
  const a = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = sample();
  const total = b.total - a.total;
  if (a.n === 0 || b.n !== a.n || total <= 0) return undefined;
  return Math.min(a.n, Math.max(0, ((b.idle - a.idle) / total) * a.n));
}
