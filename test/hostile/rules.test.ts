// Rules and signatures come from contributors: a bad one is refused with a message naming the file
// and JSON path, and nothing in one can hang the run or reach an object's prototype.
import test from 'ava';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { buildKnowledge, type ContentFile } from '../../src/knowledge.js';
import { Matcher } from '../../src/match/matcher.js';
import { compileSignature } from '../../src/match/signature.js';
import { resolvePath } from '../../src/rules/path.js';
import { unsafeReason } from '../../src/rules/safe-regex.js';
import { yamlFrontMatter } from '../../src/kb/yaml-front-matter.js';

const RULE = {
  id: 'demo', title: 'Demo', severity: 'error', status: 'stable', article: 'demo', tags: [], references: ['x.cpp'],
  conditions: { all: [{ fact: 'demo.sig', path: '$.count', operator: 'greaterThan', value: 0 }] },
};
const sigFile = (sigs: unknown[]): ContentFile => ({ name: 'rules/signatures/demo.json', text: JSON.stringify({ module: 'Demo', signatures: sigs }) });
const sig = (extra: Record<string, unknown> = {}) => ({ id: 'demo.sig', literal: 'boom', source: 'x.cpp', meaning: 'a demo', ...extra });
const build = (sigs: unknown[], rules: unknown[] = [RULE]) =>
  buildKnowledge({ signatures: [sigFile(sigs)], rules: rules.map((r, i) => ({ name: `rules/demo/r${i}.json`, text: typeof r === 'string' ? r : JSON.stringify(r) })), articles: [] }, yamlFrontMatter);

test('catastrophic patterns are refused by shape', (t) => {
  for (const p of ['(a+)+$', '(\\w*)*x', '(a|a)*b', '(a|ab)*c', '(a?b?)+c', '(.*a){3,}', '.*.*=', '\\d+\\d+x', '(x)\\1']) {
    t.truthy(unsafeReason(p), `${p} must be refused`);
  }
  for (const p of ['^Failed to open socket on (?<address>[0-9A-Fa-f.:]+): (?<reason>.+)$', '(?:y|ies)+', '(?: \\((?<api>[\\d.]+)\\))?', 'a+?b', '(?:foo|bar)*']) {
    t.is(unsafeReason(p), undefined, `${p} is fine`);
  }
});

test('a signature with a catastrophic pattern is skipped at load with its file and path', (t) => {
  const k = build([sig({ pattern: '^boom (a|a)*$' })]);
  t.deepEqual(k.signatures, []);
  t.regex(k.problems.join('\n'), /rules\/signatures\/demo\.json: \$\.signatures\[0\]\.pattern: repeated alternatives .*; signature demo\.sig skipped/);
});

test('a rule with a catastrophic matchesPattern is refused at load', (t) => {
  const bad = { ...RULE, conditions: { all: [{ fact: 'demo.sig', path: '$.captures.x', operator: 'matchesPattern', value: '(x+x+)+y' }] } };
  const k = build([sig()], [bad]);
  t.deepEqual(k.rules, []);
  t.regex(k.problems.join('\n'), /rules\/demo\/r0\.json: \$\.conditions\.all\[0\]\.value: nested quantifier/);
});

test('a pattern that slips through is switched off once it spends its time budget', (t) => {
  const s = compileSignature({ ...sig({ pattern: 'boom (?<n>\\d+)' }), literal: 'boom' } as never, { signatures: [] }, 'demo.json');
  s.module = 'Demo';
  let now = 0;
  // Every call of the clock moves it 600 ms on: each match "costs" 600 ms.
  const m = new Matcher([s], () => (now += 600), 1000);
  const out: never[] = [];
  const entry = (msg: string) => ({ kind: 'log' as const, source: 'x', line: 1, module: 'Demo', message: msg, text: msg });
  m.match(entry('boom 1'), out);
  t.is(out.length, 1);
  m.match(entry('boom 2'), out);
  t.is(out.length, 1, 'the second match goes over the budget but still counts');
  m.match(entry('boom 3'), out);
  t.is(out.length, 0, 'then the signature is off');
  t.deepEqual(m.disabled, [{ id: 'demo.sig', file: 'demo.json', ms: 1200 }]);
});

test('a pattern sees at most 8 KiB of a message', (t) => {
  const s = compileSignature({ ...sig({ pattern: 'boom x*(?<end>y)?$' }) } as never, { module: 'Demo', signatures: [] }, 'demo.json');
  const m = new Matcher([s]);
  const out: { captures?: Record<string, string> }[] = [];
  const msg = 'boom ' + 'x'.repeat(20_000) + 'y';
  m.match({ kind: 'log', source: 'x', line: 1, module: 'Demo', message: msg, text: msg }, out as never);
  t.is(out.length, 1);
  t.is(out[0].captures?.end, undefined, 'the tail past the cap is not seen');
});

test('__proto__, constructor and prototype in rule JSON cannot pollute', async (t) => {
  const polluting = [
    `{"__proto__": {"polluted": "rule"}, ${JSON.stringify(RULE).slice(1)}`,
    { ...RULE, id: 'demo-b', conditions: { all: [{ fact: 'demo.sig', path: '$.__proto__.polluted', operator: 'equal', value: 1 }] } },
    { ...RULE, id: 'demo-c', conditions: { all: [{ fact: 'demo.sig', path: "$['constructor']", operator: 'equal', value: 1 }] } },
    { ...RULE, id: 'demo-d', conditions: { all: [JSON.parse('{"__proto__": {"polluted": 1}, "fact": "x", "operator": "equal", "value": 1}')] } },
  ];
  const k = build([
    sig({ sets: { 'config.__proto__': { capture: 'x' }, 'derived.constructor': 1 }, pattern: 'boom (?<x>.+)' }),
    sig({ id: 'demo.sig2', pattern: 'boom (?<__proto__>.+)' }),
    sig({ id: 'demo.sig3' }),
  ], polluting);
  const problems = k.problems.join('\n');
  t.regex(problems, /\$\.signatures\[0\]\.sets: "sets" key "config\.__proto__" names a forbidden property/);
  t.regex(problems, /\$\.signatures\[1\]\.pattern: capture group name "__proto__" is forbidden/);
  t.regex(problems, /r1\.json: \$\.conditions\.all\[0\]\.path: path "\$\.__proto__\.polluted" uses the forbidden key "__proto__"/);
  t.regex(problems, /r2\.json: .*forbidden key "constructor"/);
  t.regex(problems, /r0\.json: \$\.__proto__: unknown field/);
  t.regex(problems, /r3\.json: \$\.conditions\.all\[0\]\.__proto__: unknown field/);
  t.deepEqual(k.rules, []);
  const c = new CaseAnalysis('x', k);
  const p = c.logSource('x');
  p.push('10:00:00@1/error - Demo: boom value');
  p.end();
  await c.finish();
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.is(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  t.is(resolvePath({ a: 1 }, '$.toString'), undefined, 'inherited properties are not facts');
});

test('even when applied, a sets path cannot reach a prototype', async (t) => {
  // Bypass the load check to prove the fact store itself is safe.
  const s = compileSignature(sig({ pattern: 'boom (?<x>.+)', sets: { 'config.__proto__': { capture: 'x' }, 'env.__proto__': 'y' } }) as never, { module: 'Demo', signatures: [] }, 'demo.json');
  const k = build([]);
  const c = new CaseAnalysis('x', { ...k, signatures: [s], matcher: new Matcher([s]) });
  const p = c.logSource('x');
  p.push('10:00:00@1/error - Demo: boom {"polluted":1}');
  p.end();
  const r = await c.finish();
  t.is(({} as Record<string, unknown>).polluted, undefined);
  t.is(Object.getPrototypeOf(r.facts.config), null);
});

test('oversized and deeply nested rule files are refused with a clear message', (t) => {
  const deep = { ...RULE, conditions: { all: [JSON.parse('{"all":['.repeat(40) + '{"fact":"x","operator":"equal","value":1}' + ']}'.repeat(40))] } };
  const huge = JSON.stringify({ ...RULE, title: 'x'.repeat(1_100_000) });
  const nestedArrays = '['.repeat(200_000) + ']'.repeat(200_000);
  const k = build([sig()], [deep, huge, nestedArrays]);
  const problems = k.problems.join('\n');
  t.regex(problems, /r0\.json: \$\.conditions\.all\[0\](\.all\[0\])+: nested deeper than 12 levels; flatten the conditions/);
  t.regex(problems, /r1\.json: larger than 1 MiB; split it/);
  t.regex(problems, /r2\.json: \$: must be object/);
  t.deepEqual(k.rules, []);
});
