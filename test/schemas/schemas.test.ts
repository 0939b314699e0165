import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { SCHEMA_FILES, schemaText, VALIDATORS_FILE, validatorsText } from '../../scripts/write-schemas.js';
import { checkRule } from '../../src/rules/rule.js';
import { schemaErrors } from '../../src/schemas/validate.js';

const good = {
  id: 'demo-rule', title: 'Demo', severity: 'warning', status: 'stable', article: 'demo-rule', tags: [], references: ['libi2pd/SSU2.cpp'],
  conditions: { all: [{ fact: 'ssu2.socket-open-failed', path: '$.count', operator: 'greaterThan', value: 0 }] },
};

test('schemas/*.json are what src/schemas/definitions.ts says (run `npm run schemas` after changing it)', (t) => {
  for (const [name, file] of Object.entries(SCHEMA_FILES)) {
    t.is(readFileSync(join(PACKAGE_ROOT, 'schemas', file), 'utf8'), schemaText(name as keyof typeof SCHEMA_FILES), `schemas/${file} is stale`);
  }
});

test('the generated validators are what src/schemas/definitions.ts says (run `npm run schemas` after changing it)', (t) => {
  t.is(readFileSync(join(PACKAGE_ROOT, VALIDATORS_FILE), 'utf8'), validatorsText(), `${VALIDATORS_FILE} is stale`);
});

test('a valid rule has no problems', (t) => {
  t.deepEqual(checkRule(good), []);
});

test('rule errors name the JSON path and the fix', (t) => {
  const errs = checkRule({ ...good, severity: 'high', status: 'deprecated', conditions: { all: [{ fact: 'x', operator: 'eq', value: 1 }] } });
  t.true(errs.some((e) => e.startsWith('$.severity: "high" is not allowed') && e.includes('critical, error, warning, info')), errs.join('\n'));
  t.true(errs.some((e) => e.startsWith('$.replacedBy: required') && e.includes('replacement')), errs.join('\n'));
  t.true(errs.some((e) => e.startsWith('$.conditions.all[0].operator: "eq" is not allowed') && e.includes('greaterThan')), errs.join('\n'));
});

test('the top level of conditions must be a group, and patterns must be safe', (t) => {
  t.deepEqual(checkRule({ ...good, conditions: { fact: 'x', operator: 'equal', value: 1 } }), ['$.conditions: wrap the top level in "all", "any" or "not"']);
  const errs = checkRule({ ...good, conditions: { any: [{ fact: 'x', path: '$.captures.reason', operator: 'matchesPattern', value: '(a+)+$' }] } });
  t.is(errs.length, 1);
  t.regex(errs[0], /^\$\.conditions\.any\[0\]\.value: nested quantifier/);
});

test('signature errors name the signature and the field', (t) => {
  const errs = schemaErrors('signatures', { signatures: [{ id: 'ssu2.x', literal: 'failed to', source: 'libi2pd/SSU2.cpp', meaning: 'm', levels: ['fatal'], sets: { floodfill: true } }] });
  t.true(errs.some((e) => e.startsWith('$.signatures[0].levels[0]: "fatal" is not allowed')), errs.join('\n'));
  t.true(errs.some((e) => e.startsWith('$.signatures[0].sets["floodfill"]: bad key')), errs.join('\n'));
});
