import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedMatched, templatesOf } from '../../src/lint/source-drift.js';
import { cli } from '../helpers/cli.js';

test('LogPrint calls become templates: literals kept, arguments {}', (t) => {
  const src = 'void f() {\n  LogPrint (eLogError, "SSU2: Send exception: ", ec.message (), " to ", ep);\n}\n';
  t.deepEqual(templatesOf(src, 'a.cpp'), [{ text: 'SSU2: Send exception: {} to {}', where: 'a.cpp:2' }]);
});

test('a literal may run across an argument when enough of it is fixed text', (t) => {
  t.true(fixedMatched('send exception: no buffer space available to ', 'ssu2: send exception: {} to {}') >= 8);
  t.is(fixedMatched('clock adjusted', 'ssu2: send exception: {} to {}') < 8, true);
});

test('rules check-source reports signatures whose message is gone, with the closest template', (t) => {
  const tree = mkdtempSync(join(tmpdir(), 'i2pd-src-'));
  mkdirSync(join(tree, 'libi2pd'));
  writeFileSync(join(tree, 'libi2pd', 'Transports.cpp'), 'void g() {\n  LogPrint (eLogError, "Transports: Backwards clock jump found, got ", d, " instead of ", i);\n}\n');
  const r = cli(['rules', 'check-source', tree]);
  t.is(r.code, 1);
  t.regex(r.stdout, /transports\.backward-clock-jump: "[^"]+" is in no LogPrint call\n  closest: "Transports: Backwards clock jump found, got \{\} instead of \{\}" \(libi2pd\/Transports\.cpp:2\)/);
  t.regex(r.stdout, /not found among 1 LogPrint templates in 1 files/);
  const missing = cli(['rules', 'check-source', join(tree, 'nope')]);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no such folder/);
});
