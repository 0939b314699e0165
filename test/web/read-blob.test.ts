// The page's reader must see every sample exactly as the CLI's file reader does: same sources,
// same diagnoses. Node has the same web streams as the browser, so this runs here.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { PACKAGE_ROOT } from '../../src/node/content-loader.js';
import { analyzeCase } from '../../src/node/run-case.js';
import { findSamples } from '../../src/node/samples.js';
import { caseReport } from '../../src/report/model.js';
import { LineSplitter, readBlob } from '../../src/web/read-blob.js';
import { knowledge } from '../helpers/knowledge.js';

const summary = (r: Awaited<ReturnType<CaseAnalysis['finish']>>) => ({
  diagnoses: r.diagnoses.map((d) => `${d.rule}=${d.status}:${d.evidence.map((e) => `${e.source}:${e.line}`).join(',')}`),
  sources: r.sources.map((s) => `${s.name} ${s.kind} ${s.lines}/${s.parsed} ${s.errors.join(';')}`),
});

async function inBrowserReader(files: { name: string; bytes: Uint8Array }[]) {
  const c = new CaseAnalysis('case', knowledge());
  for (const f of files) await readBlob(c, f.name, new Blob([f.bytes]));
  return c.finish();
}

for (const s of findSamples(PACKAGE_ROOT)) {
  test(`sample ${s.name}: the page's reader finds what the CLI finds`, async (t) => {
    const refs = s.files.map((f) => ({ name: f.slice(PACKAGE_ROOT.length + 1), path: f }));
    const cli = await analyzeCase('case', refs, knowledge());
    const web = await inBrowserReader(refs.map((r) => ({ name: r.name, bytes: readFileSync(r.path) })));
    t.deepEqual(summary(web), summary(cli));
  });
}

const seed = readFileSync(`${PACKAGE_ROOT}/samples/ssu2-buffers/freebsd-floodfill.log`);

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

test('lines split on LF and CRLF across chunk boundaries, with no trailing empty line', (t) => {
  const got: string[] = [];
  const s = new LineSplitter((l) => got.push(l));
  for (const chunk of ['a\r', '\nb', '\n\nc', 'd\r\n']) s.push(chunk);
  s.end();
  t.deepEqual(got, ['a', 'b', '', 'cd']);
});
