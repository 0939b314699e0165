import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../../bench/generate.js';
import { WindowCounter } from '../../src/facts/window.js';
import { cli } from '../helpers/cli.js';

test('a log read on 2, 3 or 5 threads, in halves or in many blocks, gives the same report as one thread, across midnight', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  const file = join(dir, 'i2pd.log');
  // Starts a minute before midnight, so some parts begin on the next day.
  await generateLog(file, 3_000_000, 11, 23 * 3600 + 59 * 60);
  const env = { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1' };
  const one = cli(['analyze', file, '-f', 'json', '--jobs', '1'], undefined, env);
  const report = JSON.parse(one.stdout);
  t.true(report.cases[0].diagnoses.length > 0, 'the buried problems are found');
  t.true(report.cases[0].sources[0].lines > 40_000);
  for (const jobs of ['2', '3', '5']) {
    const many = cli(['analyze', file, '-f', 'json', '--jobs', jobs], undefined, env);
    t.is(many.code, one.code);
    t.deepEqual(JSON.parse(many.stdout), report, `--jobs ${jobs}`);
  }
  // Many small blocks taken in turn by the threads: ~45 parts merged in order.
  const blocks = cli(['analyze', file, '-f', 'json', '--jobs', '2'], undefined, { ...env, I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: '65536' });
  t.deepEqual(JSON.parse(blocks.stdout), report, '64 KiB blocks');
});

test('per-minute maxima merged from two parts equal one counter over the whole, wherever the cut', (t) => {
  let seed = 5;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const times: number[] = [];
  for (let s = 1000; times.length < 3000; s += rnd() < 0.3 ? Math.floor(rnd() * 90) : 0) times.push(s);
  for (const w of [60, 600]) {
    const whole = new WindowCounter(w);
    for (const x of times) whole.add(x);
    for (let cut = 0; cut <= times.length; cut += 37) {
      const a = new WindowCounter(w);
      const b = new WindowCounter(w);
      times.slice(0, cut).forEach((x) => a.add(x));
      times.slice(cut).forEach((x) => b.add(x));
      a.merge(b.state());
      t.is(a.max, whole.max, `window ${w}, cut at ${cut}`);
      // The merged counter goes on counting as the whole one would.
      const more = [times[times.length - 1], times[times.length - 1] + 1, times[times.length - 1] + 1];
      const c = WindowCounter.from(whole.state());
      more.forEach((x) => (a.add(x), c.add(x)));
      t.is(a.max, c.max);
    }
  }
});

test('a multi-day log read on threads gives the timeline of one thread: runs, status changes, each finding\'s marks', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  const file = join(dir, 'i2pd.log');
  await generateLog(file, 2_000_000, 3, 21 * 3600, { linesPerSecond: 0.1, onset: 0.5 });
  const env = { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: '131072' };
  const one = JSON.parse(cli(['analyze', file, '-f', 'json', '--jobs', '1'], undefined, env).stdout).cases[0];
  t.like(one.timeline, { clock: 'log', runCount: 3, statusCount: 2 });
  t.true(one.timeline.findings.length >= 3);
  for (const jobs of ['2', '3']) {
    const many = JSON.parse(cli(['analyze', file, '-f', 'json', '--jobs', jobs], undefined, env).stdout).cases[0];
    t.deepEqual(many.timeline, one.timeline, `--jobs ${jobs}`);
    t.is(many.facts.derived.uncleanRestarts, 1, `--jobs ${jobs}`);
  }
});
