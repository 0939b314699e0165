// `rules lint` as CI and a contributor run it: the bundled content is clean, and each kind of
// broken contribution is named with its file and JSON path.
import test from 'ava';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { cli } from '../helpers/cli.js';

test('the bundled rules, signatures, articles and samples pass lint', (t) => {
  // A cold ReDoS check of every pattern takes about a minute on 2 cores; later runs use the cache.
  const r = cli(['rules', 'lint'], undefined, {}, 180_000);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /^0 errors, \d+ warnings? in \.$/m);
  t.regex(r.stdout, /signature cost, ms per million lines: median \d+/);
});

function write(root: string, file: string, text: string): void {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
}

const article = (id: string) => `---\nid: ${id}\ntitle: T\napplies-to: [all]\n---\n\n## Symptoms\ns\n## Cause\nc\n## Fix\nf\n## Verify\nv\n## References\n- libi2pd/SSU2.cpp\n`;
const rule = (id: string, fact: string) => JSON.stringify({
  id, title: 'T', severity: 'warning', status: 'experimental', article: id, tags: [], references: ['libi2pd/SSU2.cpp'],
  conditions: { all: [{ fact, path: '$.count', operator: 'greaterThan', value: 0 }] },
});

test('lint names the file and path of each kind of broken contribution', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'));
  const rel = (f: string) => relative(PACKAGE_ROOT, join(root, f));
  write(root, 'rules/signatures/demo.json', JSON.stringify({
    module: 'Demo',
    signatures: [
      { id: 'demo.slow', literal: 'slow thing', pattern: '^slow thing (\\w+\\s?)*$', source: 'libi2pd/Demo.cpp', meaning: 'm' },
      { id: 'demo.ok', literal: 'ok thing', source: 'libi2pd/Demo.cpp', meaning: 'm' },
    ],
  }));
  write(root, 'rules/demo/broken-json.json', '{ "id": "broken-json", ');
  write(root, 'rules/demo/no-article.json', rule('no-article', 'demo.ok'));
  write(root, 'rules/demo/unknown-signature.json', rule('unknown-signature', 'demo.nope'));
  write(root, 'kb/unknown-signature.md', article('unknown-signature'));
  write(root, 'samples/demo/fires.log', '2024-01-01 00:00:00@1/info - Demo: ok thing\n');
  write(root, 'samples/demo/fires.expect.json', JSON.stringify({ fire: { 'no-article': 'confirmed', 'unknown-signature': 'any' } }));
  write(root, 'samples/shared.json', '{ "no-article": ');
  const r = cli(['rules', 'lint', '--rules', root]);
  t.is(r.code, 1, r.stdout + r.stderr);
  const out = r.stdout;
  t.regex(out, new RegExp(`${rel('rules/demo/broken-json.json')}\\n  error +not valid JSON`));
  t.true(out.includes(`${rel('rules/demo/no-article.json')}\n`) && out.includes('$.article: no article "no-article" in kb/; create kb/no-article.md'), out);
  t.true(out.includes('no quiet sample: add a similar-looking log whose .expect.json lists "no-article" in "quiet"'), out);
  t.true(out.includes('$.conditions: fact "demo.nope" is neither a signature id'), out);
  t.true(out.includes(`${rel('rules/signatures/demo.json')}\n`) && /\$\.signatures\[0\]\.pattern: .*(nested quantifier|repetition)/.test(out), out);
  t.regex(out, /unknown-signature: expected fires \(any\), got quiet/);
  t.true(out.includes(`${rel('rules/demo/no-article.json')}\n`) && out.includes('no firing sample in samples/demo/ is named after the rule (no-article.log, no-article-<variant>.log'), out);
  t.true(out.includes(`${rel('samples/shared.json')}\n  error   not valid JSON`), out);
});

test('lint checks the message catalogue: a reason or an existing signature, no template twice', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'));
  const rel = (f: string) => relative(PACKAGE_ROOT, join(root, f));
  write(root, 'rules/catalogue/demo.json', JSON.stringify({
    messages: [
      { template: 'Demo: No reason {}' },
      { template: 'Demo: Named {}', signature: 'demo.nope' },
      { template: 'Demo: Twice {}', skip: 'per-peer protocol noise: one peer, dropped' },
      { template: 'Demo: Twice {}', skip: 'per-peer protocol noise: one peer, dropped' },
    ],
  }));
  const r = cli(['rules', 'lint', '--rules', root]);
  t.is(r.code, 1, r.stdout + r.stderr);
  const out = r.stdout;
  t.true(out.includes(`${rel('rules/catalogue/demo.json')}\n`), out);
  t.regex(out, /error +\$\.messages\[0\]: must match a schema in anyOf — give exactly one of "skip" \(not worth a signature, and why\)/);
  t.regex(out, /error +\$\.messages\[1\]\.signature: no signature "demo\.nope"; define it in rules\/signatures\/, or give "skip" or "todo" with a reason/);
  t.regex(out, /error +\$\.messages\[3\]\.template: "Demo: Twice \{\}" is listed already/);
});
