import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCases, type CasePer } from '../../../src/node/batch/cases.js';
import { tarball, zip } from '../../helpers/archives.js';

const LOG = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');

/** reports/ with a report folder, a zip, a tar.gz under a name that hides it, and loose files. */
async function reports(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'i2pd-doctor-cases-'));
  mkdirSync(join(d, 'issue-1/logs'), { recursive: true });
  writeFileSync(join(d, 'issue-1/logs/i2pd.log'), LOG);
  writeFileSync(join(d, 'issue-1/i2pd.conf'), 'floodfill = true\n');
  writeFileSync(join(d, 'issue-2.zip'), await zip([['i2pd.log', LOG]]));
  writeFileSync(join(d, 'issue-3.tgz'), await tarball([['i2pd.log', LOG]], true));
  writeFileSync(join(d, 'issue-4.txt'), LOG);
  writeFileSync(join(d, 'issue-5.log'), LOG);
  return d;
}

async function plan(args: string[], per: CasePer, configs: string[] = []) {
  const p = await planCases(args, configs.map((c) => ({ name: c, path: c, as: 'i2pd.conf' as const })), per);
  return p.cases.map((c) => [c.name, c.refs.map((r) => r.name)]);
}

test('auto: a folder of reports gives one case per subfolder, archive and loose file', async (t) => {
  const d = await reports();
  t.deepEqual(await plan([d], 'auto'), [
    [`${d}/issue-1`, [`${d}/issue-1/i2pd.conf`, `${d}/issue-1/logs/i2pd.log`]],
    [`${d}/issue-2.zip`, [`${d}/issue-2.zip`]],
    [`${d}/issue-3.tgz`, [`${d}/issue-3.tgz`]],
    [`${d}/issue-4.txt`, [`${d}/issue-4.txt`]],
    [`${d}/issue-5.log`, [`${d}/issue-5.log`]],
  ]);
});

test('auto: a folder of loose files, a file with --config, and several plain files stay one case', async (t) => {
  const d = await reports();
  t.deepEqual(await plan([`${d}/issue-1/logs`], 'auto'), [[`${d}/issue-1/logs`, [`${d}/issue-1/logs/i2pd.log`]]]);
  t.deepEqual(await plan([`${d}/issue-5.log`], 'auto', [`${d}/issue-1/i2pd.conf`]), [[`${d}/issue-5.log`, [`${d}/issue-5.log`, `${d}/issue-1/i2pd.conf`]]]);
  t.deepEqual(await plan([`${d}/issue-4.txt`, `${d}/issue-5.log`], 'auto'), [[`${d}/issue-4.txt ${d}/issue-5.log`, [`${d}/issue-4.txt`, `${d}/issue-5.log`]]]);
  t.deepEqual(await plan(['-'], 'auto'), [['stdin', ['stdin']]]);
});

test('auto: several archives named on the command line are one case each', async (t) => {
  const d = await reports();
  t.deepEqual((await plan([`${d}/issue-2.zip`, `${d}/issue-3.tgz`], 'auto')).map((c) => c[0]), [`${d}/issue-2.zip`, `${d}/issue-3.tgz`]);
});

test('--case-per file, dir and archive', async (t) => {
  const d = await reports();
  t.is((await plan([d], 'file')).length, 6);
  t.deepEqual((await plan([d], 'dir')).map((c) => c[0]), [d, `${d}/issue-1`]);
  t.deepEqual((await plan([d], 'dir'))[0][1], [`${d}/issue-2.zip`, `${d}/issue-3.tgz`, `${d}/issue-4.txt`, `${d}/issue-5.log`]);
  t.deepEqual(await plan([d], 'archive'), [
    [d, [`${d}/issue-4.txt`, `${d}/issue-5.log`]],
    [`${d}/issue-1`, [`${d}/issue-1/i2pd.conf`, `${d}/issue-1/logs/i2pd.log`]],
    [`${d}/issue-2.zip`, [`${d}/issue-2.zip`]],
    [`${d}/issue-3.tgz`, [`${d}/issue-3.tgz`]],
  ]);
});
