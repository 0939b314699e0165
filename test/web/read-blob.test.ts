// The page's reader must see every sample exactly as the CLI's file reader does: same sources,
// same diagnoses. Node has the same web streams as the browser, so this runs here.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { analyzeSources } from '../../src/node/batch/run-case.js';
import { findSamples } from '../../src/node/content/samples.js';
import { caseReport } from '../../src/report/report-model.js';
import { pageBudget, readBlob } from '../../src/web/read-blob.js';
import { knowledge } from '../helpers/knowledge.js';
import { tarball, zip } from '../helpers/archives.js';
import { DEFAULT_LIMITS } from '../../src/read/limits.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const summary = (r: Awaited<ReturnType<CaseAnalysis['finish']>>) => ({
  diagnoses: r.diagnoses.map((d) => `${d.rule}=${d.status}:${d.evidence.map((e) => `${e.source}:${e.line}`).join(',')}`),
  sources: r.sources.map((s) => `${s.name} ${s.kind} ${s.lines}/${s.parsed} ${s.errors.join(';')}`),
});

async function inBrowserReader(files: { name: string; bytes: Uint8Array }[], limits = DEFAULT_LIMITS) {
  const c = new CaseAnalysis('case', knowledge());
  const budget = pageBudget(limits);
  for (const f of files) await readBlob(c, f.name, new Blob([f.bytes]), budget);
  return c.finish();
}

for (const s of findSamples(PACKAGE_ROOT)) {
  test(`sample ${s.name}: the page's reader finds what the CLI finds`, async (t) => {
    const refs = s.files.map((f) => ({ name: f.slice(PACKAGE_ROOT.length + 1), path: f }));
    const cli = await analyzeSources('case', refs, knowledge());
    const web = await inBrowserReader(refs.map((r) => ({ name: r.name, bytes: readFileSync(r.path) })));
    t.deepEqual(summary(web), summary(cli));
  });
}

const seed = readFileSync(`${PACKAGE_ROOT}/samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log`);

test('a gzipped log, even gzipped twice, is read like the plain one', async (t) => {
  const plain = await inBrowserReader([{ name: 'i2pd.log', bytes: seed }]);
  const once = await inBrowserReader([{ name: 'i2pd.log', bytes: gzipSync(seed) }]);
  const twice = await inBrowserReader([{ name: 'i2pd.log', bytes: gzipSync(gzipSync(seed)) }]);
  t.deepEqual(summary(once), summary(plain));
  t.deepEqual(summary(twice), summary(plain));
  t.true(plain.diagnoses.some((d) => d.rule === 'ssu2-socket-buffer-enobufs'));
});

test('a truncated gzip is reported on its source and the lines before the damage still count', async (t) => {
  const gz = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => seed)));
  const r = await inBrowserReader([{ name: 'old.log.gz', bytes: gz.subarray(0, gz.length - 40) }]);
  const src = caseReport(r).sources[0];
  t.regex(src.errors.join('\n'), /old\.log\.gz: the gzip data is corrupt or truncated .*attach the file again/);
  t.true(src.lines > 0);
});

test('binary data is refused with what to attach instead', async (t) => {
  const r = await inBrowserReader([{ name: 'core', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]) }]);
  t.deepEqual(r.sources[0].errors, ["core: binary data, not a text log; attach i2pd's text log (i2pd.log), not a core dump, database or image"]);
});

test('a UTF-16 file with a byte-order mark is decoded', async (t) => {
  const text = seed.toString('utf8');
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const r = await inBrowserReader([{ name: 'i2pd.log', bytes }]);
  t.is(r.sources[0].parsed, 7);
  t.true(r.diagnoses.some((d) => d.rule === 'ssu2-socket-buffer-enobufs'));
});

test('pasted i2pd.conf text is recognised as a config', async (t) => {
  const r = await inBrowserReader([{ name: 'pasted log', bytes: new TextEncoder().encode('floodfill = true\nbandwidth = X\n[ssu2]\nenabled = true\n') }]);
  t.is(r.sources[0].kind, 'i2pd.conf');
});

const tmp = mkdtempSync(join(tmpdir(), 'web-archives-'));
const CONF = 'floodfill = true\n[ssu2]\nenabled = true\n';
const members: [string, string | Buffer][] = [
  ['logs/i2pd.log', seed],
  ['logs/i2pd.conf', CONF],
  ['netDb/rA/routerInfo-x.dat', Buffer.from([1, 2, 0, 3])],
  ['core', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0])],
];

for (const [kind, make] of [
  ['report.zip', () => zip(members)],
  ['report.tar', () => tarball(members)],
  ['report.tar.gz', () => tarball(members, true)],
] as const) {
  test(`${kind}: the page's reader finds what the CLI finds, member by member`, async (t) => {
    const bytes = await make();
    const path = join(tmp, kind);
    writeFileSync(path, bytes);
    const cli = await analyzeSources('case', [{ name: kind, path }], knowledge());
    const web = await inBrowserReader([{ name: kind, bytes }]);
    t.deepEqual(summary(web), summary(cli));
    t.deepEqual(
      web.sources.map((s) => `${s.name} ${s.kind}`),
      [`${kind} ${kind.includes('zip') ? 'zip' : 'tar'}`, `${kind}!logs/i2pd.log log`, `${kind}!logs/i2pd.conf i2pd.conf`],
    );
    t.regex(web.sources[0].warnings.join(), /2 members skipped: binary or data-directory files/);
    const d = web.diagnoses.find((x) => x.rule === 'ssu2-socket-buffer-enobufs');
    t.is(d?.status, 'confirmed', 'the config inside the archive answers the floodfill question');
    // The log's lines, then the config line that answered the question, each named by its member.
    t.deepEqual([...new Set(d?.evidence.map((e) => e.source))], [`${kind}!logs/i2pd.log`, `${kind}!logs/i2pd.conf`]);
  });
}

test('a zip bomb stops at the ratio limit with a message naming the member; the member before it is analysed', async (t) => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a'));
  const r = await inBrowserReader([{ name: 'bomb.zip', bytes: await zip([['i2pd.log', seed], ['huge.log.gz', bomb], ['after.log', seed]]) }]);
  const errs = r.sources.flatMap((s) => s.errors);
  t.is(errs.length, 1);
  t.regex(errs[0], /^bomb\.zip!huge\.log\.gz: stopped: .* \(over 200:1, a decompression bomb\?\)\. If the archive is genuine, analyse it with the i2pd-doctor command line and --max-ratio$/);
  t.true(r.diagnoses.some((d) => d.rule === 'ssu2-socket-buffer-enobufs'));
  t.false(r.sources.some((s) => s.name.endsWith('!after.log')), 'nothing is read after the limit');
});

test('a deflated member that expands too far stops the zip (no gzip layer)', async (t) => {
  const r = await inBrowserReader([{ name: 'bomb.zip', bytes: await zip([['huge.log', Buffer.alloc(64 * 1024 * 1024, 'a')]]) }]);
  t.regex(r.sources.flatMap((s) => s.errors).join('\n'), /^bomb\.zip!huge\.log: stopped: .*over 200:1/);
});

test('a tar.gz past the case\'s byte limit names the member being read', async (t) => {
  const bytes = await tarball([['a.log', seed], ['b.log', seed.toString().repeat(100)], ['c.log', seed]], true);
  const r = await inBrowserReader([{ name: 'big.tar.gz', bytes }], { ...DEFAULT_LIMITS, maxBytes: 64 * 1024 });
  const errs = r.sources.flatMap((s) => s.errors);
  t.is(errs.length, 1);
  t.regex(errs[0], /^big\.tar\.gz!b\.log: stopped after .* past the limit of 64\.0 KiB .*--max-bytes$/);
  t.false(r.sources.some((s) => s.name.endsWith('!c.log')));
});

test('archive entry count and nesting depth are limited as in the CLI', async (t) => {
  const many = Array.from({ length: 12 }, (_, i) => [`part${i}.log`, seed] as [string, Buffer]);
  for (const bytes of [await zip(many), await tarball(many)]) {
    const r = await inBrowserReader([{ name: 'many.arc', bytes }], { ...DEFAULT_LIMITS, maxEntries: 5 });
    t.is(r.sources.filter((s) => s.kind === 'log').length, 5);
    t.regex(r.sources.flatMap((s) => s.errors).join('\n'), /many\.arc: stopped after 5 archive entries .*--max-entries/);
  }
  let body: Buffer = seed;
  for (let i = 0; i < 6; i++) body = await zip([[`level${i}.zip`, body]]);
  const r = await inBrowserReader([{ name: 'deep.zip', bytes: body }]);
  t.regex(r.sources.flatMap((s) => s.errors).join('\n'), /archives nested more than 4 deep; unpack it first/);
});

test('a truncated zip is reported on the archive, not thrown', async (t) => {
  const z = await zip([['i2pd.log', seed.toString().repeat(50)]]);
  const r = await inBrowserReader([{ name: 'cut.zip', bytes: z.subarray(0, Math.floor(z.length / 2)) }]);
  t.deepEqual(r.sources[0].errors, ['cut.zip: not a readable zip archive (invalid zip data); it is corrupt or cut short: ask for it again, or for the log file itself']);
  t.true(r.sources[1].lines > 0, 'the lines before the damage still count');
});
