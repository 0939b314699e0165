import test from 'ava';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { cli } from '../helpers/cli.js';

const ENOBUFS = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available [system:55 at /usr/local/include/boost/asio/detail/reactive_socket_service.hpp:174:33 in function \'set_option\']';
const start = (t: string) => `${t}@905/none - i2pd v2.54.0 (0.9.64) starting...`;
const floodfill = (t: string) => `${t}@905/info - Daemon: Router configured as floodfill`;
const noise = (t: string) => `${t}@212/warn - Tunnels: Test of tunnel 2384716231 failed`;

interface Watch {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  events: () => Array<Record<string, unknown>>;
  until: (what: string, ok: () => boolean) => Promise<void>;
  exit: Promise<number | null>;
}

/** Watchers still running: a test that fails stops before it stops its own, which would keep this file from ending. */
const running = new Set<ChildProcessWithoutNullStreams>();
test.afterEach.always(() => {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
});

/** The built CLI's watch, running until stopped; `until` waits (bounded) for what it should print. */
function watch(args: string[], input?: string): Watch {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'watch', ...args, '--interval', '0.1'], { env: { ...process.env, NO_COLOR: '1' } });
  running.add(child);
  child.on('close', () => running.delete(child));
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  child.stderr.on('data', (b: Buffer) => (err += b));
  const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  if (input !== undefined) child.stdin.end(input);
  return {
    child,
    out: () => out,
    err: () => err,
    events: () => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    until: async (what, ok) => {
      // A bound, not a measure: the machine may be busy; nothing here depends on speed.
      for (let i = 0; i < 1200 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
      if (!ok()) throw new Error(`watch never printed ${what}; stdout:\n${out}\nstderr:\n${err}`);
    },
    exit,
  };
}

function logFile(lines: string[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'i2pd-doctor-watch-')), 'i2pd.log');
  writeFileSync(f, lines.map((l) => l + '\n').join(''));
  return f;
}

const rulesOf = (w: Watch, rule: string) => w.events().filter((e) => e.rule === rule);

test.serial('a growing log: a finding is reported when it first fires, once, and again when its status changes or a new run shows it', async (t) => {
  const f = logFile([start('07:41:02'), noise('07:41:02')]);
  const w = watch([f, '--format', 'ndjson']);
  await w.until('that it is watching', () => /watching /.test(w.err()));
  appendFileSync(f, `${ENOBUFS}\n${noise('07:44:02')}\n`);
  await w.until('the ENOBUFS finding', () => rulesOf(w, 'ssu2-socket-buffer-enobufs').length === 1);
  t.like(rulesOf(w, 'ssu2-socket-buffer-enobufs')[0], { event: 'new', status: 'likely', severity: 'critical', run: 1 });
  // More of the same: nothing new to say.
  appendFileSync(f, `${ENOBUFS}\n${noise('07:45:02')}\n${ENOBUFS}\n`);
  // A restart at info level that says the router is a floodfill: the status changes.
  appendFileSync(f, `${start('08:00:00')}\n${floodfill('08:00:00')}\n${ENOBUFS.replace('07:41:03', '08:00:01')}\n`);
  await w.until('the status change', () => rulesOf(w, 'ssu2-socket-buffer-enobufs').length === 2);
  t.like(rulesOf(w, 'ssu2-socket-buffer-enobufs')[1], { event: 'changed', previous: 'likely', status: 'confirmed', run: 2 });
  // The same again after the next restart: reported again, for that run.
  appendFileSync(f, `${start('09:00:00')}\n${floodfill('09:00:00')}\n${ENOBUFS.replace('07:41:03', '09:00:01')}\n`);
  await w.until('the finding in run 3', () => rulesOf(w, 'ssu2-socket-buffer-enobufs').length === 3);
  t.like(rulesOf(w, 'ssu2-socket-buffer-enobufs')[2], { event: 'again', status: 'confirmed', run: 3 });
  // A restart without the message: nothing.
  appendFileSync(f, `${start('10:00:00')}\n${noise('10:00:05')}\n`);
  w.child.kill('SIGTERM');
  t.is(await w.exit, 0);
  t.is(rulesOf(w, 'ssu2-socket-buffer-enobufs').length, 3);
  t.regex(w.err(), /stopped \(SIGTERM\)/);
});

test.serial('rotation by rename (logrotate create) and by copytruncate: watch goes on reading the new lines', async (t) => {
  const f = logFile([start('07:41:02'), noise('07:41:02')]);
  const w = watch([f, '--format', 'ndjson']);
  await w.until('that it is watching', () => /watching /.test(w.err()));
  renameSync(f, `${f}.1`);
  appendFileSync(`${f}.1`, `${noise('07:41:05')}\n`); // i2pd writes to the old file until it reopens
  writeFileSync(f, `${ENOBUFS}\n`);
  await w.until('the finding from the new file', () => rulesOf(w, 'ssu2-socket-buffer-enobufs').length === 1);
  await w.until('the rename noted', () => /was renamed \(rotated\)/.test(w.err()));
  // copytruncate: the file is copied away and cut to nothing, then written on.
  writeFileSync(`${f}.2`, readFileSync(f));
  truncateSync(f, 0);
  await w.until('the truncation noted', () => /was truncated \(copytruncate\)/.test(w.err()));
  appendFileSync(f, '08:00:00@1/error - NTCP2: Accept error Too many open files\n');
  await w.until('the finding after the truncation', () => rulesOf(w, 'too-many-open-files').length === 1);
  w.child.kill('SIGINT');
  t.is(await w.exit, 0);
  t.regex(w.err(), /stopped \(SIGINT\)/);
});

test.serial('watch - reads a pipe to its end and reports what analyze reports on the same log, in text', async (t) => {
  const log = readFileSync(join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log'), 'utf8');
  const w = watch(['-'], log);
  t.is(await w.exit, 0);
  t.regex(w.out(), /^\[\d{2}:\d{2}:\d{2}\] NEW {2}CRITICAL {2}SSU2 asks for larger UDP buffers than the kernel allows .*\[likely\] {2}ssu2-socket-buffer-enobufs$/m);
  t.regex(w.out(), /^ {4}stdin:2 {2}07:41:03@905\/critical - SSU2: Failed to open socket/m);
  t.regex(w.err(), /stdin ended; stopped/);
  const analyzed = JSON.parse(cli(['analyze', '--format', 'json'], log).stdout).cases[0].diagnoses.map((d: { rule: string; status: string }) => `${d.rule} ${d.status}`).sort();
  const nd = watch(['-', '--format', 'ndjson'], log);
  t.is(await nd.exit, 0);
  t.deepEqual(nd.events().map((e) => `${e.rule} ${e.status}`).sort(), analyzed);
});

test.serial("windows are on the log's own clock: 120 failed SSU2 sessions in 5 minutes of log time fire, spread over 2 hours they do not", async (t) => {
  const session = (sec: number, i: number) => {
    const h = String(8 + Math.floor(sec / 3600)).padStart(2, '0');
    const m = String(Math.floor(sec / 60) % 60).padStart(2, '0');
    const s = String(sec % 60).padStart(2, '0');
    return `${h}:${m}:${s}@7/warn - SSU2: Session with 198.51.100.${i % 250}:${10000 + i} was not established after 5 seconds`;
  };
  const burst = Array.from({ length: 120 }, (_, i) => session(Math.floor(i * 2.5), i)).join('\n') + '\n';
  const spread = Array.from({ length: 120 }, (_, i) => session(i * 60, i)).join('\n') + '\n';
  // Both are written at once: by the clock on the wall, each is one burst.
  const a = watch(['-', '--format', 'ndjson'], burst);
  const b = watch(['-', '--format', 'ndjson'], spread);
  t.is(await a.exit, 0);
  t.is(await b.exit, 0);
  t.is(rulesOf(a, 'outbound-udp-blocked').length, 1);
  t.is(rulesOf(b, 'outbound-udp-blocked').length, 0);
  for (const [w, text] of [[a, burst], [b, spread]] as const) {
    const analyzed = JSON.parse(cli(['analyze', '--format', 'json'], text).stdout).cases[0].diagnoses.map((d: { rule: string }) => d.rule).sort();
    t.deepEqual(w.events().map((e) => e.rule).sort(), analyzed, 'watch says what analyze says');
  }
});

test.serial('--exec runs the command once per reported finding, the finding as JSON on its stdin', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-exec-'));
  const out = join(dir, 'events.jsonl');
  const log = [start('07:41:02'), ENOBUFS, ENOBUFS, noise('07:45:00')].join('\n') + '\n';
  const w = watch(['-', '--exec', `cat >> '${out}'; echo "$I2PD_DOCTOR_RULE $I2PD_DOCTOR_STATUS" >> '${out}.env'`], log);
  t.is(await w.exit, 0);
  const got = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  t.deepEqual(got.map((e) => e.rule).sort(), w.out().split('\n').filter((l) => / NEW /.test(l)).map((l) => /(\S+)$/.exec(l)![1]).sort());
  t.like(got.find((e) => e.rule === 'ssu2-socket-buffer-enobufs'), { type: 'finding', event: 'new', severity: 'critical', status: 'likely' });
  t.regex(readFileSync(`${out}.env`, 'utf8'), /^ssu2-socket-buffer-enobufs likely$/m);
  const failing = watch(['-', '--exec', 'exit 3'], log);
  t.is(await failing.exit, 0, 'a failing command does not stop watch');
  t.regex(failing.err(), /--exec: the command exited with status 3 for ssu2-socket-buffer-enobufs/);
});

function scrape(url: string): Promise<string> {
  return new Promise((resolve, reject) => get(url, { agent: false }, (res) => {
    let body = '';
    res.on('data', (b: Buffer) => (body += b));
    res.on('end', () => resolve(body));
  }).on('error', reject));
}

interface Family {
  name: string;
  type: string;
  metrics: Array<{ value: string; labels?: Record<string, string> }>;
}

test.serial('--metrics serves Prometheus text a Prometheus parser reads: findings by rule and severity, lines by level, last line time', async (t) => {
  const f = logFile([start('07:41:02'), ENOBUFS, noise('07:44:02'), '07:44:03@212/error - Garlic: Failed to decrypt message']);
  const w = watch([f, '--metrics', '127.0.0.1:0', '--format', 'ndjson']);
  await w.until('the metrics address', () => /metrics at http:\/\/127\.0\.0\.1:\d+\/metrics/.test(w.err()));
  const url = /metrics at (\S+)/.exec(w.err())![1];
  await w.until('the finding', () => rulesOf(w, 'ssu2-socket-buffer-enobufs').length === 1);
  // The finding is reported as soon as its line is read; the lines after it may come with the next read.
  const linesOf = (families: Family[]) => Object.fromEntries(families.find((x) => x.name === 'i2pd_doctor_log_lines_total')!.metrics.map((m) => [m.labels!.level, Number(m.value)]));
  let families = parsePrometheusTextFormat(await scrape(url)) as Family[];
  for (let i = 0; i < 600 && linesOf(families).error !== 1; i++) {
    await new Promise((r) => setTimeout(r, 100));
    families = parsePrometheusTextFormat(await scrape(url)) as Family[];
  }
  const fam = (n: string) => families.find((x) => x.name === n)!;
  t.is(fam('i2pd_doctor_findings').type, 'GAUGE');
  t.like(fam('i2pd_doctor_findings').metrics.find((m) => m.labels?.rule === 'ssu2-socket-buffer-enobufs'), { value: '1', labels: { severity: 'critical', status: 'likely' } });
  t.like(linesOf(families), { none: 1, critical: 1, warn: 1, error: 1 });
  t.is(fam('i2pd_doctor_runs').metrics[0].value, '1');
  const last = Number(fam('i2pd_doctor_last_line_timestamp_seconds').metrics[0].value);
  t.is(new Date(last * 1000).toTimeString().slice(0, 8), '07:44:03', "the log's own time of its last line");
  t.true(Number(fam('i2pd_doctor_last_read_timestamp_seconds').metrics[0].value) > 0);
  t.is(fam('i2pd_doctor_finding_reports_total').type, 'COUNTER');
  // More lines: the counters go up.
  appendFileSync(f, `${noise('07:50:00')}\n${noise('07:50:01')}\n`);
  for (let i = 0; i < 600; i++) {
    const again = parsePrometheusTextFormat(await scrape(url)) as Family[];
    const warn = again.find((x) => x.name === 'i2pd_doctor_log_lines_total')!.metrics.find((m) => m.labels!.level === 'warn');
    if (Number(warn?.value) === 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = parsePrometheusTextFormat(await scrape(url)) as Family[];
  t.is(after.find((x) => x.name === 'i2pd_doctor_log_lines_total')!.metrics.find((m) => m.labels!.level === 'warn')!.value, '3');
  w.child.kill('SIGTERM');
  t.is(await w.exit, 0);
  await t.throwsAsync(scrape(url), undefined, 'the metrics server is closed on stop');
});

test.serial('watch says what is wrong with its input or options, with exit 2', (t) => {
  const missing = cli(['watch', '/nonexistent/i2pd.log']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /\/nonexistent\/i2pd\.log: no such file; check the path/);
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-watch-'));
  const folder = cli(['watch', dir]);
  t.is(folder.code, 2);
  t.regex(folder.stderr, /is a folder; give the log file in it/);
  const bad = cli(['watch', '-', '--metrics', 'nowhere'], '');
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--metrics nowhere: give an address and port, such as 127\.0\.0\.1:9477/);
  t.notRegex(bad.stderr + missing.stderr + folder.stderr, /at .*\.js:\d+/);
});
