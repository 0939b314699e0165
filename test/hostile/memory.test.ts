// Bounded memory on every path, through the CLI, by peak RSS (test/helpers/max-rss.mjs): the
// UTF-16 reader caps a runaway line as the UTF-8 one does, redact keeps copies of what it keeps
// and bounds its alias table, packs have size limits, and --jobs has a ceiling.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { cli } from '../helpers/cli.js';
import { makePack } from '../helpers/pack.js';

const LINE = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';

function tmp(t: import('ava').ExecutionContext): string {
  const d = mkdtempSync(join(tmpdir(), 'hostile-mem-'));
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Runs the CLI with stdout thrown away; returns its status, stderr and peak RSS in MiB. */
function measured(d: string, args: string[], env: Record<string, string> = {}): { code: number | null; stderr: string; peakMiB: number } {
  const rss = join(d, 'max-rss');
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 180_000, cwd: PACKAGE_ROOT,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--import=${pathToFileURL(resolve(PACKAGE_ROOT, 'test/helpers/max-rss.mjs')).href}`, MAX_RSS_FILE: rss, ...env },
  });
  return { code: r.status, stderr: r.stderr, peakMiB: Number(readFileSync(rss, 'utf8')) / 1024 };
}

test('UTF-16: a 50M-character line is counted as oversized in bounded memory; the lines around it are read', (t) => {
  const d = tmp(t);
  const f = join(d, 'win.log');
  const fd = openSync(f, 'w');
  writeSync(fd, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${LINE}\r\n`, 'utf16le')]));
  const chunk = Buffer.from('x'.repeat(1024 * 1024), 'utf16le');
  for (let i = 0; i < 50; i++) writeSync(fd, chunk);
  writeSync(fd, Buffer.from(`\r\n${LINE}\r\n`, 'utf16le'));
  closeSync(fd);
  const r = cli(['analyze', f, '--format', 'json']);
  t.like(JSON.parse(r.stdout).cases[0].sources[0], { lines: 3, parsed: 2, oversized: 1, errors: [] });
  const m = measured(d, ['analyze', f]);
  t.log(`UTF-16 50M-character line: peak RSS ${m.peakMiB.toFixed(0)} MiB`);
  // Capped, the run stays near a plain run's 100 MiB; buffering the line costs over 500 MiB.
  t.true(m.peakMiB < 250, `peak RSS ${m.peakMiB.toFixed(0)} MiB`);
});

/** A 44-character router hash, distinct for each i. */
function hash(i: number): string {
  return `${i.toString(36).padStart(6, '0')}${'AbCd1234'.repeat(5)}`.slice(0, 43) + '=';
}

test('redact keeps copies of the values it replaces, not the long lines they came from', (t) => {
  const d = tmp(t);
  const f = join(d, 'many.log');
  const fd = openSync(f, 'w');
  const pad = 'p'.repeat(4000);
  for (let i = 0; i < 40_000; i++) writeSync(fd, `14:03:08@423/warn - NetDb: router ${hash(i)} ${pad}\n`);
  closeSync(fd);
  const m = measured(d, ['redact', f]);
  t.is(m.code, 0, m.stderr);
  t.regex(m.stderr, /40000 router hashes/);
  t.log(`redact, 40,000 hashes in 4 KB lines: peak RSS ${m.peakMiB.toFixed(0)} MiB`);
  // Each kept hash pinning its 4 KB line would hold 160 MB; copies hold about 4 MB.
  t.true(m.peakMiB < 200, `peak RSS ${m.peakMiB.toFixed(0)} MiB`);
});

test('redact bounds its alias table and says so; what is past the bound is still replaced', (t) => {
  const d = tmp(t);
  const f = join(d, 'addresses.log');
  const lines: string[] = [];
  for (let i = 0; i < 70_000; i++) lines.push(`14:03:08@423/warn - SSU2: Peer 203.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:23456 sent wrong token`);
  writeFileSync(f, lines.join('\n') + '\n');
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'redact', f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  t.is(r.status, 0, r.stderr);
  t.regex(r.stderr, /more than 50,000 distinct IPv4 addresses: the rest are all shown as 198\.\d+\.\d+\.\d+/);
  t.false(/203\.\d+\.\d+\.\d+/.test(r.stdout), 'no original address is left');
});

test('a pack past the size limits is refused with a message naming the pack', (t) => {
  const d = tmp(t);
  const p = makePack({}, join(d, 'pack'));
  const rule = JSON.parse(readFileSync(join(p, 'rules/demo/demo-boom.json'), 'utf8'));
  for (let i = 0; i < 2100; i++) writeFileSync(join(p, 'rules/demo', `demo-boom-${i}.json`), JSON.stringify({ ...rule, id: `demo-boom-${i}` }));
  for (const args of [['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--rules', p], ['rules', 'lint', '--rules', p]]) {
    const r = cli(args);
    t.is(r.code, 2, `${args[0]}: ${r.stderr}`);
    t.regex(r.stderr, new RegExp(`${p}: more than 2,000 rules \\(2,101\\); a pack this large is not supported: split it`), args[0]);
  }
});

test('--jobs is capped at a few threads per core, and says so', (t) => {
  const d = tmp(t);
  const f = join(d, 'a.log');
  writeFileSync(f, `${LINE}\n`.repeat(20_000));
  const cap = 4 * availableParallelism();
  // A tiny threshold makes this small file one that is read on several threads.
  const m = measured(d, ['analyze', f, '--jobs', '5000'], { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: '1024' });
  t.is(m.code, 1, m.stderr);
  t.regex(m.stderr, new RegExp(`--jobs 5000: more than 4 threads per core; using ${cap}`));
  t.log(`--jobs 5000: peak RSS ${m.peakMiB.toFixed(0)} MiB`);
  t.true(m.peakMiB < 200 + 40 * cap, `peak RSS ${m.peakMiB.toFixed(0)} MiB`);
});
