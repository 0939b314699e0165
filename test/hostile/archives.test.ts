// Hostile archives through the CLI, in a batch: a zip bomb stops with a message naming its
// member while every other case is analysed; tar member names are labels, never paths; a symlink
// entry is never followed. (Reader-level cases of each limit are in test/node/archives.test.ts.)
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tarball, zip } from '../helpers/archives.js';

const GOOD = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
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

/** A zip whose member `name` is marked (local header and central directory) with another method, or as encrypted. */
function remark(zipBuf: Buffer, name: string, how: { method?: number; encrypted?: boolean }): Buffer {
  const b = Buffer.from(zipBuf);
  for (const [sig, flagAt, methodAt, nameLenAt, nameAt] of [[0x04034b50, 6, 8, 26, 30], [0x02014b50, 8, 10, 28, 46]] as const) {
    for (let i = b.indexOf(Buffer.from([0x50, 0x4b])); i !== -1 && i + nameAt <= b.length; i = b.indexOf(Buffer.from([0x50, 0x4b]), i + 1)) {
      if (b.readUInt32LE(i) !== sig) continue;
      const n = b.readUInt16LE(i + nameLenAt);
      if (b.subarray(i + nameAt, i + nameAt + n).toString() !== name) continue;
      if (how.method !== undefined) b.writeUInt16LE(how.method, i + methodAt);
      if (how.encrypted) b.writeUInt16LE(b.readUInt16LE(i + flagAt) | 1, i + flagAt);
    }
  }
  return b;
}

test('a zip with a bzip2, an LZMA and an encrypted member reads the others and names each one skipped and why', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-zip-'));
  let z = await zip([['a.log', `${LINE}\n`], ['b.log', `${LINE}\n`], ['c.log', `${LINE}\n`], ['good.log', GOOD]]);
  z = remark(z, 'a.log', { method: 12 });
  z = remark(z, 'b.log', { method: 14 });
  z = remark(z, 'c.log', { encrypted: true });
  const f = join(d, 'report.zip');
  writeFileSync(f, z);
  const { cases } = batch(d);
  const byName = new Map(cases.flatMap((c) => c.sources.map((s): [string, Src & { warnings: string[] }] => [s.name, s as Src & { warnings: string[] }])));
  t.is(byName.get(`${f}!good.log`)?.lines, GOOD.split('\n').length - 1, 'the readable member is read');
  t.true(cases[0].diagnoses.some((x) => x.rule === RULE));
  const said = [...byName.values()].flatMap((s) => [...s.errors, ...s.warnings]).join('\n');
  t.regex(said, new RegExp(`${re(f)}!a\\.log: compressed with bzip2 \\(method 12\\).*unzip`));
  t.regex(said, new RegExp(`${re(f)}!b\\.log: compressed with LZMA \\(method 14\\).*unzip`));
  t.regex(said, new RegExp(`${re(f)}!c\\.log: encrypted.*password`));
  t.notRegex(said, /not a readable zip archive/);
});

test('tar hard links, devices and FIFOs are counted and named, not lost silently', async (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-tar-'));
  const pack = (await import('tar-stream')).default.pack();
  pack.entry({ name: 'logs/i2pd.log' }, GOOD);
  pack.entry({ name: 'logs/old.log', type: 'link', linkname: 'logs/i2pd.log' });
  pack.entry({ name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 });
  pack.entry({ name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 });
  pack.entry({ name: 'run/pipe', type: 'fifo' });
  pack.entry({ name: 'link.log', type: 'symlink', linkname: '/etc/passwd' });
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  const f = join(d, 'x.tar');
  writeFileSync(f, Buffer.concat(chunks));
  const { cases } = batch(d);
  const arch = cases[0].sources.find((s) => s.name === f) as Src & { warnings: string[] };
  const w = arch.warnings.join('\n');
  t.regex(w, /5 entries not read/);
  for (const [name, what] of [['logs/old.log', 'a hard link to logs/i2pd.log'], ['dev/null', 'a character device'], ['dev/sda', 'a block device'], ['run/pipe', 'a FIFO'], ['link.log', 'a symbolic link']]) t.true(w.includes(`${name} (${what})`), `${name} named: ${w}`);
  t.true(cases[0].diagnoses.some((x) => x.rule === RULE));
});
