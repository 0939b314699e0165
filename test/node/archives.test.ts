import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { analyzeSources } from '../../src/node/batch/run-case.js';
import { tarball, zip } from '../helpers/archives.js';
import { knowledge } from '../helpers/knowledge.js';

const LOG = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
const CONF = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf', 'utf8');
const RULE = 'ssu2-socket-buffer-enobufs';

function file(name: string, body: Buffer | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-arch-'));
  const f = join(dir, name);
  writeFileSync(f, body);
  return f;
}

async function analyse(path: string, limits = DEFAULT_LIMITS) {
  return analyzeSources(path, [{ name: path, path }], knowledge(), { limits });
}

const errorsOf = (r: Awaited<ReturnType<typeof analyse>>) => r.sources.flatMap((s) => s.errors);

test('a zip: members named archive!path, the log and config inside combine into one confirmed finding', async (t) => {
  const f = file('report.zip', await zip([['logs/i2pd.log', LOG], ['i2pd.conf', CONF]]));
  const r = await analyse(f);
  t.deepEqual(r.sources.map((s) => [s.name, s.kind]), [[f, 'zip'], [`${f}!logs/i2pd.log`, 'log'], [`${f}!i2pd.conf`, 'i2pd.conf']]);
  t.is(r.diagnoses.find((d) => d.rule === RULE)?.status, 'confirmed');
  t.is(r.diagnoses.find((d) => d.rule === RULE)?.evidence[0].source, `${f}!logs/i2pd.log`);
});

test('a tar and a tar.gz are recognised by content whatever their name', async (t) => {
  for (const [name, gz] of [['attachment.bin', false], ['attachment.dat', true]] as const) {
    const f = file(name, await tarball([['./i2pd.log', LOG], ['./i2pd.conf', CONF]], gz));
    const r = await analyse(f);
    t.is(r.sources[0].kind, 'tar');
    t.is(r.sources[1].name, `${f}!i2pd.log`);
    t.is(r.diagnoses.find((d) => d.rule === RULE)?.status, 'confirmed', name);
  }
});

test('nested archives: a zip holding a tar.gz holding a gzipped log', async (t) => {
  const inner = await tarball([['var/log/i2pd/i2pd.log.1.gz', gzipSync(LOG)]], true);
  const f = file('outer.zip', await zip([['data/inner.tgz', inner]]));
  const r = await analyse(f);
  const log = r.sources.find((s) => s.kind === 'log');
  t.is(log?.name, `${f}!data/inner.tgz!var/log/i2pd/i2pd.log.1.gz`);
  t.is(log?.parsed, 7);
  t.truthy(r.diagnoses.find((d) => d.rule === RULE));
});

test('member names with ../ or an absolute path are only names: nothing is written', async (t) => {
  const f = file('evil.tar', await tarball([['../../escaped.log', LOG], ['/tmp/i2pd-doctor-absolute.log', LOG]]));
  const r = await analyse(f);
  t.deepEqual(r.sources.slice(1).map((s) => s.name), [`${f}!../../escaped.log`, `${f}!/tmp/i2pd-doctor-absolute.log`]);
  t.false(existsSync(join(f, '..', '..', '..', 'escaped.log')));
  t.false(existsSync('/tmp/i2pd-doctor-absolute.log'));
  // yazl refuses to write such a name: write a placeholder of the same length and patch it in.
  const z = await zip([['xx/up.log', LOG]]);
  for (let i = z.indexOf('xx/up.log'); i >= 0; i = z.indexOf('xx/up.log', i + 1)) z.write('../up.log', i);
  const zf = file('evil.zip', z);
  t.is((await analyse(zf)).sources[1].name, `${zf}!../up.log`);
});

test('data-directory and binary members are skipped and counted, not reported as errors', async (t) => {
  const f = file('datadir.zip', await zip([['i2pd.log', LOG], ['netDb/rA/routerInfo-x.dat', Buffer.from([1, 2, 0, 3])], ['core', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0])]]));
  const r = await analyse(f);
  t.deepEqual(errorsOf(r), []);
  t.regex(r.sources[0].warnings.join(), /2 members skipped/);
});

test('limits: a compression bomb stops at the ratio limit, naming the member', async (t) => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a'));
  const f = file('bomb.zip', await zip([['i2pd.log', LOG], ['huge.log.gz', bomb]]));
  const r = await analyse(f);
  const errs = errorsOf(r);
  t.is(errs.length, 1);
  t.regex(errs[0], new RegExp(`${f.replace(/[.]/g, '\\.')}!huge\\.log\\.gz: stopped: .*over 200:1, a decompression bomb\\?.*--max-ratio`));
  t.truthy(r.diagnoses.find((d) => d.rule === RULE), 'the members before the bomb are still analysed');
});

test('limits: total bytes of a case', async (t) => {
  const f = file('big.tar', await tarball([['a.log', LOG], ['b.log', LOG.repeat(400)], ['c.log', LOG]], true));
  const r = await analyse(f, { ...DEFAULT_LIMITS, maxBytes: 64 * 1024 });
  const errs = errorsOf(r);
  t.is(errs.length, 1);
  t.regex(errs[0], /big\.tar!b\.log: stopped after .* past the limit of 64\.0 KiB .*--max-bytes/);
  t.false(r.sources.some((s) => s.name.endsWith('!c.log')), 'nothing is read after the limit');
});

test('limits: entry count', async (t) => {
  const members = Array.from({ length: 12 }, (_, i) => [`part${i}.log`, LOG] as [string, string]);
  for (const make of [() => zip(members), () => tarball(members)]) {
    const f = file('many.arc', await make());
    const r = await analyse(f, { ...DEFAULT_LIMITS, maxEntries: 5 });
    t.is(r.sources.filter((s) => s.kind === 'log').length, 5);
    t.regex(errorsOf(r).join('\n'), /many\.arc: stopped after 5 archive entries .*--max-entries/);
  }
});

test('limits: nesting depth', async (t) => {
  let body: Buffer = Buffer.from(LOG);
  for (let i = 0; i < 6; i++) body = await zip([[`level${i}.zip`, body]]);
  const r = await analyse(file('deep.zip', body));
  t.regex(errorsOf(r).join('\n'), /archives nested more than 4 deep; unpack it first/);
});

test('a corrupt zip and a truncated tar.gz are reported with what to do', async (t) => {
  const good = await zip([['i2pd.log', LOG]]);
  const z = await analyse(file('cut.zip', good.subarray(0, 60)));
  t.regex(errorsOf(z)[0], /cut\.zip: not a readable zip archive .*ask for it again/);
  const tgz = await tarball([['i2pd.log', LOG.repeat(50)]], true);
  const tg = await analyse(file('cut.tgz', tgz.subarray(0, tgz.length - 40)));
  t.regex(errorsOf(tg).join('\n'), /cut\.tgz.*(corrupt|truncated|cut short)/);
});
