// A config with no log: only the rules the config can decide run, and the report says a log is
// needed for the rest (a floodfill config is no socket-buffer finding without the socket's error).
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const conf = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'conf-')), 'i2pd.conf');
  writeFileSync(f, text);
  return f;
};

test('a sound config alone: no finding, exit 0, and the log is asked for once', (t) => {
  const r = cli(['analyze', '--config', conf('floodfill = true\nbandwidth = X\n[ssu2]\nenabled = true\n')], '');
  t.is(r.code, 0, r.stdout);
  t.notRegex(r.stdout, /cannot tell|CRITICAL/);
  t.regex(r.stdout, /No problem found in the config\. The rest needs i2pd's log/);
  t.notRegex(r.stdout, /Case stdin|source stdin/);
});

test('a config alone with values the config decides: those findings, confirmed, with the config line', (t) => {
  const r = cli(['analyze', '--config', conf('loglevel = warning\nbandwidth = o\n'), '--format', 'json'], '');
  const d = (JSON.parse(r.stdout) as { cases: Array<{ diagnoses: Array<{ rule: string; status: string; evidence: Array<{ line: number }> }> }> }).cases[0].diagnoses;
  t.deepEqual(d.map((x) => [x.rule, x.status, x.evidence.map((e) => e.line)]).sort(), [['bandwidth-invalid', 'confirmed', [2]], ['loglevel-invalid', 'confirmed', [1]]]);
  t.is(r.code, 0, 'warnings stay under --fail-on error');
  t.is(cli(['analyze', '--config', conf('loglevel = warning\n'), '--fail-on', 'warning'], '').code, 1);
});
