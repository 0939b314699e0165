// A finding's evidence is the lines whose facts made it hold, condition by condition — not every
// line of every signature the rule names.
import test from 'ava';
import { cli } from '../helpers/cli.js';

const LOG = [
  '08:00:00@100/none - i2pd v2.55.0 (0.9.65) starting...',
  '08:00:01@100/error - NTCP2: Failed to bind to v4 port 443bind: Permission denied',
  '08:00:01@100/warn - SSU2: Failed to bind to 0.0.0.0:24567: bind: Address already in use',
].join('\n') + '\n';

interface Finding { rule: string; evidence: Array<{ line: number; text: string }> }

test('two binds that failed for two reasons: each finding shows its own line only, in every output', (t) => {
  const r = cli(['analyze', '-', '--format', 'json'], LOG);
  const found = new Map((JSON.parse(r.stdout) as { cases: Array<{ diagnoses: Finding[] }> }).cases[0].diagnoses.map((d) => [d.rule, d.evidence.map((e) => e.line)]));
  t.deepEqual(found.get('privileged-port-denied'), [2], JSON.stringify([...found]));
  t.deepEqual(found.get('transport-port-in-use'), [3]);
  const text = cli(['analyze', '-', '--no-color'], LOG).stdout;
  const section = (rule: string) => text.slice(text.indexOf(`rule ${rule}`), text.indexOf('Fix:', text.indexOf(`rule ${rule}`)));
  t.regex(section('privileged-port-denied'), /Permission denied/);
  t.notRegex(section('privileged-port-denied'), /already in use/);
  t.notRegex(section('transport-port-in-use'), /Permission denied/);
  const md = cli(['analyze', '-', '--format', 'markdown', '--no-redact'], LOG).stdout;
  t.regex(md, /Permission denied/);
});

test('a config value that made a rule hold is evidence, with the line it was read from', (t) => {
  const paste = ['My config:', '```', 'floodfill = true', '[ssu2]', 'enabled = true', '```', '```', '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available', '```'].join('\n') + '\n';
  const r = cli(['analyze', '-', '--format', 'json'], paste);
  const d = (JSON.parse(r.stdout) as { cases: Array<{ diagnoses: Finding[] }> }).cases[0].diagnoses.find((x) => x.rule === 'ssu2-socket-buffer-enobufs');
  t.truthy(d, r.stdout.slice(0, 400));
  t.deepEqual(d!.evidence.map((e) => [e.line, e.text]), [[8, '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available'], [3, 'floodfill = true']]);
});
