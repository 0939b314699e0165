// A *cannot tell* or *likely* finding appears only when something in the case makes its question
// relevant: a short paste about one problem gets no questions about unrelated ones.
import test from 'ava';
import { cli } from '../helpers/cli.js';

const rules = (stdout: string) => (JSON.parse(stdout) as { cases: Array<{ diagnoses: Array<{ rule: string; status: string }> }> }).cases[0].diagnoses.map((d) => `${d.rule} [${d.status}]`);

test('a one-line paste about open files gets the open-files finding and no clock question', (t) => {
  const r = cli(['analyze', '-', '--format', 'json'], '14:02:11@912/error - NTCP2: Accept error Too many open files\n');
  const found = rules(r.stdout);
  t.true(found.some((f) => f.startsWith('too-many-open-files')), found.join(', '));
  t.deepEqual(found.filter((f) => f.startsWith('clock-')), []);
});

test('a three-line AppArmor journal asks nothing about clocks, and its follow-up asks for no info-level log because of them', (t) => {
  const journal = [
    'Nov 25 14:03:07 host kernel: audit: type=1400 audit(1764075787.123:42): apparmor="DENIED" operation="mknod" profile="/usr/sbin/i2pd" name="/var/lib/i2pd/router.info" pid=812 comm="i2pd" requested_mask="c" denied_mask="c" fsuid=110 ouid=110',
    'Nov 25 14:03:07 host i2pd[812]: 14:03:07@812/error - RouterContext: Can\'t save to /var/lib/i2pd/router.info',
    'Nov 25 14:03:08 host systemd[1]: i2pd.service: Main process exited, code=exited, status=1/FAILURE',
  ].join('\n') + '\n';
  const r = cli(['analyze', '-', '--format', 'json'], journal);
  const found = rules(r.stdout);
  t.deepEqual(found.filter((f) => f.startsWith('clock-')), [], found.join(', '));
  t.notRegex(cli(['analyze', '-', '--format', 'markdown'], journal).stdout, /loglevel = info/);
});
