// The guard for speed work (issue 17): whatever the reading path — one thread or blocks on two,
// plain or gzip, in-thread or off-thread gunzip — a generated log of either bench profile gives
// the same bytes of report as one thread reading the plain file. (During issue 17 the reports were
// also compared with ones written by the code before that work; they were identical. Fixed
// expected reports are not kept: every new rule would change them.)
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateLog, type Profile } from '../../bench/generate.js';
import { cli } from '../helpers/cli.js';

/** How a log is read, by option and by the thresholds the reader takes from the environment. */
const WAYS: Array<{ name: string; gzip: boolean; args: string[]; env: Record<string, string> }> = [
  { name: 'plain, 1 thread', gzip: false, args: ['--jobs', '1'], env: {} },
  // Blocks of 256 KiB: a dozen parts, taken in turn by the two threads and merged.
  { name: 'plain, 2 threads', gzip: false, args: ['--jobs', '2'], env: { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: String(256 * 1024) } },
  { name: 'plain, default threads', gzip: false, args: [], env: { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: String(256 * 1024) } },
  { name: 'gzip, 1 thread', gzip: true, args: ['--jobs', '1'], env: {} },
  // Inflated on a worker thread (gunzip.ts), which a small file is not by default.
  { name: 'gzip, 2 threads', gzip: true, args: ['--jobs', '2'], env: { I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1' } },
];

for (const profile of ['router', 'wide'] as Profile[]) {
  test(`a ${profile} log gives the same report, byte for byte, read in every way`, async (t) => {
    // The same name in both folders, so the reports name the same source.
    const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-identity-'));
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'gzip'));
    await generateLog(join(dir, 'plain/i2pd.log'), 3_000_000, 17, 21 * 3600, { profile });
    writeFileSync(join(dir, 'gzip/i2pd.log'), gzipSync(readFileSync(join(dir, 'plain/i2pd.log'))));
    let json = '';
    for (const format of ['json', 'text']) {
      const base = cli(['analyze', 'i2pd.log', '-f', format, '--jobs', '1'], undefined, {}, 120_000, join(dir, 'plain'));
      t.is(base.code, 1, `plain, 1 thread, ${format}: the buried problems make exit status 1\n${base.stderr}`);
      if (format === 'json') json = base.stdout;
      for (const way of WAYS.slice(1)) {
        const r = cli(['analyze', 'i2pd.log', '-f', format, ...way.args], undefined, way.env, 120_000, join(dir, way.gzip ? 'gzip' : 'plain'));
        t.is(r.code, 1, `${way.name}, ${format}: the buried problems make exit status 1\n${r.stderr}`);
        t.is(r.stderr, '', `${way.name}, ${format}: nothing on stderr`);
        // t.is, not deepEqual: the bytes, so key order and number formatting count too.
        t.is(r.stdout, base.stdout, `${profile}, ${way.name}, ${format}`);
      }
    }
    // Not a vacuous match: the reports find the buried problems and count every line.
    const report = JSON.parse(json);
    t.true(report.cases[0].diagnoses.some((d: { rule: string }) => d.rule === 'too-many-open-files'));
    t.true(report.cases[0].sources[0].lines > 20_000);
  });
}
