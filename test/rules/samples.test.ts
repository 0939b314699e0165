// The rule tests are data: every sample declares what must fire (and how sure), what must stay
// quiet, and whether it is a clean log. This runs every rule over every sample.
import test from 'ava';
import { PACKAGE_ROOT } from '../../src/node/content-loader.js';
import { analyzeCase } from '../../src/node/run-case.js';
import { findSamples } from '../../src/node/samples.js';
import { knowledge } from '../helpers/knowledge.js';

const samples = findSamples(PACKAGE_ROOT);

test('the bundled content loads without problems', (t) => {
  t.deepEqual(knowledge().problems, []);
});

test('there are samples, and each names at least one expectation', (t) => {
  t.true(samples.length > 0);
  for (const s of samples) {
    const has = Object.keys(s.expect.fire ?? {}).length + (s.expect.quiet?.length ?? 0) + (s.expect.clean ? 1 : 0);
    t.true(has > 0, `${s.expectFile} declares nothing to check`);
    t.true(s.files.length > 0, `${s.expectFile} has no sample file beside it`);
  }
});

test('every rule has a sample that fires it and one that must stay quiet', (t) => {
  for (const r of knowledge().rules) {
    t.true(samples.some((s) => s.expect.fire?.[r.id] !== undefined), `rule ${r.id} has no firing sample`);
    t.true(samples.some((s) => s.expect.quiet?.includes(r.id)), `rule ${r.id} has no quiet sample`);
  }
});

for (const s of samples) {
  test(`sample ${s.name}`, async (t) => {
    const k = knowledge();
    const refs = s.files.map((f) => ({ name: f.slice(PACKAGE_ROOT.length + 1), path: f }));
    const result = await analyzeCase(s.name, refs, k);
    const got = new Map(result.diagnoses.map((d) => [d.rule, d]));
    const summary = result.diagnoses.map((d) => `${d.rule}=${d.status}`).join(', ') || 'nothing';
    for (const [rule, status] of Object.entries(s.expect.fire ?? {})) {
      t.true(k.runner.byId.has(rule), `${s.expectFile}: expects unknown rule ${rule}`);
      const d = got.get(rule);
      t.truthy(d, `${s.expectFile}: expected ${rule} to fire (${status}); fired: ${summary}`);
      if (d && status !== 'any') t.is(d.status, status, `${s.expectFile}: ${rule} status; fired: ${summary}`);
    }
    for (const rule of s.expect.quiet ?? []) {
      t.true(k.runner.byId.has(rule), `${s.expectFile}: names unknown rule ${rule} as quiet`);
      t.false(got.has(rule), `${s.expectFile}: ${rule} must stay quiet but fired as ${got.get(rule)?.status}`);
    }
    if (s.expect.clean) {
      const loud = result.diagnoses.filter((d) => d.severity !== 'info');
      t.deepEqual(loud.map((d) => d.rule), [], `${s.expectFile}: a clean log must produce no warning or error`);
    }
    if (s.expect.order) {
      const order = result.diagnoses.map((d) => d.rule).filter((r) => s.expect.order!.includes(r));
      t.deepEqual(order, s.expect.order, `${s.expectFile}: findings out of order`);
    }
    for (const src of result.sources) t.deepEqual(src.errors, [], `${s.expectFile}: ${src.name} could not be read`);
  });
}
