// The page's case as its analyser makes it (src/web/page-case.ts): the report the page made on
// its own thread before there was a worker, and a cancel that stops the reading, not just the
// showing. Node has the browser's Blob and streams, so this runs here.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { Redactor } from '../../src/redact/redactor.js';
import { caseReport } from '../../src/report/report-model.js';
import { pageCaseReport } from '../../src/web/page-case.js';
import { pageBudget, readBlob } from '../../src/web/read-blob.js';
import { knowledge } from '../helpers/knowledge.js';

const SEED = readFileSync(join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log'), 'utf8');
const CONF = new File(['floodfill = true\n'], 'i2pd.conf', { type: 'text/plain' });

for (const redact of [false, true]) {
  test(`the report${redact ? ' of the redacted copy' : ''} is the one the page made on its own thread: pasted text first, then the files, one budget`, async (t) => {
    const input = { name: 'pasted log i2pd.conf', text: SEED, files: [CONF] };
    const c = new CaseAnalysis(input.name, knowledge(), redact ? new Redactor() : undefined);
    const budget = pageBudget();
    await readBlob(c, 'pasted log', new Blob([SEED], { type: 'text/plain' }), budget);
    await readBlob(c, CONF.name, CONF, budget);
    const before = caseReport(await c.finish());
    t.deepEqual(await pageCaseReport(input, knowledge(), { redactor: redact ? new Redactor() : undefined }), before);
  });
}

test('progress counts the bytes of all the sources against their total', async (t) => {
  const seen: [number, number][] = [];
  await pageCaseReport({ name: 'x', text: SEED, files: [CONF] }, knowledge(), { onBytes: (read, total) => seen.push([read, total]) });
  const total = Buffer.byteLength(SEED) + CONF.size;
  t.true(seen.every(([, n]) => n === total));
  t.deepEqual(seen.at(-1), [total, total]);
});

test('a cancelled case stops reading at the next chunk and gives no report', async (t) => {
  // Made of parts, so that Node's Blob gives it in many chunks, as a browser's does.
  const big = new File(Array.from({ length: Math.ceil(8e6 / SEED.length) }, () => SEED), 'big.log', { type: 'text/plain' });
  const ctl = new AbortController();
  let last = 0;
  const report = await pageCaseReport({ name: 'big', text: '', files: [big, CONF] }, knowledge(), {
    signal: ctl.signal,
    onBytes: (read) => {
      last = read;
      ctl.abort();
    },
  });
  t.is(report, undefined);
  t.true(last < big.size / 4, `read ${last} of ${big.size} bytes after the cancel`);
});
