import test from 'ava';
import { suggest, draftPattern } from '../../src/analyze/suggest.js';
import fc from 'fast-check';
import { clusterTemplates, TEMPLATE_MASKS, templateOf, TemplateCollector } from '../../src/facts/templates.js';
import type { Diagnosis, Entry } from '../../src/model.js';
import { buildBatchReport } from '../../src/report/batch.js';
import { followUp } from '../../src/report/follow-up.js';
import type { CaseReport } from '../../src/report/report-model.js';
import { checkRule } from '../../src/rules/rule.js';
import { buildKnowledge } from '../../src/knowledge.js';
import { yamlFrontMatter } from '../../src/kb/yaml-front-matter.js';

test('templates mask addresses, ports, hashes, identities, numbers and paths', (t) => {
  t.is(templateOf("Can't connect to 192.0.2.4:12345 for GfQ8fz~xNI2ee3-pK2Yq0AEEzX6w0f4rJ9jyw8Cc7kA= after 5 attempts"), "Can't connect to <ip>:<port> for <base64> after <n> attempts");
  t.is(templateOf('Remote [2001:db8::1]:4567 and 2001:db8:0:0:1:0:0:2 rejected, code 12'), 'Remote <ip>:<port> and <ip> rejected, code <n>');
  t.is(templateOf('Failed to open /var/lib/i2pd/netDb/rA/routerInfo-a.dat: Permission denied'), 'Failed to open <path>: Permission denied');
  t.is(templateOf('LeaseSet for ukeu3k5oycgaauneqgtnvselmt4yemvoilkln7jpvamvfx7dnkdq.b32.i2p expired, tunnel 2384716231'), 'LeaseSet for <b32> expired, tunnel <n>');
  t.is(templateOf('session 0xdeadbeef hash 3f2a9c01d4e5'), 'session <hex> hash <hex>');
});

test('property: the tests that let a mask skip its replace never change a template', (t) => {
  // Each mask's pre-test must be implied by its pattern; the reference runs every replace.
  const every = (m: string) => TEMPLATE_MASKS.reduce((x, [re, mask]) => x.replace(re, mask), m).replace(/\s+/g, ' ').trim();
  const piece = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('192.0.2.4:12345', '10.0.0.1', '[2001:db8::1]:4567', '2001:db8:0:0:1:0:0:2', 'fe80::1', '::', '/var/lib/i2pd/netDb', 'C:\\i2pd\\x', 'a.b32.i2p', 'ukeu3k5oycgaauneqgtnvselmt4yemvoilkln7jpvamvfx7dnkdq.b32.i2p', 'stats.I2P', 'GfQ8fz~xNI2ee3-pK2Yq0AEEzX6w0f4rJ9jyw8Cc7kA=', '0xdeadbeef', '3f2a9c01d4e5', '-12.5', '42', 'tunnel'),
  );
  fc.assert(fc.property(fc.array(piece, { maxLength: 8 }), (ps) => {
    const m = ps.join(' ');
    return templateOf(m) === every(m);
  }), { numRuns: 3000 });
  t.pass();
});

function entry(message: string, source: string, line = 1): Entry {
  return { kind: 'log', source, line, level: 'warn', module: 'SSU2', message, text: `12:00:00@1/warn - SSU2: ${message}` };
}

test('the same message from two reports clusters into one template with two cases and an example', (t) => {
  const a = new TemplateCollector('case-a');
  a.add(entry('Session with 192.0.2.1:1000 was not established after 5 seconds', 'a.log', 3));
  a.add(entry('Session with 192.0.2.2:1001 was not established after 5 seconds', 'a.log', 9));
  const b = new TemplateCollector('case-b');
  b.add(entry('Session with 198.51.100.7:2000 was not established after 10 seconds', 'b.log'));
  b.add(entry('Something else 42', 'b.log'));
  const clusters = clusterTemplates([a.list(), b.list()]);
  t.is(clusters.length, 2);
  t.like(clusters[0], { template: 'Session with <ip>:<port> was not established after <n> seconds', cases: 2, count: 3, caseNames: ['case-a', 'case-b'] });
  t.like(clusters[0].example, { case: 'case-a', source: 'a.log', line: 3 });
  t.regex(clusters[0].id, /^[0-9a-f]{8}$/);
});

test('--suggest drafts a signature whose pattern matches the example and a rule the loader accepts', (t) => {
  const c = new TemplateCollector('x');
  c.add(entry('Session with 192.0.2.1:1000 was not established after 5 seconds', 'a.log'));
  const [u] = clusterTemplates([c.list()]);
  const s = suggest(u) as { signature: { module: string; signatures: { id: string; literal: string; pattern: string; levels: string[] }[] }; rule: unknown; signatureId: string };
  const sig = s.signature.signatures[0];
  t.is(s.signature.module, 'SSU2');
  t.deepEqual(sig.levels, ['warn']);
  t.is(sig.literal, 'was not established after');
  t.regex('Session with 192.0.2.1:1000 was not established after 5 seconds', new RegExp(sig.pattern, 'i'));
  t.deepEqual(checkRule(s.rule), []);
  const k = buildKnowledge({ signatures: [{ name: 'rules/signatures/ssu2.json', text: JSON.stringify(s.signature) }], rules: [{ name: 'rules/draft/r.json', text: JSON.stringify(s.rule) }], articles: [] }, yamlFrontMatter);
  t.deepEqual(k.problems, [], 'the loader takes both drafts as they are');
  t.is((s.rule as { conditions: { all: { fact: string }[] } }).conditions.all[0].fact, sig.id);
  t.is(draftPattern('a <n> b.'), '^a (?<n>-?\\d+(?:\\.\\d+)?) b\\.$');
});

function diag(rule: string, status: Diagnosis['status'], asks: string[] = []): Diagnosis {
  return {
    rule, title: `Title of ${rule}`, severity: 'error', status, article: rule, tags: [], references: [], evidence: [], explains: [], followsFrom: [],
    missing: asks.map((ask, i) => ({ fact: `config.x${i}`, reason: 'not-given', ask })),
  };
}

function caseOf(name: string, diagnoses: Diagnosis[], errors: string[] = []): CaseReport {
  return { name, diagnoses, sources: [{ name, kind: 'log', formats: [], formatCounts: {}, lines: 1, parsed: 1, unparsed: 0, oversized: 0, errors, warnings: [] }] } as unknown as CaseReport;
}

test('a follow-up names the findings and asks each missing thing once; confirmed-only cases need none', (t) => {
  const ask = 'Is floodfill enabled? Attach i2pd.conf, or run `grep floodfill /etc/i2pd/i2pd.conf`.';
  const md = followUp(caseOf('r1', [diag('a', 'likely', [ask]), diag('b', 'cannot-tell', [ask, 'Set loglevel = info and send the log again.'])]))!;
  t.regex(md, /- \*\*Title of a\*\* \(likely\)/);
  t.regex(md, /- \*\*Title of b\*\* \(possible, but the log cannot tell\)/);
  t.regex(md, /could you send these:\n\n1\. Is floodfill enabled\?.*\n2\. Set loglevel = info/);
  t.is(md.split('Is floodfill enabled').length, 2, 'asked once');
  t.is(followUp(caseOf('r2', [diag('a', 'confirmed')])), undefined);
  t.regex(followUp(caseOf('r3', [], ['r3: not a readable zip archive']))!, /could not be read: `r3: not a readable zip archive`/);
});

test('the batch summary takes each case\'s top finding; totals count cases per rule, most common first', (t) => {
  const r = buildBatchReport(
    [
      { report: caseOf('one', [diag('a', 'confirmed'), diag('b', 'likely')]), templates: [] },
      { report: caseOf('two', [diag('b', 'cannot-tell')]), templates: [] },
      { report: caseOf('three', [], ['three: corrupt']), templates: [] },
    ],
    '0.0.0',
  );
  t.deepEqual(r.summary.map((s) => [s.case, s.top?.rule, s.findings, s.errors]), [['one', 'a', 2, 0], ['two', 'b', 1, 0], ['three', undefined, 0, 1]]);
  t.deepEqual(r.totals.map((x) => [x.rule, x.cases, x.byStatus]), [['b', 2, { confirmed: 0, likely: 1, 'cannot-tell': 1 }], ['a', 1, { confirmed: 1, likely: 0, 'cannot-tell': 0 }]]);
  t.deepEqual(r.followUps.map((f) => f.case), ['one', 'two', 'three']);
});
