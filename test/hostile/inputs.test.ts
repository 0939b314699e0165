// The hostile-input battery: each bad source gets a clear message (or is read as well as it can
// be), and the good source beside it is still analysed.
import test from 'ava';
import { chmodSync, mkdirSync, readFileSync, rmSync, mkdtempSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { expandInputs, readSource } from '../../src/node/read/sources.js';
import { cli } from '../helpers/cli.js';
import { knowledge } from '../helpers/knowledge.js';

const GOOD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';
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

// Reading stops when the verdict is in: binary input is not read to its end.
test('binary input stops being read once it is called binary: stdin from /dev/zero, a 4 GB sparse file', (t) => {
  const d = tmp();
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  const sparse = join(d, 'core.log');
  execFileSync('truncate', ['-s', '4G', sparse]);
  // Without the stop, /dev/zero never ends and the sparse file takes tens of seconds: the
  // helper's timeout (status null) tells a hang apart from an answer.
  const fromZero = execFileSyncStatus(['analyze', '-', '--format', 'json'], '/dev/zero');
  t.is(fromZero.code, 2, 'stdin from /dev/zero ends');
  t.regex(fromZero.stderr, /stdin: binary data, not a text log/);
  const r = cli(['analyze', sparse, GOOD, '--format', 'json'], undefined, {}, 30_000);
  t.is(r.code, 2);
  t.regex(JSON.parse(r.stdout).cases[0].sources.find((s: Src) => s.name === sparse).errors.join(), /binary data, not a text log/);
  const gz = join(d, 'zeros.log.gz');
  writeFileSync(gz, gzipSync(Buffer.alloc(64 * 1024 * 1024)));
  const z = cli(['analyze', gz, '--format', 'json', '--max-ratio', '100000'], undefined, {}, 30_000);
  t.regex(JSON.parse(z.stdout).cases[0].sources[0].errors.join(), /binary data, not a text log/);
});

function execFileSyncStatus(args: string[], stdinPath: string): { code: number | null; stderr: string } {
  const fd = openSync(stdinPath, 'r');
  try {
    const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 30_000 });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

test('U+2028 and U+2029 inside a line keep it a line of its own, parsed and matched', (t) => {
  const d = tmp();
  const f = join(d, 'sep.log');
  const inner = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer\u2028space\u2029available';
  writeFileSync(f, `07:41:02@905/error - SSU2: something before it\n${inner}\n`);
  const r = analyse(t, [f]);
  const s = r.sources.get(f)!;
  t.like(s, { lines: 2, parsed: 2 });
  t.false(s.formats.includes('wrapped lines joined'), 'not glued to the line above');
  const j = JSON.parse(cli(['analyze', f, '--format', 'json']).stdout);
  t.is(j.cases[0].facts.signals['ssu2.socket-open-failed'].count, 1, 'the finding is not lost');
});

test('a line ending in CR CR LF that looks like a config section in a code span is counted, not lost (a fuzz counterexample)', (t) => {
  const d = tmp();
  const f = join(d, 'crlf.txt');
  writeFileSync(f, `\`\`\` [ntcp2]\`\`\`\r\r\n${LINE}\r\n`);
  const s = analyse(t, [f]).sources.get(f);
  t.like(s, { lines: 2 });
  accounted(t, s);
});

test('a gzip with trailing garbage keeps what decompressed and says what was left', (t) => {
  const d = tmp();
  const f = join(d, 'tail.log.gz');
  writeFileSync(f, Buffer.concat([gzipSync(Buffer.from(`${LINE}\n${LINE}\n`)), gzipSync(Buffer.from(`${LINE}\n`)), Buffer.from('<html>not gzip</html>\n')]));
  for (const [how, env] of GUNZIP_PATHS) {
    const r = analyse(t, [f], env);
    const s = r.sources.get(f)!;
    t.like(s, { lines: 3, parsed: 3, errors: [] }, how);
    t.regex(s.warnings.join(), /22 bytes after the end of the gzip data are not gzip \(trailing garbage\); ignored/, how);
  }
  // Zero bytes after the data are padding, as gzip itself treats them.
  writeFileSync(f, Buffer.concat([gzipSync(Buffer.from(`${LINE}\n`)), Buffer.alloc(512)]));
  t.like(analyse(t, [f]).sources.get(f), { lines: 1, errors: [], warnings: [] });
});

test('Latin-1 file names are read, in a folder and as an argument, and shown with the odd byte visible', (t) => {
  const d = tmp();
  const raw = Buffer.concat([Buffer.from(`${d}/caf`), Buffer.from([0xe9]), Buffer.from('.log')]);
  writeFileSync(raw, `${LINE}\n`);
  writeFileSync(join(d, 'plain.log'), `${LINE}\n`);
  const r = cli(['analyze', d, '--format', 'json']);
  const names = JSON.parse(r.stdout).cases.flatMap((c: { sources: Src[] }) => c.sources);
  const latin = names.find((s: Src) => s.name.endsWith('.log') && s.name.includes('caf'));
  t.like(latin, { name: `${d}/caf\\xe9.log`, lines: 1, parsed: 1, errors: [] });
  t.notRegex(r.stderr, /vanished|no such file/);
  // As an argument: the shell passes the raw byte, Node's argv holds U+FFFD.
  const a = spawnSync('bash', ['-c', `exec "${process.execPath}" dist/cli/main.js analyze "$(printf '%s/caf\\xe9.log' "$D")" --format json`], { encoding: 'utf8', env: { ...process.env, D: d } });
  t.notRegex(a.stderr, /no such file|vanished/, a.stderr);
  t.like(JSON.parse(a.stdout).cases[0].sources[0], { lines: 1, parsed: 1, errors: [] });
});

/** The good line in every Unicode encoding a Windows or Java tool may write. */
const ENCODED: Array<[string, Buffer]> = [
  ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${LINE}\n${LINE}\n`, 'utf16le').swap16()])],
  ['UTF-16LE without BOM', Buffer.from(`${LINE}\r\n${LINE}\r\n`, 'utf16le')],
  ['UTF-16BE without BOM', Buffer.from(`${LINE}\n${LINE}\n`, 'utf16le').swap16()],
  ['UTF-32LE with BOM', utf32(`\ufeff${LINE}\n${LINE}\n`, 'le')],
  ['UTF-32BE with BOM', utf32(`\ufeff${LINE}\n${LINE}\n`, 'be')],
  ['UTF-32LE without BOM', utf32(`${LINE}\n${LINE}\n`, 'le')],
];

function utf32(s: string, order: 'le' | 'be'): Buffer {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (order === 'le' ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

test('UTF-16BE, UTF-16LE without a BOM and UTF-32 are decoded, not called binary', (t) => {
  const d = tmp();
  const files = ENCODED.map(([what, bytes], i) => {
    const f = join(d, `enc${i}.log`);
    writeFileSync(f, bytes);
    return [what, f] as const;
  });
  const r = analyse(t, files.map(([, f]) => f));
  for (const [what, f] of files) t.like(r.sources.get(f), { lines: 2, parsed: 2, errors: [] }, what);
  const j = JSON.parse(cli(['analyze', files[3][1], '--format', 'json']).stdout);
  t.is(j.cases[0].facts.signals['ssu2.socket-open-failed'].count, 2, 'UTF-32 keeps its finding');
});

test('xz, bzip2, zstd, 7z and rar are named, with how to decompress them', (t) => {
  const d = tmp();
  const kinds: Array<[string, Buffer, RegExp]> = [
    ['i2pd.log.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6]), /compressed with xz.*xz -d/],
    ['i2pd.log.bz2', Buffer.concat([Buffer.from('BZh91AY&SY'), randomBytes(64)]), /compressed with bzip2.*bunzip2/],
    ['i2pd.log.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00, 0x01, 0x00]), /compressed with zstd.*zstd -d/],
    ['logs.7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), /a 7z archive.*7z x/],
    ['logs.rar', Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]), /a RAR archive.*unrar x/],
  ];
  for (const [name, bytes] of kinds) writeFileSync(join(d, name), Buffer.concat([bytes, randomBytes(256)]));
  const r = analyse(t, kinds.map(([n]) => join(d, n)));
  for (const [name, , re] of kinds) t.regex(r.sources.get(join(d, name))!.errors.join(), re, name);
  t.notRegex(r.stderr, /not a core dump/);
});
