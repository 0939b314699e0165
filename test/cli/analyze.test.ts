import test from 'ava';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from '../helpers/cli.js';
import { multiDayLog } from '../helpers/multi-day.js';

const FREEBSD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';

test('analyze names the socket-buffer diagnosis as likely, with the sysctl fix, and exits 1', (t) => {
  const r = cli(['analyze', FREEBSD]);
  t.is(r.code, 1);
  t.regex(r.stdout, /CRITICAL\s+SSU2 asks for larger UDP buffers than the kernel allows.*\[likely\]/);
  t.regex(r.stdout, /sysctl kern\.ipc\.maxsockbuf=6553500/);
  t.regex(r.stdout, /kern\.ipc\.maxsockbuf=6553500' >> \/etc\/sysctl\.conf/);
  t.regex(r.stdout, /To confirm:[\s\S]*floodfill/);
  t.notRegex(r.stdout, /\x1b\[/, 'NO_COLOR means no escape codes');
});

test('with its i2pd.conf the same log is confirmed', (t) => {
  const r = cli(['analyze', FREEBSD, '--config', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf']);
  t.is(r.code, 1);
  t.regex(r.stdout, /\[confirmed\]/);
  t.notRegex(r.stdout, /To confirm/);
});

test('a pasted log on stdin gives the same diagnosis', (t) => {
  const r = cli(['analyze'], readFileSync(FREEBSD, 'utf8'));
  t.is(r.code, 1);
  t.regex(r.stdout, /Case stdin/);
  t.regex(r.stdout, /SSU2 asks for larger UDP buffers.*\[likely\]/);
  const dash = cli(['analyze', '-'], readFileSync(FREEBSD, 'utf8'));
  t.is(dash.stdout, r.stdout);
});

test('--format json follows the documented schema', (t) => {
  const r = cli(['analyze', FREEBSD, '--format', 'json']);
  const j = JSON.parse(r.stdout);
  t.is(j.schemaVersion, 2);
  t.is(j.cases.length, 1);
  const c = j.cases[0];
  t.like(c.sources[0], { name: FREEBSD, lines: 7, parsed: 7, formats: ['i2pd'] });
  t.is(c.facts.env.version, '2.54.0');
  t.is(c.facts.signals['ssu2.socket-open-failed'].count, 2);
  const d = c.diagnoses[0];
  t.like(d, { rule: 'ssu2-socket-buffer-enobufs', severity: 'critical', status: 'likely', article: 'ssu2-socket-buffer-enobufs' });
  t.true(d.missing.some((m: { fact: string }) => m.fact === 'config.floodfill'));
  t.deepEqual(d.evidence.map((e: { line: number }) => e.line), [2, 3]);
  t.is(d.evidence[0].source, FREEBSD);
});

test('--format json carries the timeline: lines per level per bucket, runs, status changes, each finding\'s marks', async (t) => {
  const file = await multiDayLog();
  const c = JSON.parse(cli(['analyze', file, '--format', 'json']).stdout).cases[0];
  const tl = c.timeline;
  t.like(tl, { clock: 'log', runCount: 3, statusCount: 2 });
  t.true(Number.isInteger(tl.start) && tl.width > 0 && tl.buckets > 0);
  for (const a of [...Object.values(tl.levels), tl.starts, tl.stops, tl.unclean, tl.statusChanges]) t.is((a as number[]).length, tl.buckets);
  t.deepEqual(tl.runs.map((r: { stopped: boolean }) => r.stopped), [true, false, false]);
  t.deepEqual(tl.findings.map((f: { rule: string }) => f.rule), c.diagnoses.map((d: { rule: string }) => d.rule));
  const open = tl.findings.find((f: { rule: string }) => f.rule === 'too-many-open-files');
  t.is(open.counts.findIndex((n: number) => n > 0), tl.unclean.indexOf(1), 'the errors start in the bucket of the crash');
  t.deepEqual(tl.sources, [{ name: file, timed: c.facts.stats.entries, untimed: 0 }]);
});

test('--format markdown is ready to paste, with the evidence fenced', (t) => {
  const r = cli(['analyze', FREEBSD, '--format', 'markdown']);
  t.regex(r.stdout, /^### i2pd-doctor: 1 finding/);
  t.regex(r.stdout, /<details><summary>Evidence<\/summary>\n\n```text\n/);
});

test('a healthy log exits 0 with no finding; --fail-on none never fails', (t) => {
  const r = cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-quiet-healthy-floodfill-freebsd.log']);
  t.is(r.code, 0);
  t.regex(r.stdout, /No known problem found/);
  t.is(cli(['analyze', FREEBSD, '--fail-on', 'none']).code, 0);
  t.is(cli(['analyze', FREEBSD, '--fail-on', 'critical']).code, 1);
});

test('gzip is recognised by its magic bytes, whatever the name', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  const f = join(dir, 'attachment.bin');
  writeFileSync(f, gzipSync(readFileSync(FREEBSD)));
  const r = cli(['analyze', f]);
  t.is(r.code, 1);
  t.regex(r.stdout, /SSU2 asks for larger UDP buffers/);
});

test('bad sources get one clear line each, the others are still analysed, exit 2', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  writeFileSync(join(dir, 'empty.log'), '');
  writeFileSync(join(dir, 'core'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
  writeFileSync(join(dir, 'notes.txt'), 'my router is slow\nplease help\n');
  const r = cli(['analyze', FREEBSD, join(dir, 'missing.log'), join(dir, 'empty.log'), join(dir, 'core'), join(dir, 'notes.txt')]);
  t.is(r.code, 2);
  t.regex(r.stderr, /missing\.log: no such file or folder/);
  t.regex(r.stderr, /core: binary data, not a text log/);
  t.regex(r.stdout, /empty\.log: 0 lines[\s\S]*empty: nothing to analyse/);
  t.regex(r.stdout, /notes\.txt: 2 lines, 0 parsed[\s\S]*no i2pd log lines/);
  t.regex(r.stdout, /SSU2 asks for larger UDP buffers/);
});

test('usage errors exit 2', (t) => {
  t.is(cli(['analyze', '--format', 'yaml', FREEBSD]).code, 2);
  t.is(cli(['frobnicate']).code, 2);
});

test('kb lists articles and prints one; an unknown id is an error', (t) => {
  const list = cli(['kb']);
  t.is(list.code, 0);
  t.regex(list.stdout, /ssu2-socket-buffer-enobufs\s+SSU2 cannot size/);
  const one = cli(['kb', 'ssu2-socket-buffer-enobufs']);
  t.regex(one.stdout, /Verify/);
  t.regex(one.stdout, /kern\.ipc\.maxsockbuf/);
  const bad = cli(['kb', 'nope']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /no article "nope"/);
});

test('rules list shows each rule with its sample counts', (t) => {
  const r = cli(['rules', 'list']);
  t.is(r.code, 0);
  t.regex(r.stdout, /ssu2-socket-buffer-enobufs\s+critical\s+\d+\s+\d+\s+ssu2-socket-buffer-enobufs/);
});

test('a reader that closes the pipe early (| head) is not an error', async (t) => {
  const { spawn } = await import('node:child_process');
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, ['dist/cli/main.js', 'rules', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdout.once('data', () => p.stdout.destroy());
    p.on('close', (c) => {
      t.notRegex(err, /EPIPE|Unhandled/);
      resolve(c);
    });
  });
  t.is(code, 0);
});
