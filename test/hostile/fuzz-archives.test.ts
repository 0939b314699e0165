// Property tests of the archive readers through the one reading path (sniff -> gunzip -> zip/tar
// -> lines): random bytes, and valid zip, tar, tar.gz and gzip buffers with bytes flipped, cut
// short or spliced, never make reading throw or hang, and every log line read is accounted for.
// Both readers: the CLI's (Node streams, yauzl, tar-stream) and the page's (web streams, fflate,
// modern-tar).
// CI runs a few hundred cases; `npm run fuzz` runs FUZZ_RUNS of them.
import test from 'ava';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { readSource } from '../../src/node/read/sources.js';
import { readBlob } from '../../src/web/read-blob.js';
import { tarball, zip } from '../helpers/archives.js';
import { knowledge } from '../helpers/knowledge.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const LOG = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available\n'.repeat(8);
const CONF = 'floodfill = true\n[ssu2]\nenabled = true\n';

/** Reads one buffer as stdin would be read; resolves with what each source counted. */
async function readCli(buf: Uint8Array): Promise<CaseAnalysis> {
  const c = new CaseAnalysis('fuzz', knowledge());
  await readSource(c, { name: 'stdin' }, Readable.from([Buffer.from(buf)]));
  return c;
}

/** Reads one buffer as a file dropped on the page. */
async function readPage(buf: Uint8Array): Promise<CaseAnalysis> {
  const c = new CaseAnalysis('fuzz', knowledge());
  await readBlob(c, 'dropped', new Blob([buf]));
  return c;
}

function accounted(c: CaseAnalysis): boolean {
  return c.sources.every((s) => s.parsed + s.unparsed + s.oversized === s.lines || s.kind !== 'log');
}

// One property run must never take this long; a hang fails the property instead of the suite.
const TIMEOUT = 5_000;

for (const [who, read] of [['CLI', readCli], ['page', readPage]] as const) {
  test(`${who}: random bytes, bare or behind a gzip/zip/tar magic, never throw or hang`, async (t) => {
    const ustar = (b: Uint8Array) => {
      const out = Buffer.alloc(Math.max(512, b.length));
      Buffer.from(b).copy(out);
      out.write('ustar', 257, 'latin1');
      return out;
    };
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }),
      fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), b])),
      fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), b])),
      fc.uint8Array({ maxLength: 4096 }).map(ustar),
    );
    await fc.assert(fc.asyncProperty(input, async (b) => accounted(await read(b))), { numRuns: RUNS, timeout: TIMEOUT });
    t.pass();
  });

  test(`${who}: valid zip, tar, tar.gz and gzip buffers, mutated, never throw or hang`, async (t) => {
    const bases = [
      await zip([['logs/i2pd.log', LOG], ['i2pd.conf', CONF]]),
      await tarball([['i2pd.log', LOG], ['i2pd.conf', CONF]]),
      await tarball([['i2pd.log', LOG], ['../evil.log', LOG]], true, [['link.log', '/etc/passwd']]),
      await zip([['inner.tgz', await tarball([['i2pd.log.gz', gzipSync(LOG)]], true)]]),
      gzipSync(LOG),
    ];
    for (const b of bases) t.true((await read(b)).sources.some((s) => s.kind === 'log' && s.parsed === 8), 'unmutated, each base is read in full');
    const mutation = fc.record({
      base: fc.integer({ min: 0, max: bases.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
      splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 64 }))),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let b = Buffer.from(bases[m.base]);
        for (const [at, v] of m.flips) b[at % b.length] = v;
        if (m.splice) {
          const at = m.splice[0] % (b.length + 1);
          b = Buffer.concat([b.subarray(0, at), m.splice[1], b.subarray(at)]);
        }
        if (m.cut !== null) b = b.subarray(0, m.cut % (b.length + 1));
        return accounted(await read(b));
      }),
      { numRuns: RUNS, timeout: TIMEOUT },
    );
    t.pass();
  });
}
