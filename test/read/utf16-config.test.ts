// The reading path decodes before it decides: a UTF-16LE i2pd.conf (Windows editors write it so,
// with or without a byte-order mark) named notes.txt is a config, not a log, and the CLI and the
// page read it the same way, on its own and as a member of an archive.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { analyzeSources } from '../../src/node/batch/run-case.js';
import { pageBudget, readBlob } from '../../src/web/read-blob.js';
import { zip } from '../helpers/archives.js';
import { knowledge } from '../helpers/knowledge.js';

const CONF = 'floodfill = true\nbandwidth = X\nipv6 = true\n[ssu2]\nenabled = true\n';
const utf16 = (bom: boolean) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(CONF, 'utf16le')]);

type Result = Awaited<ReturnType<CaseAnalysis['finish']>>;
const seen = (r: Result) => ({
  sources: r.sources.map((s) => `${s.name} ${s.kind} ${s.lines}/${s.parsed} ${s.errors.join(';')}`),
  floodfill: r.facts.config['floodfill'],
  diagnoses: r.diagnoses.map((d) => `${d.rule}=${d.status}`),
});

async function cli(name: string, bytes: Buffer): Promise<Result> {
  const path = join(mkdtempSync(join(tmpdir(), 'utf16-conf-')), name);
  writeFileSync(path, bytes);
  const r = await analyzeSources('case', [{ name, path }], knowledge());
  return r;
}

async function page(name: string, bytes: Buffer): Promise<Result> {
  const c = new CaseAnalysis('case', knowledge());
  await readBlob(c, name, new Blob([new Uint8Array(bytes)]), pageBudget());
  return c.finish();
}

for (const bom of [false, true]) {
  const label = bom ? 'with a BOM' : 'without a BOM';
  test(`a UTF-16LE i2pd.conf named notes.txt, ${label}, is read as i2pd.conf by the CLI and by the page alike`, async (t) => {
    const bytes = utf16(bom);
    const [c, p] = [await cli('notes.txt', bytes), await page('notes.txt', bytes)];
    t.deepEqual(seen(c), seen(p));
    t.is(c.sources[0].kind, 'i2pd.conf');
    t.is(c.sources[0].parsed, 4);
    t.is(seen(c).floodfill, true);
  });

  test(`a UTF-16LE i2pd.conf named notes.txt, ${label}, in a zip is read as i2pd.conf by the CLI and by the page alike`, async (t) => {
    const bytes = await zip([['notes.txt', utf16(bom)]]);
    const [c, p] = [await cli('report.zip', bytes), await page('report.zip', bytes)];
    t.deepEqual(seen(c), seen(p));
    t.is(c.sources.find((s) => s.name === 'report.zip!notes.txt')?.kind, 'i2pd.conf');
  });
}
