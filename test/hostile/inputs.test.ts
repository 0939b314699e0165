// The hostile-input battery: each bad source gets a clear message (or is read as well as it can
// be), and the good source beside it is still analysed.
import test from 'ava';
import { chmodSync, mkdirSync, readFileSync, rmSync, mkdtempSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { expandInputs, readSource } from '../../src/node/sources.js';
import { cli } from '../helpers/cli.js';
import { knowledge } from '../helpers/knowledge.js';

const GOOD = 'samples/ssu2-buffers/freebsd-floodfill.log';
const LINE = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';

interface Src { name: string; lines: number; parsed: number; unparsed: number; oversized: number; errors: string[]; warnings: string[]; formats: string[] }

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'hostile-'));
}

/** Analyses the bad sources beside the good one; checks the good one still gave its finding. */
function analyse(t: import('ava').ExecutionContext, bad: string[], env: Record<string, string> = {}): { sources: Map<string, Src>; stderr: string; code: number | null } {
  const r = cli(['analyze', GOOD, ...bad, '--format', 'json'], undefined, env);
  const j = JSON.parse(r.stdout);
  // A folder of folders is a batch of cases: look at every case.
  const cases = j.cases as { sources: Src[]; diagnoses: { rule: string }[] }[];
  const sources = new Map<string, Src>(cases.flatMap((c) => c.sources.map((s): [string, Src] => [s.name, s])));
  t.like(sources.get(GOOD), { lines: 7, parsed: 7, errors: [] }, 'the good source is read in full');
  t.true(cases.some((c) => c.diagnoses.some((d) => d.rule === 'ssu2-socket-buffer-enobufs')), 'and still diagnosed');
  return { sources, stderr: r.stderr, code: r.code };
}

function accounted(t: import('ava').ExecutionContext, s: Src | undefined): void {
  t.truthy(s);
  t.is(s!.parsed + s!.unparsed + s!.oversized, s!.lines, `${s!.name}: every line accounted for`);
}

test('binary data and NUL bytes are refused as not a text log', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'core.log'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]));
  writeFileSync(join(d, 'nul.log'), `${LINE}\n\0\0\0${LINE}\n`);
  const r = analyse(t, [join(d, 'core.log'), join(d, 'nul.log')]);
  t.is(r.code, 2);
  for (const f of ['core.log', 'nul.log']) t.regex(r.sources.get(join(d, f))!.errors[0], /binary data, not a text log; attach i2pd's text log/);
});

test('invalid UTF-8 is read with replacement characters, never refused', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'latin1.log'), Buffer.concat([Buffer.from(`${LINE}\n07:41:04@905/error - Daemon: caf`), Buffer.from([0xe9, 0xff, 0xfe, 0x0a]), Buffer.from(`${LINE}\n`)]));
  const r = analyse(t, [join(d, 'latin1.log')]);
  const s = r.sources.get(join(d, 'latin1.log'));
  t.like(s, { lines: 3, parsed: 3, errors: [] });
  accounted(t, s);
});

test('UTF-16LE with a BOM (Windows editors) is decoded', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'win.log'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${LINE}\r\n${LINE}\r\n`, 'utf16le')]));
  const s = analyse(t, [join(d, 'win.log')]).sources.get(join(d, 'win.log'));
  t.like(s, { lines: 2, parsed: 2, errors: [] });
});

test('CRLF and a lone CR both end lines', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'crlf.log'), `${LINE}\r\n${LINE}\r\n`);
  writeFileSync(join(d, 'cr.log'), `${LINE}\r${LINE}\n`);
  const r = analyse(t, [join(d, 'crlf.log'), join(d, 'cr.log')]);
  t.like(r.sources.get(join(d, 'crlf.log')), { lines: 2, parsed: 2 });
  t.like(r.sources.get(join(d, 'cr.log')), { lines: 2, parsed: 2 });
  accounted(t, r.sources.get(join(d, 'cr.log')));
});

test('a 100 MB line is counted as oversized and skipped in bounded memory; the lines around it are read', (t) => {
  const d = tmp();
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  const f = join(d, 'huge.log');
  // Written 1 MiB at a time: the test holds no more of the line than the tool may.
  const fd = openSync(f, 'w');
  writeSync(fd, `${LINE}\n`);
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  for (let i = 0; i < 100; i++) writeSync(fd, chunk);
  writeSync(fd, `\n${LINE}\n`);
  closeSync(fd);
  const rssFile = join(d, 'max-rss');
  const started = Date.now();
  const r = analyse(t, [f], { NODE_OPTIONS: `--import=${pathToFileURL(resolve('test/helpers/max-rss.mjs')).href}`, MAX_RSS_FILE: rssFile });
  const s = r.sources.get(f);
  t.like(s, { lines: 3, parsed: 2, oversized: 1, errors: [] });
  accounted(t, s);
  const peakMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  t.log(`100 MB line: peak RSS ${peakMiB.toFixed(0)} MiB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Capped, the run peaks near 105 MiB; a splitter that buffers the whole line peaks near 385 MiB
  // (the bytes, their concatenation and the string). 250 MiB tells the two apart with room to spare.
  t.true(peakMiB < 250, `peak RSS ${peakMiB.toFixed(0)} MiB`);
});

test('an empty file is named as empty', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'empty.log'), '');
  const s = analyse(t, [join(d, 'empty.log')]).sources.get(join(d, 'empty.log'));
  t.like(s, { lines: 0, errors: [] });
  t.regex(s!.warnings.join(), /empty: nothing to analyse/);
});

// Large gzip files are inflated on a worker thread (src/node/gunzip.ts); a tiny threshold sends
// these small ones there too, so both paths meet the same bad input.
const GUNZIP_PATHS: Array<[string, Record<string, string>]> = [['in-thread', {}], ['gunzip thread', { I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES: '1' }]];

for (const [how, env] of GUNZIP_PATHS) {
  test(`${how}: a truncated gzip and a gzip of random bytes give a clear message`, (t) => {
    const d = tmp();
    const gz = gzipSync(Buffer.from(`${LINE}\n`.repeat(2000)));
    writeFileSync(join(d, 'cut.log.gz'), gz.subarray(0, gz.length / 2));
    writeFileSync(join(d, 'random.log.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(2048)]));
    const r = analyse(t, [join(d, 'cut.log.gz'), join(d, 'random.log.gz')], env);
    t.is(r.code, 2);
    const cut = r.sources.get(join(d, 'cut.log.gz'));
    t.regex(cut!.errors.join(), /cut\.log\.gz: the gzip data is corrupt or truncated .*attach the file again/);
    t.true(cut!.parsed > 0, 'what was read before the cut is kept');
    accounted(t, cut);
    t.regex(r.sources.get(join(d, 'random.log.gz'))!.errors.join(), /random\.log\.gz: (the gzip data is corrupt or truncated|cannot be read)/);
  });

  test(`${how}: a gzip bomb stops at the ratio limit; a good gzip log reads as the plain one`, (t) => {
    const d = tmp();
    writeFileSync(join(d, 'bomb.log.gz'), gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a')));
    writeFileSync(join(d, 'good.log.gz'), gzipSync(readFileSync(GOOD)));
    const r = analyse(t, [join(d, 'bomb.log.gz'), join(d, 'good.log.gz')], env);
    t.regex(r.sources.get(join(d, 'bomb.log.gz'))!.errors.join(), /bomb\.log\.gz: stopped: .*a decompression bomb\?.*--max-ratio/);
    const plain = r.sources.get(GOOD)!;
    t.like(r.sources.get(join(d, 'good.log.gz')), { lines: plain.lines, parsed: plain.parsed, errors: [] });
  });
}

test('a folder walk skips FIFOs and does not follow symlink loops', (t) => {
  const d = tmp();
  writeFileSync(join(d, 'a.log'), `${LINE}\n`);
  mkdirSync(join(d, 'sub'));
  symlinkSync('..', join(d, 'sub', 'loop'));
  symlinkSync(join(d, 'self'), join(d, 'self'));
  execFileSync('mkfifo', [join(d, 'pipe.log')]);
  const r = analyse(t, [d]);
  t.like(r.sources.get(join(d, 'a.log')), { lines: 1, parsed: 1 });
  t.regex(r.sources.get(join(d, 'pipe.log'))?.errors.join() ?? 'fifo not listed', /not a regular file|fifo not listed/);
  t.false([...r.sources.keys()].some((k) => k.includes('loop/')), 'the loop is not followed');
});

test('a source that cannot be read (a folder given as a file, no permission) is named with what to do', (t) => {
  const d = tmp();
  const locked = join(d, 'locked.log');
  writeFileSync(locked, `${LINE}\n`);
  chmodSync(locked, 0);
  const r = analyse(t, [join(d, 'nope.log'), locked]);
  t.regex(r.stderr, /nope\.log: no such file or folder; check the path/);
  const s = r.sources.get(locked);
  // root reads anything: then the file is simply read.
  if (process.getuid?.() === 0) t.like(s, { lines: 1 });
  else t.regex(s!.errors.join(), /permission denied; run as a user who can read it/);
});

test('a path that vanishes between listing and reading is reported; the rest goes on', async (t) => {
  const d = tmp();
  writeFileSync(join(d, 'rotated.log'), `${LINE}\n`);
  writeFileSync(join(d, 'b.log'), `${LINE}\n`);
  const { sources } = await expandInputs([d]);
  rmSync(join(d, 'rotated.log'));
  const c = new CaseAnalysis(d, knowledge());
  for (const ref of sources) await readSource(c, ref);
  const r = await c.finish();
  t.like(r.sources.find((s) => s.name.endsWith('b.log')), { lines: 1, parsed: 1 });
  t.regex(r.sources.find((s) => s.name.endsWith('rotated.log'))!.errors.join(), /rotated\.log: vanished before it could be read/);
});

test('20,000 tiny files in a folder are all read', async (t) => {
  // 100,000 take about a minute on two cores; the same code path, a fifth of the files in CI.
  const n = Number(process.env.HOSTILE_FILES ?? 20_000);
  const d = tmp();
  for (let i = 0; i < n; i++) writeFileSync(join(d, `${i}.log`), `${LINE}\n`);
  const { sources } = await expandInputs([d]);
  const c = new CaseAnalysis(d, knowledge());
  for (const ref of sources) await readSource(c, ref);
  const r = await c.finish();
  t.is(r.sources.length, n);
  t.is(r.facts.stats.parsed, n);
  t.is(r.facts.signals['ssu2.socket-open-failed'].count, n);
});

test('a config with garbage lines is read line by line, each problem named', (t) => {
  const d = tmp();
  const conf = join(d, 'i2pd.conf');
  writeFileSync(conf, ['floodfill = true', '\u0001garbage', '[broken', '= novalue', 'bandwidth = X', 'ipv6 = maybe', 'floodfill = true', '[ssu2]', 'enabled = true'].join('\n'));
  const r = cli(['analyze', GOOD, '--config', conf, '--format', 'json']);
  const c = JSON.parse(r.stdout).cases[0];
  const s = c.sources.find((x: Src) => x.name === conf);
  const w = s.warnings.join('\n');
  t.regex(w, /line 2: not a "key = value" line/);
  t.regex(w, /line 3: malformed section header "\[broken"/);
  t.regex(w, /line 6: ipv6 = "maybe" is not a boolean/);
  t.regex(w, /line 7: floodfill is set twice/);
  t.is(c.facts.config.floodfill, true);
  t.is(c.facts.config['ssu2.enabled'], true);
  t.true(c.diagnoses.some((x: { rule: string; status: string }) => x.rule === 'ssu2-socket-buffer-enobufs' && x.status === 'confirmed'));
});
