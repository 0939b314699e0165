// The build's table of the bundled content (src/node/content/build-table.ts) says what a run
// would find itself, and is used only where the text it was found from is unchanged.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { yamlFrontMatter } from '../../src/kb/yaml-front-matter.js';
import { buildKnowledge, type BuildRecords, type ContentFile } from '../../src/knowledge.js';
import { buildTablePath, makeBuildTable, recordsOf, type BuildTable } from '../../src/node/content/build-table.js';
import { PACKAGE_ROOT, readPack } from '../../src/node/content/content-loader.js';

const bundled = readPack(PACKAGE_ROOT);
const none = { signatures: [], rules: [], articles: [], derived: [] };
const ruleText = (conditions: unknown) => JSON.stringify({ id: 'demo-rule', title: 'Demo', severity: 'warning', status: 'test', article: 'demo', tags: [], references: ['x.cpp'], conditions });

test('the table the build wrote is the one the bundled content gives now', async (t) => {
  const written = JSON.parse(readFileSync(buildTablePath(), 'utf8')) as BuildTable;
  const made = await makeBuildTable(bundled, yamlFrontMatter);
  t.deepEqual(written, made, 'dist/content-table.json is stale: run npm run build');
  t.true(made.checked.length >= bundled.signatures.length + bundled.rules.length, 'every bundled signature and rule file passes its checks');
  t.is(Object.keys(made.guards).length, bundled.rules.length);
});

test('with the table, the bundled content loads to the same knowledge, and every rule keeps the guards its probe finds', async (t) => {
  const records = recordsOf(await makeBuildTable(bundled, yamlFrontMatter));
  const plain = buildKnowledge(bundled, yamlFrontMatter);
  const fast = buildKnowledge(bundled, yamlFrontMatter, records);
  t.deepEqual(fast.problems, plain.problems);
  t.deepEqual(
    fast.signatures.map((s) => s.id),
    plain.signatures.map((s) => s.id),
  );
  t.deepEqual(fast.rules, plain.rules);
  for (const [rule, g] of await plain.runner.probedGuards()) t.deepEqual(records.guards(rule), g, rule.id);
});

test('a file the table does not hold as it is now is checked; a pack file is checked whatever the table says', (t) => {
  const broken: ContentFile = { name: 'rules/sockets/demo.json', text: ruleText({ all: [{ fact: 'ssu2.x', operator: 'noSuchOperator', value: 1 }] }) };
  const trustAll: BuildRecords = { checked: () => true, guards: () => undefined };
  // The records are used: a bundled file they vouch for is not checked again.
  t.deepEqual(buildKnowledge({ ...none, rules: [broken] }, yamlFrontMatter, trustAll).problems, []);
  // ...but never for a pack's file.
  const fromPack = buildKnowledge({ ...none, rules: [{ ...broken, pack: '/some/pack' }] }, yamlFrontMatter, trustAll);
  t.true(fromPack.problems.some((p) => p.startsWith('rules/sockets/demo.json: ')), fromPack.problems.join('\n'));
  // A bundled file edited after the build has another digest: the real table does not vouch for it.
  const table: BuildTable = { checked: [], guards: {} };
  const real = buildKnowledge({ ...none, rules: [broken] }, yamlFrontMatter, recordsOf(table));
  t.true(real.problems.length > 0);
});

test('a rule whose conditions changed after the build is probed again', async (t) => {
  const rule = { name: 'rules/sockets/demo.json', text: ruleText({ all: [{ fact: 'ssu2.x', path: '$.count', operator: 'greaterThan', value: 0 }] }) };
  const table = await makeBuildTable({ ...none, rules: [rule] }, yamlFrontMatter);
  t.deepEqual(Object.values(table.guards), [[['ssu2.x']]]);
  const changed = { ...rule, text: ruleText({ any: [{ fact: 'ssu2.y', path: '$.count', operator: 'greaterThan', value: 0 }, { fact: 'config', path: '$.x', operator: 'equal', value: 1 }] }) };
  const k = buildKnowledge({ ...none, rules: [changed] }, yamlFrontMatter, recordsOf(table));
  t.is(recordsOf(table).guards(k.rules[0]), undefined);
  t.deepEqual([...(await k.runner.probedGuards()).values()], [[]]);
});
