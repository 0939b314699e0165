// Hostile archives through the CLI, in a batch: a zip bomb stops with a message naming its
// member while every other case is analysed; tar member names are labels, never paths; a symlink
// entry is never followed. (Reader-level cases of each limit are in test/node/archives.test.ts.)
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tarball, zip } from '../helpers/archives.js';

const GOOD = readFileSync('samples/ssu2-buffers/freebsd-floodfill.log', 'utf8');
const RULE = 'ssu2-socket-buffer-enobufs';
const LINE = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';

interface Src { name: string; lines: number; errors: string[] }
interface Case { name: string; sources: Src[]; diagnoses: { rule: string }[] }

function batch(dir: string): { cases: Case[]; code: number | null } {
  const r = cli(['analyze', dir, '--format', 'json']);
  return { cases: JSON.parse(r.stdout).cases, code: r.code };
}

const re = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a zip bomb in a batch: a clear message naming the member; the rest of its case and the other cases are analysed', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-bomb-'));
  mkdirSync(join(d, 'issue-1'));
  mkdirSync(join(d, 'issue-2'));
  // 16 MiB of one byte deflates about 1000:1, past the 200:1 limit once 1 MiB is out.
  const bomb = join(d, 'issue-1', 'report.zip');
  writeFileSync(bomb, await zip([['logs/i2pd.log', GOOD], ['logs/huge.log', Buffer.alloc(16 * 1024 ** 2, 'a')]]));
  writeFileSync(join(d, 'issue-2', 'i2pd.log'), GOOD);
  const { cases, code } = batch(d);
  t.is(code, 2, 'an unreadable source makes the exit status 2');
  const one = cases.find((c) => c.name.endsWith('issue-1'))!;
  const errors = one.sources.flatMap((s) => s.errors);
  t.is(errors.length, 1);
  t.regex(errors[0], new RegExp(`^${re(bomb)}!logs/huge\\.log: stopped: .* \\(over 200:1, a decompression bomb\\?.*raise --max-ratio`));
  t.true(one.diagnoses.some((x) => x.rule === RULE), 'the member before the bomb is analysed');
  t.true(cases.find((c) => c.name.endsWith('issue-2'))!.diagnoses.some((x) => x.rule === RULE), 'the other case is analysed');
});

test('tar entries named ../evil.log and /etc/passwd are labels only; a symlink entry is not followed', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hostile-tar-'));
  const d = join(root, 'case');
  mkdirSync(d);
  const x = join(d, 'x.tar');
  const passwd = { text: readFileSync('/etc/passwd', 'utf8'), mtime: statSync('/etc/passwd').mtimeMs };
  const rootBefore = readdirSync('/');
  writeFileSync(x, await tarball([['../evil.log', `${LINE}\n`], ['/etc/passwd', `${LINE}\n${LINE}\n`]], false, [['link.log', '/etc/passwd'], ['up.log', '../../../../../../etc/passwd']]));
  const { cases } = batch(d);
  const names = cases.flatMap((c) => c.sources.map((s) => s.name));
  t.deepEqual(names, [x, `${x}!../evil.log`, `${x}!/etc/passwd`]);
  const byName = new Map(cases.flatMap((c) => c.sources.map((s): [string, Src] => [s.name, s])));
  t.is(byName.get(`${x}!/etc/passwd`)!.lines, 2, 'the member is read, not the real /etc/passwd');
  t.true(cases[0].diagnoses.some((c) => c.rule === RULE));
  // Nothing was written where the names point.
  t.deepEqual(readdirSync(root), ['case'], 'nothing beside the case folder');
  t.deepEqual(readdirSync(d), ['x.tar'], 'nothing beside the archive');
  t.false(existsSync(join(dirname(root), 'evil.log')));
  t.false(existsSync(join(process.cwd(), '..', 'evil.log')));
  t.deepEqual(readdirSync('/'), rootBefore, 'nothing new at the file system root');
  t.is(readFileSync('/etc/passwd', 'utf8'), passwd.text);
  t.is(statSync('/etc/passwd').mtimeMs, passwd.mtime);
});
