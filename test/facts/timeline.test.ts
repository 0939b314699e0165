// The timeline of a case: fixed buckets on the log's own clock, widened as the log grows; runs,
// status changes and each finding's evidence on it; and parts read apart merging into exactly what
// one reading gives.
import test from 'ava';
import fc from 'fast-check';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../../bench/generate.js';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { CaseFacts } from '../../src/facts/case-facts.js';
import { BUCKETS } from '../../src/facts/timeline-grid.js';
import type { TimelineReport } from '../../src/facts/timeline-report.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';
import { cutPoints } from '../../src/node/read/parallel-file.js';
import { readRange } from '../../src/node/read/range-reader.js';
import { analyzeSources } from '../../src/node/batch/run-case.js';
import { caseReport } from '../../src/report/report-model.js';
import { knowledge } from '../helpers/knowledge.js';

const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-timeline-'));
const DAY = 86400;

/** Four days of a quiet router from 21:00, an orderly restart at a quarter, the problem from half-way. */
async function multiDay(): Promise<string> {
  const file = join(dir, 'multi-day.log');
  await generateLog(file, 2_000_000, 3, 21 * 3600, { linesPerSecond: 0.1, onset: 0.5 });
  return file;
}

function sum(a: number[]): number {
  return a.reduce((n, x) => n + x, 0);
}

/** Index of the first bucket with a count. */
function firstMarked(a: number[]): number {
  return a.findIndex((x) => x > 0);
}

test('a multi-day log: buckets on its own clock across midnights, lines per level as counted, runs, status and the onset of a problem', async (t) => {
  const file = await multiDay();
  const r = await analyzeSources(file, [{ name: 'i2pd.log', path: file }], knowledge());
  const tl = r.timeline;
  t.is(tl.clock, 'log');
  t.true(tl.buckets <= BUCKETS && tl.buckets > BUCKETS / 5, `${tl.buckets} buckets`);
  // Past three midnights: the last bucket ends on the fourth day of the log's clock.
  t.true(tl.start + tl.buckets * tl.width > 3 * DAY, `ends at ${tl.start + tl.buckets * tl.width}`);
  t.is(tl.start % tl.width, 0);
  t.is(r.facts.stats.spanSeconds! < tl.buckets * tl.width, true);
  // Every line has a time: per level, the buckets add up to the stats.
  for (const [level, n] of Object.entries(r.facts.stats.levels)) t.is(sum(tl.levels[level as 'info']!), n, level);
  t.deepEqual(tl.sources, [{ name: 'i2pd.log', timed: r.facts.stats.entries, untimed: 0 }]);
  // An orderly restart at a quarter, a start without a stop at half-way, the run still open at the end.
  t.is(tl.runCount, 3);
  t.deepEqual(tl.runs.map((x) => x.stopped), [true, false, false]);
  t.is(sum(tl.starts), 3);
  t.is(sum(tl.stops), 1);
  t.is(sum(tl.unclean), 1);
  t.is(r.facts.derived.uncleanRestarts, 1);
  const [, second, third] = tl.runs;
  t.true(second.start! < second.end! && second.end! <= third.start!);
  // The log's first line is the first start's; the last run ends with its last line.
  t.is(third.end, r.facts.signals['core.start'].first!.t! + r.facts.stats.spanSeconds!);
  t.deepEqual(tl.status.map((s) => s.text), ['network status v4 changed Unknown -> OK', 'network status v4 changed OK -> Firewalled']);
  t.is(sum(tl.statusChanges), 2);
  // The errors start at the crash, in the bucket of the unclean start, and never before it.
  const onset = firstMarked(tl.unclean);
  const rules = r.diagnoses.map((d) => d.rule);
  t.true(rules.includes('too-many-open-files') && rules.includes('unclean-restart') && rules.includes('router-firewalled'), rules.join(', '));
  const open = tl.findings.find((f) => f.rule === 'too-many-open-files')!;
  t.is(firstMarked(open.counts), onset);
  t.is(sum(open.counts), r.facts.signals['ntcp2.accept-error'].count);
  t.is(open.untimed, 0);
  t.true(open.counts.slice(onset).filter((x) => x > 0).length > (tl.buckets - onset) / 2, 'marks run on to the end');
  // The log's own few errors before it; many more after.
  const rate = (a: number[]) => sum(a) / a.length;
  t.true(rate(tl.levels.error!.slice(onset)) > 5 * rate(tl.levels.error!.slice(0, onset)), 'errors rise at the onset');
  const restart = tl.findings.find((f) => f.rule === 'unclean-restart')!;
  t.true(restart.counts[onset] > 0);
  // In findings order, one entry per finding.
  t.deepEqual(tl.findings.map((f) => f.rule), rules);
});

test("a finding is marked where the conditions that made it hold saw their lines, not everywhere its rule's signals did", async (t) => {
  const file = await multiDay();
  const r = await analyzeSources(file, [{ name: 'i2pd.log', path: file }], knowledge());
  const tl = r.timeline;
  const marked = (a: number[]) => a.flatMap((n, i) => (n > 0 ? [i] : []));
  const onset = firstMarked(tl.unclean);
  // router-firewalled holds on the last status (lastCaptures.to): the change to Firewalled at the
  // onset, not the change to OK on the first day that the same signature saw.
  const fw = tl.findings.find((f) => f.rule === 'router-firewalled')!;
  t.deepEqual(marked(fw.counts), [onset]);
  t.is(sum(fw.counts), 1);
  t.is(fw.untimed, 0);
  // unclean-restart holds on the derived count of unclean starts: its mark is the crash's start.
  const restart = tl.findings.find((f) => f.rule === 'unclean-restart')!;
  t.true(marked(restart.counts).includes(onset));
  t.false(marked(restart.counts).includes(0), 'not the first start of the log, which followed nothing');
});

test('the buckets stay 240 however long the log, widening by whole steps', (t) => {
  const k = knowledge();
  const f = new CaseFacts(k.matcher, k.derivations);
  const p = new LineParser(newSourceStats('year.log'), (e) => f.add(e), f);
  // A line every 53 minutes for a year: the time of day wraps round, the clock counts the days.
  let lines = 0;
  for (let s = 0; s < 365 * DAY; s += 53 * 60, lines++) {
    const tod = s % DAY;
    const hh = String(Math.floor(tod / 3600)).padStart(2, '0');
    const mm = String(Math.floor(tod / 60) % 60).padStart(2, '0');
    p.push(`${hh}:${mm}:00@1/info - Tunnels: Tunnel ${s} has been created`);
  }
  p.end();
  const cf = f.finish(k.signatures);
  const tl = cf.timeline.report([]);
  t.true(tl.buckets <= BUCKETS);
  t.is(tl.width, 2 * DAY);
  t.is(sum(tl.levels.info!), lines);
  t.is(cf.timeline.state().grid.rows.length, 11 * BUCKETS);
});

test('a source without times says so; the times of the others still make the timeline', async (t) => {
  const log = join(dir, 'i2pd.log');
  writeFileSync(log, '12:00:00@1/info - Tunnels: Tunnel 1 has been created\n12:30:00@1/error - NTCP2: Accept error Too many open files\n');
  const redacted = join(dir, 'redacted.log');
  writeFileSync(redacted, 'XX:XX:XX@1/info - Tunnels: Tunnel 1 has been created\nXX:XX:XX@1/error - NTCP2: Accept error Too many open files\n');
  const consoleText = join(dir, 'console.txt');
  writeFileSync(consoleText, 'Network status: Firewalled\n');
  const r = await analyzeSources('case', [{ name: 'i2pd.log', path: log }, { name: 'redacted.log', path: redacted }, { name: 'console.txt', path: consoleText }], knowledge());
  t.deepEqual(r.timeline.sources, [
    { name: 'i2pd.log', timed: 2, untimed: 0 },
    { name: 'redacted.log', timed: 0, untimed: 2 },
    { name: 'console.txt', timed: 0, untimed: 1 },
  ]);
  t.like(r.timeline.status[0], { source: 'console.txt', text: 'Network status: Firewalled', t: undefined });
  const open = r.timeline.findings.find((f) => f.rule === 'too-many-open-files')!;
  t.is(sum(open.counts), 1);
  t.is(open.untimed, 1);
  const none = await analyzeSources('redacted', [{ name: 'redacted.log', path: redacted }], knowledge());
  t.is(none.timeline.clock, undefined);
  t.is(none.timeline.buckets, 0);
  t.deepEqual(none.timeline.levels, {});
});

test('dated lines put the timeline on their dates', async (t) => {
  const log = join(dir, 'clf.log');
  writeFileSync(log, '[04/Dec/2025:23:59:00 +0100]@423/info - Daemon: Router configured as floodfill\n[05/Dec/2025:00:10:00 +0100]@423/error - NTCP2: Accept error Too many open files\n');
  const r = await analyzeSources(log, [{ name: 'clf.log', path: log }], knowledge());
  t.is(r.timeline.clock, 'date');
  const day = Math.floor(Date.UTC(2025, 11, 4) / 86400000);
  t.true(r.timeline.start >= day * DAY + 23 * 3600 && r.timeline.start <= day * DAY + 23 * 3600 + 59 * 60);
  t.is(sum(r.timeline.levels.error!), 1);
});

/** The report of a file read in parts at `cuts` (as the threads read it, on this thread) and merged. */
async function readInParts(file: string, cuts: number[]): Promise<ReturnType<typeof caseReport>> {
  const k = knowledge();
  const size = statSync(file).size;
  const parts = [];
  for (let i = 0; i < cuts.length; i++) parts.push(await readRange({ path: file, name: 'i2pd.log', start: cuts[i], end: i + 1 < cuts.length ? cuts[i + 1] : size }, k.matcher, k.derivations));
  const c = new CaseAnalysis('i2pd.log', k);
  c.addLogParts('i2pd.log', parts);
  return caseReport(await c.finish());
}

test('parts read apart merge into exactly the timeline one reading gives, wherever the cuts', async (t) => {
  const file = await multiDay();
  const size = statSync(file).size;
  const whole = caseReport(await analyzeSources('i2pd.log', [{ name: 'i2pd.log', path: file }], knowledge()));
  t.true(whole.timeline.buckets > 0);
  for (const n of [2, 3, 7, 40]) {
    const merged = await readInParts(file, cutPoints(file, size, n));
    t.deepEqual(merged.timeline, whole.timeline, `${n} parts`);
    t.deepEqual(merged.facts, whole.facts, `${n} parts`);
  }
});

// Lines that steer the timeline: times that move on, jump back past midnight or by a second,
// starts, orderly stops, status lines repeating or changing, levels, lines without a time.
const step = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 6 },
  { arbitrary: fc.integer({ min: 60, max: 7 * 3600 }), weight: 2 },
  { arbitrary: fc.constant(-1), weight: 1 },
);
const body = fc.constantFrom(
  'debug - NTCP2: Block type 2 of size 300',
  'info - Tunnels: Tunnel 7 has been created',
  'none - i2pd v2.54.0 (0.9.64) starting...',
  'info - Daemon: Shutting down',
  'info - Router: network status v4 changed OK -> Firewalled',
  'info - Router: network status v4 changed Firewalled -> OK',
  'error - NTCP2: Accept error Too many open files',
  'warn - SSU2: Socket receive buffer size: requested = 4194304, got = 425984',
);
const lineArb = fc.tuple(step, body, fc.boolean());

function render(spec: Array<[number, string, boolean]>): string[] {
  let s = 22 * 3600;
  return spec.map(([d, b, timed]) => {
    s += d;
    const tod = ((s % DAY) + DAY) % DAY;
    const hh = String(Math.floor(tod / 3600)).padStart(2, '0');
    const mm = String(Math.floor(tod / 60) % 60).padStart(2, '0');
    const ss = String(tod % 60).padStart(2, '0');
    return timed ? `${hh}:${mm}:${ss}@1/${b}` : `XX:XX:XX@1/${b}`;
  });
}

function read(lines: string[]): CaseFacts {
  const k = knowledge();
  const f = new CaseFacts(k.matcher, k.derivations);
  const p = new LineParser(newSourceStats('i2pd.log'), (e) => f.add(e), f);
  for (const l of lines) p.push(l);
  p.end();
  return f;
}

/**
 * The timeline, and the facts it feeds (unclean restarts) or shares (stats). Not the signals: their
 * per-minute maxima assume times in order across a cut, which these lines, a second back, break.
 */
function reportOf(f: CaseFacts): { facts: unknown; timeline: TimelineReport } {
  const k = knowledge();
  const cf = f.finish(k.signatures);
  const ids = ['ntcp2.accept-error', 'core.start', 'daemon.shutting-down', 'router.network-status-changed'];
  return { facts: { derived: cf.facts.derived, stats: cf.facts.stats }, timeline: cf.timeline.report([{ rule: 'r', signatures: ids, count: (id) => cf.facts.signals[id]?.count ?? 0 }]) };
}

test('property: parts cut anywhere merge into the timeline of one reading', (t) => {
  fc.assert(
    fc.property(fc.array(lineArb, { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 4 }), (spec, cutsAt) => {
      const lines = render(spec);
      const cuts = [...new Set(cutsAt.filter((c) => c < lines.length))].sort((a, b) => a - b);
      const whole = reportOf(read(lines));
      const merged = new CaseFacts(knowledge().matcher, knowledge().derivations);
      const bounds = [0, ...cuts, lines.length];
      for (let i = 0; i + 1 < bounds.length; i++) merged.merge('i2pd.log', read(lines.slice(bounds[i], bounds[i + 1])).state(), bounds[i]);
      t.deepEqual(reportOf(merged), whole);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
  );
});
