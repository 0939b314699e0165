import test from 'ava';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { buildKnowledge } from '../../src/knowledge.js';
import { resolvePath } from '../../src/rules/path.js';
import { unsafeReason } from '../../src/rules/safe-regex.js';
import { compareVersions } from '../../src/rules/version.js';
import { rank } from '../../src/rules/ranking.js';
import { yamlFrontMatter } from '../../src/kb/yaml-front-matter.js';

const sig = {
  name: 'rules/signatures/x.json',
  text: JSON.stringify({
    module: 'X',
    signatures: [
      { id: 'x.boom', levels: ['error'], literal: 'boom', pattern: '^Boom on (?<what>\\w+)', source: 'x.cpp', meaning: 'test' },
      { id: 'x.detail', levels: ['info'], literal: 'detail', source: 'x.cpp', meaning: 'test' },
    ],
  }),
};
const rule = (conditions: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'rules/t/r.json',
  text: JSON.stringify({ id: 'r', title: 'T', severity: 'error', status: 'stable', article: 'a', tags: [], references: ['x.cpp'], conditions, ...extra }),
});

async function run(conditions: unknown, lines: string[], conf?: string, extra: Record<string, unknown> = {}) {
  const k = buildKnowledge({ signatures: [sig], rules: [rule(conditions, extra)], articles: [] }, yamlFrontMatter);
  const c = new CaseAnalysis('t', k);
  const p = c.logSource('t.log');
  for (const l of lines) p.push(l);
  p.end();
  if (conf) c.addConfig('i2pd.conf', conf, 'i2pd.conf');
  return (await c.finish()).diagnoses;
}

const boom = { fact: 'x.boom', path: '$.count', operator: 'greaterThan', value: 0 };
const floodfill = { fact: 'config', path: '$.floodfill', operator: 'equal', value: true };
const detail = { fact: 'x.detail', path: '$.count', operator: 'greaterThan', value: 0 };

test('confirmed when every condition holds', async (t) => {
  const d = await run({ all: [boom, floodfill] }, ['10:00:00@1/error - X: Boom on disk'], 'floodfill = true\n');
  t.is(d[0]?.status, 'confirmed');
  // The log line and the config line that made the two conditions hold.
  t.deepEqual(d[0]?.evidence.map((e) => `${e.source}:${e.line} ${e.text}`), ['t.log:1 10:00:00@1/error - X: Boom on disk', 'i2pd.conf:1 floodfill = true']);
});

test('likely when config is not given, naming what would confirm it', async (t) => {
  const d = await run({ all: [boom, floodfill] }, ['10:00:00@1/error - X: Boom on disk']);
  t.is(d[0]?.status, 'likely');
  t.is(d[0]?.missing[0].fact, 'config.floodfill');
  t.regex(d[0]?.missing[0].ask ?? '', /floodfill/);
});

test('quiet when the attached config contradicts it (absent options take their defaults)', async (t) => {
  t.deepEqual(await run({ all: [boom, floodfill] }, ['10:00:00@1/error - X: Boom on disk'], 'floodfill = false\n'), []);
  t.deepEqual(await run({ all: [boom, floodfill] }, ['10:00:00@1/error - X: Boom on disk'], 'bandwidth = P\n'), []);
});

test('cannot tell when the log level hides a needed message', async (t) => {
  const d = await run({ all: [boom, detail] }, ['10:00:00@1/error - X: Boom on disk', '10:00:01@1/warn - X: something']);
  t.is(d[0]?.status, 'cannot-tell');
  t.is(d[0]?.missing[0].reason, 'log-level');
  t.regex(d[0]?.missing[0].ask ?? '', /loglevel = info/);
});

test('at info level an absent info message is known absent', async (t) => {
  t.deepEqual(await run({ all: [boom, detail] }, ['10:00:00@1/error - X: Boom on disk', '10:00:01@1/info - X: other']), []);
});

test('no evidence, no diagnosis: unknown facts alone never fire', async (t) => {
  t.deepEqual(await run({ all: [floodfill] }, ['10:00:00@1/error - X: other']), []);
});

test('captures are usable in conditions', async (t) => {
  const d = await run({ all: [{ fact: 'x.boom', path: '$.captures.what', operator: 'includesText', value: 'DISK' }] }, ['10:00:00@1/error - X: Boom on disk']);
  t.is(d[0]?.status, 'confirmed');
});

test('a broken rule is reported with file and JSON path, and skipped', (t) => {
  const k = buildKnowledge({ signatures: [sig], rules: [rule({ all: [{ fact: 'x.boom', path: 'count', operator: 'bigger', value: 1 }] }, { severity: 'huge' })], articles: [] }, yamlFrontMatter);
  t.is(k.rules.length, 0);
  t.true(k.problems.some((p) => p.startsWith('rules/t/r.json: $.severity')));
  t.true(k.problems.some((p) => p.includes('$.conditions.all[0].operator')));
  t.true(k.problems.some((p) => p.includes('$.conditions.all[0].path')));
});

test('path resolver: own properties only, dotted config keys, forbidden keys rejected', (t) => {
  t.is(resolvePath({ 'limits.openfiles': 8192 }, '$.limits.openfiles'), 8192);
  t.is(resolvePath({ a: { b: [5] } }, '$.a.b[0]'), 5);
  t.is(resolvePath({}, '$.toString'), undefined);
  t.throws(() => resolvePath({}, '$.__proto__.x'));
  t.throws(() => resolvePath({}, '$..*'));
});

test('catastrophic patterns are refused', (t) => {
  t.truthy(unsafeReason('(a+)+$'));
  t.truthy(unsafeReason('(\\w*\\s?)*x'));
  t.truthy(unsafeReason('(a)\\1'));
  t.is(unsafeReason('^Failed to open socket on (?<a>[0-9.:]+): (?<r>.+)$'), undefined);
});

test('versions compare, git describe included', (t) => {
  t.true(compareVersions('2.53.1', '2.58.0')! < 0);
  t.true(compareVersions('2.58.0-99-g59b50e7c', '2.58.0')! > 0);
  t.is(compareVersions('2.58.0', '2.58.0'), 0);
});

test('ranking: a cause precedes what it explains, and ranks with its most severe consequence', (t) => {
  const mk = (rule: string, severity: 'info' | 'error' | 'warning') => ({
    rule, title: rule, severity, status: 'confirmed' as const, missing: [], article: 'a', tags: [], references: [], evidence: [], explains: [], followsFrom: [],
  });
  const rules = new Map<string, never>([
    ['upnp', { explains: ['firewalled'] } as never],
  ]);
  const out = rank([mk('other-warning', 'warning'), mk('firewalled', 'error'), mk('upnp', 'info')], rules);
  t.deepEqual(out.map((d) => d.rule), ['upnp', 'firewalled', 'other-warning']);
  t.deepEqual(out[1].followsFrom, ['upnp']);
});

test('ranking: a finding two causes explain follows its nearest, in whatever order the findings came', (t) => {
  const mk = (rule: string) => ({
    rule, title: rule, severity: 'error' as const, status: 'confirmed' as const, missing: [], article: 'a', tags: [], references: [], evidence: [], explains: [] as string[], followsFrom: [] as string[],
  });
  // The data directory explains both the exception and the abort; the exception explains the abort.
  const rules = new Map<string, never>([
    ['dir', { explains: ['exception', 'abort'] } as never],
    ['exception', { explains: ['abort'] } as never],
  ]);
  const orders = [['abort', 'dir', 'exception'], ['dir', 'abort', 'exception'], ['exception', 'abort', 'dir'], ['dir', 'exception', 'abort']];
  for (const order of orders) {
    const out = rank(order.map(mk), rules);
    t.deepEqual(out.map((d) => d.rule), ['dir', 'exception', 'abort'], order.join());
    t.deepEqual(out.find((d) => d.rule === 'abort')!.followsFrom, ['exception', 'dir'], order.join());
  }
});
test('ranking: a finding with no line to show never ranks above one with evidence, whatever its severity', (t) => {
  const line = { source: 'x.log', line: 3, text: 'x' };
  const mk = (rule: string, severity: 'critical' | 'warning', evidence: Array<typeof line>) => ({
    rule, title: rule, severity, status: 'confirmed' as const, missing: [], article: 'a', tags: [], references: [], evidence, explains: [], followsFrom: [],
  });
  const out = rank([mk('version-only', 'critical', []), mk('seen', 'warning', [line])], new Map());
  t.deepEqual(out.map((d) => d.rule), ['seen', 'version-only']);
});

test('derived.uncleanRestarts counts starts that follow a run without an orderly stop, per source', async (t) => {
  const marks = {
    name: 'rules/signatures/m.json',
    text: JSON.stringify({
      module: '',
      signatures: [
        { id: 'm.start', literal: 'starting', pattern: '^i2pd v(?<version>[\\d.]+) starting', marks: 'run-start', source: 'x.cpp', meaning: 'test' },
        { id: 'm.stop', module: 'Daemon', literal: 'shutting down', marks: 'run-end', source: 'x.cpp', meaning: 'test' },
      ],
    }),
  };
  const unclean = { fact: 'derived', path: '$.uncleanRestarts', operator: 'greaterThanInclusive', value: 1 };
  const k = buildKnowledge({ signatures: [marks], rules: [rule({ all: [unclean] })], articles: [] }, yamlFrontMatter);
  const analyse = async (files: string[][]) => {
    const c = new CaseAnalysis('t', k);
    files.forEach((lines, i) => {
      const p = c.logSource(`t${i}.log`);
      for (const l of lines) p.push(l);
      p.end();
    });
    return (await c.finish()).diagnoses.map((d) => d.rule);
  };
  const start = '10:00:00@1/none - i2pd v2.58.0 starting...';
  const stop = '11:00:00@1/info - Daemon: Shutting down';
  t.deepEqual(await analyse([[start, stop, start]]), []);
  const later = '10:40:00@1/none - i2pd v2.58.0 starting...';
  t.deepEqual(await analyse([[start, '10:30:00@1/warn - X: something', later]]), ['r']);
  // the same banner at the same second, quoted again further down a report, is no second start
  t.deepEqual(await analyse([[start, '10:00:01@1/warn - X: something', 'The version line once more:', start]]), []);
  // in a plain log, with nothing but i2pd's lines, every banner is a start, as written
  t.deepEqual(await analyse([[start, '10:00:00@1/warn - X: something', start]]), ['r']);
  // one run per file (rotated logs) is not a restart
  t.deepEqual(await analyse([[start], [start]]), []);
});

test('a branch that failed is no evidence, and its unknown facts are not asked for', async (t) => {
  // boom holds, but only inside an `all` that fails; the other branch is unknown: nothing fires.
  const cond = { any: [{ all: [boom, { fact: 'x.boom', path: '$.count', operator: 'greaterThan', value: 5 }] }, floodfill] };
  t.deepEqual(await run(cond, ['10:00:00@1/error - X: Boom on disk']), []);
  // With evidence outside the failed branch, only the live unknown is asked.
  const d = await run({ all: [boom, { any: [{ all: [boom, { fact: 'config', path: '$.ipv6', operator: 'equal', value: true }, { fact: 'x.boom', path: '$.count', operator: 'greaterThan', value: 5 }] }, floodfill] }] }, ['10:00:00@1/error - X: Boom on disk']);
  t.is(d[0]?.status, 'likely');
  t.deepEqual(d[0]?.missing.map((m) => m.fact), ['config.floodfill']);
});

test('a version, a message absent or a context fact is no evidence: a finding not confirmed needs some', async (t) => {
  // floodfill = true is only the precondition (context); the message is hidden by the log level.
  const hidden = { all: [{ ...boom, fact: 'x.detail' }, floodfill] };
  t.deepEqual(await run(hidden, ['10:00:01@1/warn - X: something'], 'floodfill = true\n', { context: ['config'] }), []);
  // Without that, the config value is itself evidence (a misconfiguration), and the rule asks.
  t.is((await run(hidden, ['10:00:01@1/warn - X: something'], 'floodfill = true\n'))[0]?.status, 'cannot-tell');
  const absent = { fact: 'x.boom', path: '$.count', operator: 'lessThan', value: 1 };
  t.deepEqual(await run({ all: [absent, detail] }, ['10:00:01@1/warn - X: something']), [], 'holding by absence shows nothing');
  const version = { fact: 'env', path: '$.version', operator: 'versionAtLeast', value: '2.50.0' };
  t.deepEqual(await run({ all: [detail, version] }, ['10:00:00@1/none - i2pd v2.54.0 (0.9.64) starting', '10:00:01@1/warn - X: something']), []);
  // A rule over config alone (an invalid option value) still needs nothing else, and so does one
  // whose config branch decides it whatever the log says.
  t.is((await run({ all: [floodfill] }, [], 'floodfill = true\n'))[0]?.status, 'confirmed');
  t.is((await run({ any: [floodfill, detail] }, [], 'floodfill = true\n'))[0]?.status, 'confirmed');
});
