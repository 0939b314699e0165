// Sources arrive in pieces of any size (a pipe gives a few bytes at a time): a gzip whose header,
// data and trailer are cut across pieces, and whose sniffed head is made of many of them, reads
// as the whole file does, in the CLI (stdin) and on the page alike.
import test from 'ava';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { readSource } from '../../src/node/read/sources.js';
import { readBlob } from '../../src/web/read-blob.js';
import { knowledge } from '../helpers/knowledge.js';

const LOG = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available\n'.repeat(5);
const seen = (c: CaseAnalysis) => JSON.stringify(c.sources.map((s) => [s.name, s.kind, s.lines, s.parsed, s.errors]));

for (const size of [1, 7, 10, 100]) {
  test(`a gzip from stdin in ${size}-byte pieces reads as one piece does`, async (t) => {
    const gz = gzipSync(Buffer.from(LOG));
    const pieces = [];
    for (let i = 0; i < gz.length; i += size) pieces.push(gz.subarray(i, i + size));
    const whole = new CaseAnalysis('x', knowledge());
    await readSource(whole, { name: 'stdin' }, Readable.from([gz]));
    const cut = new CaseAnalysis('x', knowledge());
    await readSource(cut, { name: 'stdin' }, Readable.from(pieces));
    t.is(seen(cut), seen(whole));
    t.is(cut.sources[0].lines, 5);
    const page = new CaseAnalysis('x', knowledge());
    await readBlob(page, 'stdin', new Blob(pieces.map((p) => new Uint8Array(p))));
    t.is(seen(page), seen(whole));
  });
}
