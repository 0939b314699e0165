// Output errors are errors: a report that cannot be written — a full disk, a read-only folder —
// ends the run with status 2 and one clear line, never exit 0 with a report cut short, never a
// stack trace, and `--suggest` leaves no half-written draft behind.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { smallTmpfs } from '../helpers/places.js';

const GOOD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';
const UNKNOWN = '12:00:01@100/error - HTTP Server: Strange failure 5 in handler for 203.0.113.9:24567\n';

/** Runs the CLI with its stdout going to `path` (opened for writing), as `> path` would. */
function into(path: string, args: string[], input?: string): { code: number | null; stderr: string } {
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args], { input, stdio: ['pipe', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

function batch(): string {
  const d = mkdtempSync(join(tmpdir(), 'hostile-write-'));
  for (let i = 0; i < 30; i++) {
    mkdirSync(join(d, `r${i}`));
    writeFileSync(join(d, `r${i}`, 'i2pd.log'), `07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available ${'x'.repeat(i * 50)}\n${UNKNOWN}`);
  }
  return d;
}

/** One line on stderr that says the output could not be written and why; no stack. */
function saysWriteFailed(t: import('ava').ExecutionContext, r: { code: number | null; stderr: string }, what: string): void {
  t.is(r.code, 2, `${what}: exit status 2 (${r.stderr})`);
  t.regex(r.stderr, /i2pd-doctor: cannot write the output: no space left on (the )?device \(ENOSPC\)/, what);
  t.notRegex(r.stderr, /\n\s+at |internal error/, `${what}: no stack trace`);
  t.is(r.stderr.split('\n').filter((l) => /cannot write/.test(l)).length, 1, `${what}: said once`);
}

test('a full disk (/dev/full) makes every output format exit 2 with one clear line', (t) => {
  const d = batch();
  for (const format of ['text', 'markdown', 'json', 'ndjson', 'html']) saysWriteFailed(t, into('/dev/full', ['analyze', d, '--format', format]), format);
  saysWriteFailed(t, into('/dev/full', ['analyze', GOOD]), 'one case, text');
  saysWriteFailed(t, into('/dev/full', ['analyze', GOOD, '--lines']), '--lines');
  saysWriteFailed(t, into('/dev/full', ['redact', GOOD]), 'redact');
  saysWriteFailed(t, into('/dev/full', ['redact'], '203.0.113.7 says hello\n'.repeat(10_000)), 'redact from stdin');
  saysWriteFailed(t, into('/dev/full', ['rules', 'list']), 'rules list');
  saysWriteFailed(t, into('/dev/full', ['kb']), 'kb');
});

test('a disk that fills up part way (a 64 KiB tmpfs when the tests run as root) is an error, not a report cut short with exit 0', (t) => {
  const d = batch();
  const small = smallTmpfs(t, 64 * 1024);
  if (!small) {
    // Without root there is no small file system to fill: /dev/full fails the first write instead.
    saysWriteFailed(t, into('/dev/full', ['analyze', d, '--format', 'json']), 'json on /dev/full');
    return;
  }
  for (const format of ['json', 'ndjson', 'html', 'markdown']) saysWriteFailed(t, into(join(small, `out.${format}`), ['analyze', d, '--format', format]), `${format} on a full tmpfs`);
  saysWriteFailed(t, into(join(small, 'redacted.log'), ['redact'], '203.0.113.7 says hello\n'.repeat(20_000)), 'redact on a full tmpfs');
});

function suggestable(): { dir: string; log: string; id: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-suggest-'));
  const log = join(dir, 'a.log');
  writeFileSync(log, UNKNOWN);
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'analyze', log, '--format', 'json'], { encoding: 'utf8' });
  return { dir, log, id: JSON.parse(r.stdout).unknownMessages[0].id };
}

function suggest(log: string, id: string, drafts: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'analyze', log, '--suggest', id, '--drafts', drafts], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`. */
function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

test('--suggest into a read-only folder: exit 2, one line naming the folder, no stack', (t) => {
  const { dir, log, id } = suggestable();
  const ro = smallTmpfs(t, 64 * 1024, true) ?? (() => {
    const p = join(dir, 'ro');
    mkdirSync(p);
    chmodSync(p, 0o555);
    return p;
  })();
  const r = suggest(log, id, join(ro, 'drafts'));
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, new RegExp(`i2pd-doctor: cannot write the drafts? .*${ro}/drafts.*(read-only|permission denied).*--drafts`));
  t.notRegex(r.stderr, /\n\s+at |internal error/);
  t.deepEqual(filesIn(ro), []);
});

test('--suggest into a place that fills up leaves no partial draft', (t) => {
  const { dir, log, id } = suggestable();
  // Room for the first draft only: the second cannot be written, and the first must go too.
  const small = smallTmpfs(t, 8 * 1024);
  let drafts: string;
  if (small) {
    writeFileSync(join(small, 'filler'), Buffer.alloc(4096, 'x'));
    drafts = join(small, 'drafts');
  } else {
    // Without root: the signature's folder is writable, the rule's (the drafts folder) is not.
    drafts = join(dir, 'drafts');
    mkdirSync(join(drafts, 'signatures'), { recursive: true });
    chmodSync(drafts, 0o555);
  }
  const r = suggest(log, id, drafts);
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /i2pd-doctor: cannot write the drafts? .*(no space left|permission denied).*; nothing was written/);
  t.notRegex(r.stderr, /\n\s+at |internal error/);
  t.deepEqual(filesIn(drafts), [], 'no draft, whole or partial, is left');
});
