// The bin (dist/cli/main.js) runs an esbuild bundle (scripts/bundle-cli.ts) whose worker threads run
// tsc's files in dist/node/: run from another folder, it still finds its package (its content, its
// front matter table) and starts each kind of worker, with the same report as one thread reading
// in-process.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../../src/node/package-root.js';
import { cli } from '../helpers/cli.js';

const SAMPLE = join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log');
const RULE = 'ssu2-socket-buffer-enobufs';

test('the package root is the folder of package.json named i2pd-doctor', (t) => {
  t.is((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }).name, 'i2pd-doctor');
  const bin = readFileSync(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'), 'utf8');
  t.regex(bin, /bundle\.cjs/, 'the bin is the launcher of the bundle');
  t.notRegex(bin, /from "\.\/analyze\.js"/, "not tsc's module, which imports the next");
  const bundle = readFileSync(join(PACKAGE_ROOT, 'dist', 'cli', 'bundle.cjs'), 'utf8');
  t.notRegex(bundle, /^import /m, 'one CommonJS file');
  t.notRegex(bundle, /require\("\.\/analyze\.js"\)/, "tsc's modules are not loaded beside it");
});

test('from another folder, the bin reads a case on the gunzip thread, on two threads and in lanes, as it does in-process', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-bundle-'));
  const log = readFileSync(SAMPLE);
  writeFileSync(join(dir, 'i2pd.log.gz'), gzipSync(log));
  const diagnoses = (stdout: string) => (JSON.parse(stdout) as { cases: { diagnoses: { rule: string; status: string }[] }[] }).cases.map((c) => c.diagnoses.map((d) => `${d.rule} ${d.status}`));
  const inProcess = cli(['analyze', '--jobs', '1', '-f', 'json', SAMPLE], undefined, {}, 60_000, dir);
  t.is(inProcess.code, 1, inProcess.stderr);
  t.true(diagnoses(inProcess.stdout)[0].some((d) => d.startsWith(`${RULE} `)), inProcess.stdout.slice(0, 300));
  const runs = {
    gunzipThread: cli(['analyze', '--jobs', '1', '-f', 'json', 'i2pd.log.gz'], undefined, { I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES: '1' }, 60_000, dir),
    twoThreads: cli(['analyze', '--jobs', '2', '-f', 'json', SAMPLE], undefined, { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_PARALLEL_BLOCK_BYTES: '256' }, 60_000, dir),
    lanes: cli(['analyze', '--jobs', '2', '--case-per', 'file', '-f', 'json', SAMPLE, 'i2pd.log.gz', SAMPLE], undefined, {}, 60_000, dir),
  };
  for (const [how, r] of Object.entries(runs)) {
    t.is(r.code, 1, `${how}: ${r.stderr}`);
    t.notRegex(r.stderr, /error|cannot find|ENOENT/i, how);
    for (const c of diagnoses(r.stdout)) t.deepEqual(c, diagnoses(inProcess.stdout)[0], how);
  }
  t.is(diagnoses(runs.lanes.stdout).length, 3);
});
