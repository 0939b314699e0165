// One bad place never aborts the run: an unreadable subfolder, a symlink to / given as an
// argument, a pack whose rules/ or samples/ links to / — each is skipped with its reason, the rest
// is analysed, and no stack trace reaches the user.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { cli } from '../helpers/cli.js';
import { makePack, PACK_LINE } from '../helpers/pack.js';

const GOOD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';
const LINE = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';
const NO_STACK = /\n\s+at |internal error/;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'hostile-places-'));
}

interface Case { name: string; sources: { name: string; errors: string[] }[]; diagnoses: { rule: string }[] }

/** Runs the CLI as a user the permission bits apply to: root reads any folder, so it runs as nobody. */
function analyseLocked(args: string[]): { cases: Case[]; stderr: string; code: number | null } {
  const root = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'analyze', ...args, '--format', 'json'], {
    encoding: 'utf8', cwd: PACKAGE_ROOT, env: { ...process.env, NO_COLOR: '1', HOME: tmpdir() }, timeout: 60_000, ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
  return { cases: r.stdout ? (JSON.parse(r.stdout).cases as Case[]) : [], stderr: r.stderr, code: r.status };
}

/** A batch of two reports; the first holds a subfolder nobody may list. */
function lockedBatch(): { d: string; locked: string } {
  const d = tmp();
  chmodSync(d, 0o755);
  for (const c of ['r1', 'r2']) {
    mkdirSync(join(d, c));
    writeFileSync(join(d, c, 'i2pd.log'), `${LINE}\n`);
  }
  const locked = join(d, 'r1', 'locked');
  mkdirSync(locked);
  writeFileSync(join(locked, 'x.log'), `${LINE}\n`);
  chmodSync(locked, 0);
  return { d, locked };
}

test('an unreadable subfolder is a skipped place with its reason; the rest of the folder and batch is analysed', (t) => {
  const { d, locked } = lockedBatch();
  for (const args of [[d], [join(d, 'r1')], [join(d, 'r1'), GOOD], [`${d}/**/*.log`]]) {
    const r = analyseLocked(args.map((a) => (a === GOOD ? join(PACKAGE_ROOT, GOOD) : a)));
    t.notRegex(r.stderr, NO_STACK, args.join(' '));
    t.true(r.cases.some((c) => c.diagnoses.some((x) => x.rule === 'ssu2-socket-buffer-enobufs')), `${args.join(' ')}: the readable logs are analysed`);
    t.regex(r.stderr, new RegExp(`${locked}: permission denied.*; skipped`), args.join(' '));
    t.is(r.code, 2, 'a place that could not be read makes the exit status 2');
  }
});

test('a folder that cannot be listed, given as an argument, is skipped with its reason', (t) => {
  const { locked } = lockedBatch();
  const r = analyseLocked([locked, join(PACKAGE_ROOT, GOOD)]);
  t.notRegex(r.stderr, NO_STACK);
  t.true(r.cases.some((c) => c.diagnoses.some((x) => x.rule === 'ssu2-socket-buffer-enobufs')));
  t.regex(r.stderr, new RegExp(`${locked}: permission denied.*; skipped`));
});

test('a symlink to / given as an argument is skipped with its reason; the other arguments are analysed', (t) => {
  const d = tmp();
  symlinkSync('/', join(d, 'root'));
  for (const args of [[join(d, 'root'), GOOD], ['/', GOOD], [d, GOOD]]) {
    const r = cli(['analyze', ...args, '--format', 'json'], undefined, {}, 60_000);
    t.not(r.code, null, `${args.join(' ')}: it finishes`);
    t.notRegex(r.stderr, NO_STACK, args.join(' '));
    const cases = JSON.parse(r.stdout).cases as Case[];
    t.true(cases.some((c) => c.diagnoses.some((x) => x.rule === 'ssu2-socket-buffer-enobufs')), `${args.join(' ')}: the log is analysed`);
    if (args[0] !== d) t.regex(r.stderr, /the file system root .*skipped/, args.join(' '));
  }
});

test('a pack whose rules/ or samples/ links to / is refused with its reason, never walked; lint and analyze say so without a stack', (t) => {
  for (const folder of ['rules', 'samples', 'kb']) {
    const d = tmp();
    const p = makePack({}, join(d, 'pack'));
    const moved = join(d, 'pack', folder);
    const gone = join(d, `${folder}-real`);
    // The folder is replaced by a link to the root of the file system.
    renameSync(moved, gone);
    symlinkSync('/', moved);
    const f = join(d, 'i2pd.log');
    writeFileSync(f, `${PACK_LINE}\n`);
    for (const args of [['analyze', f, '--rules', p], ['rules', 'lint', '--rules', p], ['rules', 'test', '--rules', p], ['kb', '--rules', p]]) {
      const r = cli(args, undefined, {}, 60_000);
      t.not(r.code, null, `${folder}: ${args[0]} finishes`);
      t.notRegex(r.stderr, NO_STACK, `${folder}: ${args.join(' ')}`);
      t.regex(r.stdout + r.stderr, new RegExp(`${folder}: .*link.* outside the pack`), `${folder}: ${args.join(' ')}`);
    }
  }
});

test('an internal error names the input and how to report it, without a stack trace', (t) => {
  // A failure inside a case is reported on that case; the stack only with I2PD_DOCTOR_DEBUG.
  const r = cli(['analyze', GOOD, '--format', 'json'], undefined, { I2PD_DOCTOR_TEST_THROW: 'analyze' });
  t.is(r.code, 2);
  t.regex(r.stderr, /i2pd-doctor: internal error while running `analyze .*freebsd-floodfill\.log.*`: .*please report it .*with that command/i);
  t.notRegex(r.stderr, /\n\s+at /);
  const debug = cli(['analyze', GOOD], undefined, { I2PD_DOCTOR_TEST_THROW: 'analyze', I2PD_DOCTOR_DEBUG: '1' });
  t.regex(debug.stderr, /\n\s+at /, 'I2PD_DOCTOR_DEBUG=1 shows the stack');
});

test('a pattern under a folder that does not exist matches no file, and says so (not "vanished")', (t) => {
  const d = tmp();
  const r = cli(['analyze', `${d}/missing/**/*.log`, GOOD, '--format', 'json']);
  t.notRegex(r.stderr, NO_STACK);
  t.regex(r.stderr, /missing\/\*\*\/\*\.log: no file matches this pattern/);
  t.notRegex(r.stderr, /vanished/);
  t.true((JSON.parse(r.stdout).cases as Case[]).some((c) => c.diagnoses.some((x) => x.rule === 'ssu2-socket-buffer-enobufs')));
});
