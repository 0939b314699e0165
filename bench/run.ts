// `npm run bench`: generates the logs (two shapes, see PROFILES in generate.ts), measures `analyze`
// on them next to baselines measured in the same run on the same files, prints the table and the
// goals as ratios, and adds the run to bench/results.md and bench/results.json, which keep the
// earlier runs too. Each row records the load average before and after it, and a row whose load
// changed by more than 1 is run again (once; the calmer of the two is kept). Flags: --quick
// (200 MB only, no batch), --runs N (default 3), --profiles router,wide.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import split2 from 'split2';
import { CaseFacts } from '../src/facts/case-facts.js';
import { LineParser, newSourceStats } from '../src/parse/line-parser.js';
import { loadKnowledge, PACKAGE_ROOT } from '../src/node/content/content-loader.js';
import { LineSplitter } from '../src/read/line-splitter.js';
import { bufferText } from '../src/node/read/buffer-text.js';
import { RuleRunner } from '../src/rules/runner.js';
import { runBatchBench } from './batch.js';
import { generateLog, gzipLog, type Profile } from './generate.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = Number(args[args.indexOf('--runs') + 1]) > 0 && args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const PROFILE_LIST = (args.includes('--profiles') ? args[args.indexOf('--profiles') + 1] : 'router,wide').split(',') as Profile[];
const DIR = join(PACKAGE_ROOT, '.bench');
/** A row run again when the load average moved more than this while it ran. */
const LOAD_CHANGE = 1;
const CLI = join(PACKAGE_ROOT, 'dist/cli/main.js');
const MB = 1e6;

interface Measure {
  seconds: number;
  rssMB?: number;
  out: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const HAS_TIME = existsSync('/usr/bin/time');

/** Runs a command `runs` times; the median wall time, and the median peak RSS from /usr/bin/time. */
function run(cmd: string, argv: string[], runs = RUNS, env: Record<string, string> = {}): Measure {
  const secs: number[] = [];
  const rss: number[] = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    const rssFile = join(DIR, 'rss.txt');
    const [c, a] = HAS_TIME ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...argv]] : [cmd, argv];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(c, a, { encoding: 'utf8', maxBuffer: 64 * MB, env: { ...process.env, ...env } });
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    out = r.stdout;
    if (HAS_TIME) rss.push(Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024);
  }
  return { seconds: median(secs), rssMB: rss.length ? median(rss) : undefined, out };
}

/** In-process: the median time `fn` takes over the file. */
async function inProcess(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const secs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return median(secs);
}

async function rawRead(path: string): Promise<number> {
  let n = 0;
  for await (const c of createReadStream(path, { highWaterMark: 256 * 1024 })) n += (c as Buffer).length;
  return n;
}

async function gunzipBytes(path: string): Promise<number> {
  let n = 0;
  const g = createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(createGunzip({ chunkSize: 256 * 1024 }));
  for await (const c of g) n += (c as Buffer).length;
  return n;
}

/**
 * Two copies of a command started together: the median over `runs` of the slower one's wall
 * time. Two independent processes share nothing but the machine, so what they lose against one
 * alone is what any two threads lose here (shared caches, memory, the cores V8's helper threads
 * otherwise have to themselves).
 */
async function runPair(cmd: string, argv: string[], runs: number): Promise<Measure> {
  const secs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const one = () =>
      new Promise<number>((resolve, reject) => {
        const c = spawn(cmd, argv, { stdio: 'ignore' });
        c.once('error', reject);
        c.once('exit', (code) => (code === 0 || code === 1 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`${cmd} ${argv.join(' ')} failed (${code})`))));
      });
    secs.push(Math.max(...(await Promise.all([one(), one()]))));
  }
  return { seconds: median(secs), out: '' };
}

async function split2Lines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(split2())) n++;
  return n;
}

async function splitterLines(path: string): Promise<number> {
  let n = 0;
  const sp = new LineSplitter({ line: () => n++, oversized: () => n++ }, bufferText);
  for await (const c of createReadStream(path, { highWaterMark: 256 * 1024 })) sp.push(c as Buffer);
  sp.end();
  return n;
}

function ensureRipgrep(): string | undefined {
  const which = () => spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || undefined;
  let rg = which();
  if (rg) return rg;
  log('ripgrep is missing; installing Debian\'s ripgrep');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-q', 'ripgrep'], { stdio: 'ignore' });
  rg = which();
  if (!rg) log('could not install ripgrep: the baseline falls back to LC_ALL=C grep -c -E, which is slower, so the ratio flatters us');
  return rg;
}

/** Rule evaluation on one case's facts with the rule set grown to `n` rules (copies under new ids). */
async function rulesPerCase(n: number): Promise<{ rules: number; ms: number }> {
  const k = loadKnowledge();
  const rules = Array.from({ length: n }, (_, i) => ({ ...k.rules[i % k.rules.length], id: `${k.rules[i % k.rules.length].id}-${i}` }));
  const runner = new RuleRunner(rules);
  const facts = new CaseFacts(k.matcher, k.derivations);
  const parser = new LineParser(newSourceStats('bench'), (e) => facts.add(e));
  for (const l of readFileSync(join(DIR, 'small.log'), 'utf8').split('\n')) parser.push(l);
  parser.end();
  const cf = facts.finish(k.signatures);
  await runner.diagnose(cf);
  const ms = (await inProcess(20, () => runner.diagnose(cf))) * 1000;
  return { rules: rules.length, ms };
}

interface Row {
  file: string;
  what: string;
  seconds: number;
  mbps: number;
  linesPerSec?: number;
  rssMB?: number;
  /** The 1-minute load average before and after the row, and whether it was run again. */
  load?: [number, number];
  rerun?: boolean;
}

/**
 * Measures a row and the load around it; when the load changed by more than LOAD_CHANGE the
 * machine was not the same at the end as at the start, so the row is run once more and the run
 * with the smaller change is kept.
 */
async function steady<T extends { seconds: number }>(what: string, fn: () => T | Promise<T>): Promise<T & { load: [number, number]; rerun: boolean }> {
  const once = async () => {
    // This process's garbage is collected now, not on V8's helper threads during the row (see benchFile).
    (globalThis as { gc?: () => void }).gc?.();
    const before = loadavg()[0];
    const m = await fn();
    return { ...m, load: [before, loadavg()[0]] as [number, number] };
  };
  const a = await once();
  if (Math.abs(a.load[1] - a.load[0]) <= LOAD_CHANGE) return { ...a, rerun: false };
  log(`${what}: load went ${a.load[0].toFixed(1)} -> ${a.load[1].toFixed(1)}; running it again`);
  const b = await once();
  const calmer = Math.abs(b.load[1] - b.load[0]) < Math.abs(a.load[1] - a.load[0]) ? b : a;
  return { ...calmer, rerun: true };
}

async function benchFile(path: string, bytes: number, lines: number, rg: string | undefined, literalsFile: string, gz: string, rows: Row[], runs: number, full: boolean): Promise<Record<string, number>> {
  const name = path.split('/').pop()!;
  const add = async (what: string, fn: () => { seconds: number; rssMB?: number } | Promise<{ seconds: number; rssMB?: number }>, size = bytes) => {
    const m = await steady(`${name} ${what}`, fn);
    const row: Row = { file: name, what, seconds: m.seconds, mbps: size / MB / m.seconds, linesPerSec: lines / m.seconds, rssMB: m.rssMB, load: m.load, rerun: m.rerun };
    rows.push(row);
    log(`${name} ${what}: ${row.mbps.toFixed(0)} MB/s${row.rssMB ? `, ${row.rssMB.toFixed(0)} MB RSS` : ''} (load ${m.load[0].toFixed(1)} -> ${m.load[1].toFixed(1)})`);
    return row.mbps;
  };
  const r: Record<string, number> = {};
  // The commands first, the in-process rows after them: the garbage those leave in this process
  // (200 MB of split2's strings) is collected on V8's helper threads while the next row runs, and
  // on two cores that took a core from the analysis measured next (1.85 s against 1.26 s alone).
  r.wc = await add('wc -l', () => run('wc', ['-l', path], runs));
  const grepArgs = ['-c', '-F', '-i', '-f', literalsFile, path];
  // The rows the goals compare are run in turns (ripgrep, one thread, two, the default, gzip, then
  // again), so that each ratio is of runs minutes apart, not of rows a quarter of an hour apart on
  // a machine whose pace moves by a third in that time.
  const turns: Array<{ key: string; what: string; cmd: string; argv: string[] }> = [
    ...(rg ? [{ key: 'rg', what: 'rg -c (signature literals)', cmd: rg, argv: grepArgs }] : []),
    { key: 'one', what: 'analyze, 1 thread', cmd: process.execPath, argv: [CLI, 'analyze', '--jobs', '1', '-f', 'json', path] },
    { key: 'two', what: 'analyze, 2 threads', cmd: process.execPath, argv: [CLI, 'analyze', '--jobs', '2', '-f', 'json', path] },
    { key: 'default', what: 'analyze, default threads (1)', cmd: process.execPath, argv: [CLI, 'analyze', '-f', 'json', path] },
    { key: 'gz', what: 'analyze, gzip (same log)', cmd: process.execPath, argv: [CLI, 'analyze', '--jobs', '1', '-f', 'json', gz] },
  ];
  const inTurns = await steady(`${name} compared rows`, () => {
    const each = turns.map(() => ({ secs: [] as number[], rss: [] as number[] }));
    for (let i = 0; i < runs; i++) {
      turns.forEach((x, k) => {
        const m = run(x.cmd, x.argv, 1);
        each[k].secs.push(m.seconds);
        if (m.rssMB !== undefined) each[k].rss.push(m.rssMB);
      });
    }
    const ms = each.map((e) => ({ seconds: median(e.secs), rssMB: e.rss.length ? median(e.rss) : undefined }));
    return { seconds: ms.reduce((a, m) => a + m.seconds, 0), ms };
  });
  turns.forEach((x, k) => {
    const m = inTurns.ms[k];
    const row: Row = { file: name, what: x.what, seconds: m.seconds, mbps: bytes / MB / m.seconds, linesPerSec: lines / m.seconds, rssMB: m.rssMB, load: inTurns.load, rerun: inTurns.rerun };
    rows.push(row);
    log(`${name} ${x.what}: ${row.mbps.toFixed(0)} MB/s${row.rssMB ? `, ${row.rssMB.toFixed(0)} MB RSS` : ''} (in turns; load ${inTurns.load[0].toFixed(1)} -> ${inTurns.load[1].toFixed(1)})`);
    r[x.key] = row.mbps;
  });
  r.grep = await add('LC_ALL=C grep -c -F (signature literals)', () => run('grep', grepArgs, runs, { LC_ALL: 'C' }));
  r.pair = await add('analyze, 1 thread, two processes at once (each)', () => runPair(process.execPath, [CLI, 'analyze', '--jobs', '1', '-f', 'json', path], runs));
  r.read = await add('node: raw read (in-process)', async () => ({ seconds: await inProcess(runs, () => rawRead(path)) }));
  // split2 (what the splitter replaced) reads at ~130 MB/s whatever the size: once is enough.
  if (full) r.split2 = await add('node: split2 lines (in-process)', async () => ({ seconds: await inProcess(runs, () => split2Lines(path)) }));
  r.splitter = await add('node: byte splitter lines (in-process)', async () => ({ seconds: await inProcess(runs, () => splitterLines(path)) }));
  r.gunzip = await add('node: gunzip alone (in-process)', async () => ({ seconds: await inProcess(runs, () => gunzipBytes(gz)) }));
  const rowOf = (what: string) => rows.find((x) => x.file === name && x.what.startsWith(what))!;
  r.rssOne = rowOf('analyze, 1 thread').rssMB ?? NaN;
  r.rssDefault = rowOf('analyze, default threads').rssMB ?? NaN;
  r.loadTwo = rowOf('analyze, 2 threads').load![0];
  return r;
}

/** The first `bytes` of `from`, cut at a line end: a smaller log of the same shape, for the memory row. */
function headOf(from: string, to: string, bytes: number): void {
  const fd = openSync(from, 'r');
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  writeFileSync(to, buf.subarray(0, buf.lastIndexOf(10, n - 1) + 1));
}

interface Goal {
  goal: string;
  value: number;
  target: number;
  lower?: boolean;
  show: (v: number) => string;
  ceiling?: number;
  met?: boolean;
}

async function main(): Promise<void> {
  // Other processes on the cores skew every ratio; each row says how busy the machine was.
  const loadBefore = loadavg()[0];
  mkdirSync(DIR, { recursive: true });
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build first (npm run bench does)');
  const k = loadKnowledge();
  const literalsFile = join(DIR, 'literals.txt');
  writeFileSync(literalsFile, k.signatures.map((s) => s.literal).join('\n') + '\n');
  const rg = ensureRipgrep();
  // --scale F (a smoke test of the bench itself: F = 0.01 runs it on 2 and 10 MB logs) keeps the labels.
  const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1;
  const sizes: Array<[string, number]> = [['200MB', 200 * MB * scale]];
  if (!QUICK) sizes.push(['1GB', 1000 * MB * scale]);
  const rows: Row[] = [];
  const results: Record<string, Record<string, number>> = {};
  const rss100: Record<string, number> = {};
  for (const profile of PROFILE_LIST) {
    for (const [label, size] of sizes) {
      const file = `${profile}-${label}.log`;
      let path = join(DIR, file);
      log(`generating ${file} (cached after the first run)`);
      const g = await generateLog(scale === 1 ? path : (path = join(DIR, `scaled-${file}`)), size, 7, 21 * 3600, { profile });
      const gz = (await gzipLog(path)).path;
      if (size === sizes[0][1] && profile === PROFILE_LIST[0]) writeFileSync(join(DIR, 'small.log'), readFileSync(path, 'utf8').slice(0, 200_000).replace(/\n[^\n]*$/, '\n'));
      const lines = await splitterLines(path);
      results[file] = await benchFile(path, g.bytes, lines, rg, literalsFile, gz, rows, size > sizes[0][1] ? Math.max(1, RUNS - 1) : RUNS, size === sizes[0][1]);
      results[file].lines = lines;
      if (size === sizes[0][1]) {
        // Memory at 100 MB with the default options: the base "flat from 100 MB" is measured from.
        const small = join(DIR, `${profile}-100MB.log`);
        headOf(path, small, 100 * MB * scale);
        const m = await steady(`${profile}-100MB.log`, () => run(process.execPath, [CLI, 'analyze', '-f', 'json', small], RUNS));
        rss100[profile] = m.rssMB ?? NaN;
        rows.push({ file: `${profile}-100MB.log`, what: 'analyze, default threads (memory)', seconds: m.seconds, mbps: statSync(small).size / MB / m.seconds, rssMB: m.rssMB, load: m.load, rerun: m.rerun });
      }
    }
  }
  const days = await benchDays(rows, scale);
  // Start-up: a 10-line log, next to Node doing nothing, median of 5 each.
  const ten = join(DIR, 'ten.log');
  writeFileSync(ten, readFileSync(join(DIR, 'small.log'), 'utf8').split('\n').slice(0, 10).join('\n') + '\n');
  const floor = await steady('node -e 0', () => run(process.execPath, ['-e', '0'], 5));
  rows.push({ file: 'ten.log (10 lines)', what: 'node -e 0 (the floor)', seconds: floor.seconds, mbps: NaN, rssMB: floor.rssMB, load: floor.load, rerun: floor.rerun });
  const startup = await steady('start-up', () => run(process.execPath, [CLI, 'analyze', '-f', 'json', ten], 5));
  rows.push({ file: 'ten.log (10 lines)', what: 'analyze', seconds: startup.seconds, mbps: NaN, rssMB: startup.rssMB, load: startup.load, rerun: startup.rerun });
  if (!QUICK) log('batch: 1,000 generated attachments on 1 and 2 lanes');
  const batch = QUICK ? undefined : await steady('batch', async () => ({ ...(await runBatchBench()), seconds: 0 }));
  if (batch) {
    for (const b of batch.runs) {
      rows.push({ file: `batch (${batch.attachments} attachments, ${(batch.bytes / MB).toFixed(0)} MB)`, what: `analyze, ${b.workers} lane${b.workers > 1 ? 's' : ''}: ${b.casesPerSecond} cases/s (${b.cpuSeconds} CPU s)`, seconds: b.seconds, mbps: batch.bytes / MB / b.seconds, load: batch.load, rerun: batch.rerun });
    }
  }
  const rules = await rulesPerCase(100);
  const baseName = rg ? 'rg' : 'grep';
  const base = rg ? 'rg -c' : 'grep -c (ripgrep missing)';
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const goals: Goal[] = [];
  for (const profile of PROFILE_LIST) {
    const at200 = results[`${profile}-200MB.log`];
    const big = results[`${profile}-1GB.log`] ?? at200;
    const bigLabel = results[`${profile}-1GB.log`] ? '1 GB' : '200 MB';
    if (results[`${profile}-1GB.log`]) goals.push({ goal: `${profile}: one thread >= 1.0x ${base} at 1 GB`, value: big.one / big[baseName], target: 1, show: x });
    goals.push({ goal: `${profile}: one thread >= 0.6x ${base} at 200 MB`, value: at200.one / at200[baseName], target: 0.6, show: x });
    goals.push({ goal: `${profile}: peak RSS <= 100 MB at ${bigLabel} (default threads)`, value: big.rssDefault, target: 100, lower: true, show: (v) => `${v.toFixed(0)} MB` });
    goals.push({ goal: `${profile}: peak RSS at ${bigLabel} within 10 % of 100 MB (default threads)`, value: big.rssDefault / rss100[profile], target: 1.1, lower: true, show: (v) => `${((v - 1) * 100).toFixed(1)} %` });
    // The default is one thread unless the file is large and a core idle: the same path as one thread, so a few per cent either way is noise.
    for (const [label, r] of [['200 MB', at200], ...(results[`${profile}-1GB.log`] ? [['1 GB', big]] : [])] as Array<[string, Record<string, number>]>) {
      goals.push({ goal: `${profile}: default threads >= one thread at ${label} (0.95: run-to-run noise)`, value: r.default / r.one, target: 0.95, show: x });
    }
    // Ceiling: two processes at once give 2 * pair / one of one alone; no two threads do better here.
    goals.push({ goal: `${profile}: two threads >= 1.6x one at ${bigLabel} (idle machine; load ${big.loadTwo.toFixed(1)} here)`, value: big.two / big.one, target: 1.6, show: x, ceiling: (2 * big.pair) / big.one });
    // Ceiling: the gzip run is no faster than gunzip alone.
    goals.push({ goal: `${profile}: gzip >= 85 % of plain at ${bigLabel}`, value: big.gz / big.one, target: 0.85, show: pct, ceiling: Math.min(1, big.gunzip / big.one) });
  }
  // A month of log in as many bytes as the 100 MB one: its timeline's buckets widen, memory must not grow.
  goals.push({ goal: 'peak RSS on a 30-day log within 10 % of the 100 MB one (router, one thread)', value: days.rssMB / rss100.router, target: 1.1, lower: true, show: (v) => `${((v - 1) * 100).toFixed(1)} %` });
  goals.push({ goal: `analyze of a 10-line log <= 0.2 s wall (median of 5; node -e 0: ${floor.seconds.toFixed(2)} s)`, value: startup.seconds, target: 0.2, lower: true, show: (v) => `${v.toFixed(2)} s` });
  if (batch) goals.push({ goal: `batch of ${batch.attachments} attachments >= 400 cases/s on one lane`, value: batch.runs[0].casesPerSecond, target: 400, show: (v) => `${v.toFixed(0)} cases/s` });
  goals.push({ goal: 'rules <= 50 ms per case with 100 rules', value: rules.ms, target: 50, lower: true, show: (v) => `${v.toFixed(2)} ms` });
  for (const g of goals) g.met = g.lower ? g.value <= g.target : g.value >= g.target;

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.versions.node}, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const loadCell = (r: Row) => (r.load ? `${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}${r.rerun ? ' (rerun)' : ''}` : '');
  const md = [
    `Measured ${when} UTC on ${machine}; median of ${RUNS} runs (${Math.max(1, RUNS - 1)} at 1 GB); analyze times include Node's start-up. A row whose load average moved by more than ${LOAD_CHANGE} was run again and the calmer run kept; the rows the goals compare (rg, 1 and 2 threads, the default, gzip) were run in turns, one of each then again, and share their load.`,
    '',
    '| file | what | s | MB/s | lines/s | peak RSS | load before → after |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.file} | ${r.what} | ${r.seconds.toFixed(2)} | ${Number.isFinite(r.mbps) ? r.mbps.toFixed(0) : ''} | ${r.linesPerSec ? (r.linesPerSec / 1e6).toFixed(2) + ' M' : ''} | ${r.rssMB ? r.rssMB.toFixed(0) + ' MB' : ''} | ${loadCell(r)} |`),
    '',
    '| goal | measured | met | ceiling measured on this machine |',
    '| --- | ---: | --- | ---: |',
    ...goals.map((g) => `| ${g.goal} | ${g.show(g.value)} | ${g.met ? 'yes' : 'no'} | ${g.ceiling === undefined ? '' : g.show(g.ceiling)} |`),
    '',
  ].join('\n');
  process.stdout.write(md);
  // A scaled run tests the bench, not the reader: it is printed, not kept.
  if (scale !== 1) return;
  const run_ = { when, machine, runs: RUNS, startupSeconds: startup.seconds, floorSeconds: floor.seconds, rows, goals: goals.map(({ show, ...g }) => ({ ...g, shown: show(g.value) })), rulesPerCase: rules, batch, md };
  const history = readHistory();
  history.push(run_);
  writeFileSync(join(PACKAGE_ROOT, 'bench/results.json'), JSON.stringify({ runs: history }, null, 2) + '\n');
  const earlier = history.slice(0, -1).reverse();
  writeFileSync(
    join(PACKAGE_ROOT, 'bench/results.md'),
    [md, ...(earlier.length ? ['## Earlier runs', '', ...earlier.map((h) => `### ${h.when ?? 'earlier'}\n\n${h.md}`)] : [])].join('\n'),
  );
  updateReadme(md);
}

interface PastRun {
  when?: string;
  md: string;
  [k: string]: unknown;
}

/** The runs bench/results.json holds; a file from before it kept a history is its one run, with results.md as its table. */
function readHistory(): PastRun[] {
  const file = join(PACKAGE_ROOT, 'bench/results.json');
  if (!existsSync(file)) return [];
  const data = JSON.parse(readFileSync(file, 'utf8')) as { runs?: unknown };
  if (Array.isArray(data.runs)) return data.runs as PastRun[];
  const md = existsSync(join(PACKAGE_ROOT, 'bench/results.md')) ? readFileSync(join(PACKAGE_ROOT, 'bench/results.md'), 'utf8') : '';
  const when = /^Measured (\d{4}-\d{2}-\d{2})/.exec(md)?.[1];
  return [{ ...(data as object), when, md }];
}

/**
 * 100 MB over thirty days, a problem from half-way (bench/generate.ts): the timeline widens its
 * buckets to hours as the log grows; the row says how wide they ended and what memory it took.
 */
async function benchDays(rows: Row[], scale: number): Promise<{ rssMB: number }> {
  const path = join(DIR, scale === 1 ? 'i2pd-30days.log' : 'scaled-i2pd-30days.log');
  log('generating i2pd-30days.log (cached after the first run)');
  const g = await generateLog(path, 100 * MB * scale, 7, 21 * 3600, { linesPerSecond: 0.5 * scale, onset: 0.5 });
  const lines = await splitterLines(path);
  const m = await steady('i2pd-30days.log', () => run(process.execPath, [CLI, 'analyze', '--jobs', '1', '-f', 'json', path], RUNS));
  const tl = (JSON.parse(m.out) as { cases: Array<{ timeline: { width: number; buckets: number } }> }).cases[0].timeline;
  rows.push({ file: 'i2pd-30days.log', what: `analyze, 1 core (timeline: ${tl.buckets} buckets of ${tl.width / 3600} h)`, seconds: m.seconds, mbps: g.bytes / MB / m.seconds, linesPerSec: lines / m.seconds, rssMB: m.rssMB, load: m.load, rerun: m.rerun });
  log(`i2pd-30days.log: ${tl.buckets} buckets of ${tl.width} s, ${m.rssMB?.toFixed(0)} MB RSS`);
  return { rssMB: m.rssMB ?? NaN };
}

function updateReadme(md: string): void {
  const readme = join(PACKAGE_ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const block = `${start}\n${md}${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  writeFileSync(readme, i !== -1 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n## Speed\n\n\`npm run bench\` writes this table (bench/results.md).\n\n${block}\n`);
}

await main();
