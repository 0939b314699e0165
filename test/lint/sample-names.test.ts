// Rule → article → samples is one step: every bundled rule names an article that exists under
// that id, and has a firing sample named after it in its area's folder (or samples/shared.json
// says which other rule's sample fires it, and why). `rules lint` reports the same findings.
import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleNameFindings, sampleSlot, ruleArea, type SharedSamples } from '../../src/lint/sample-names.js';
import type { Rule } from '../../src/rules/rule.js';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { findSamples } from '../../src/node/content/samples.js';
import { knowledge } from '../helpers/knowledge.js';

const bundledSamples = () => findSamples(PACKAGE_ROOT).map((s) => ({ expectFile: s.expectFile, fire: Object.keys(s.expect.fire ?? {}), quiet: s.expect.quiet ?? [] }));
const bundledShared = (): SharedSamples[] => [{ file: 'samples/shared.json', entries: JSON.parse(readFileSync(join(PACKAGE_ROOT, 'samples/shared.json'), 'utf8')) }];

test('every bundled rule: its article is kb/<article>.md, and a firing sample in samples/<area>/ is named after it', (t) => {
  const k = knowledge();
  for (const r of k.rules) {
    t.true(existsSync(join(PACKAGE_ROOT, 'kb', `${r.article}.md`)), `${r.id}: kb/${r.article}.md`);
    t.truthy(k.articles.get(r.article), `${r.id}: article ${r.article} loaded`);
  }
  t.deepEqual(sampleNameFindings(k.rules, bundledSamples(), bundledShared()), []);
});

test('samples/shared.json stays small: each entry a rule whose sample is another rule\'s, with the reason', (t) => {
  const entries = Object.entries(bundledShared()[0].entries).filter(([id]) => id !== '$comment');
  t.true(entries.length <= 10, `${entries.length} entries`);
  for (const [id, e] of entries) {
    t.regex(String(e.reason), /\w{4,}/, id);
    t.false(String(e.sample).split('/').pop()!.startsWith(id), `${id}: a sample named after the rule needs no entry`);
  }
});

test('where a sample sits: its area folder and name, from the expectation file', (t) => {
  t.deepEqual(sampleSlot('samples/sockets/ssu2-no-port.expect.json'), { area: 'sockets', name: 'ssu2-no-port' });
  t.deepEqual(sampleSlot('samples/config/ntcpproxy-deprecated-only/expect.json'), { area: 'config', name: 'ntcpproxy-deprecated-only' });
  t.deepEqual(sampleSlot('samples/x.expect.json'), { area: '', name: 'x' });
  t.is(sampleSlot('notes/x.expect.json'), undefined);
  t.is(ruleArea('rules/sockets/ssu2-no-port.json'), 'sockets');
  t.is(ruleArea('../my-rules/rules/demo/boom.json'), 'demo');
  t.is(ruleArea('rules/boom.json'), '');
});

const rule = (id: string, area: string) => ({ id, file: `../pack/rules/${area}/${id}.json` }) as Rule;
const sample = (path: string, fire: string[], quiet: string[] = []) => ({ expectFile: path, fire, quiet });

test('a rule whose firing samples are all named otherwise, or filed in another area, is an error that names them', (t) => {
  const rules = [rule('demo-boom', 'demo'), rule('demo-bang', 'demo'), rule('demo-pop', 'demo')];
  const samples = [
    sample('samples/demo/demo-boom-freebsd.expect.json', ['demo-boom']),
    sample('samples/demo/other-name.expect.json', ['demo-bang']),
    sample('samples/elsewhere/demo-bang.expect.json', ['demo-bang']),
    sample('samples/demo/demo-bang-quiet.expect.json', [], ['demo-bang']),
    // demo-pop's prefix is not enough: demo-popular is another name.
    sample('samples/demo/demo-popular.expect.json', ['demo-pop']),
  ];
  const f = sampleNameFindings(rules, samples, []);
  t.deepEqual(f.map((x) => x.file), ['../pack/rules/demo/demo-bang.json', '../pack/rules/demo/demo-pop.json']);
  t.regex(f[0].message, /^no firing sample in samples\/demo\/ is named after the rule \(demo-bang\.log, demo-bang-<variant>\.log or a folder demo-bang\[-<variant>\]\/\); it fires in samples\/demo\/other-name\.expect\.json, samples\/elsewhere\/demo-bang\.expect\.json/);
  t.true(f.every((x) => x.level === 'error'));
});

test('samples/shared.json excuses a rule only with the sample that fires it and a reason, and only while it has none of its own', (t) => {
  const rules = [rule('demo-boom', 'demo'), rule('demo-noise', 'demo'), rule('demo-hum', 'demo'), rule('demo-own', 'demo')];
  const samples = [
    sample('samples/demo/demo-boom-busy.expect.json', ['demo-boom', 'demo-noise', 'demo-hum']),
    sample('samples/demo/demo-own.expect.json', ['demo-own']),
  ];
  const shared = [{
    file: 'samples/shared.json',
    entries: {
      $comment: 'why this file exists',
      'demo-noise': { sample: 'demo/demo-boom-busy', reason: 'only ever seen beside a boom' },
      'demo-hum': { sample: 'demo/nowhere', reason: 'a typo in the sample' },
      'demo-own': { sample: 'demo/demo-boom-busy', reason: 'stale' },
      'demo-gone': { sample: 'demo/demo-boom-busy', reason: 'rule removed' },
      'demo-bare': { sample: 'demo/demo-boom-busy' },
    },
  }];
  const f = sampleNameFindings(rules, samples, shared).map((x) => `${x.file}: ${x.message}`);
  t.deepEqual(f, [
    'samples/shared.json: $["demo-bare"]: give "sample" (<area>/<name> of the sample that fires the rule) and "reason" (why the rule has no sample of its own)',
    'samples/shared.json: $["demo-gone"]: no rule "demo-gone"; remove the entry',
    'samples/shared.json: $["demo-hum"].sample: "demo/nowhere" is no sample that fires "demo-hum"; name the one that does (<area>/<name>)',
    'samples/shared.json: $["demo-own"]: the rule has a sample of its own now; remove the entry',
  ]);
});
