// Every rule over every sample, from the samples' own expectation files (the same code as
// `i2pd-doctor rules test`).
import test from 'ava';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { formatFailure, runSample } from '../../src/node/content/rule-tests.js';
import { findSamples } from '../../src/node/content/samples.js';
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

for (const s of samples) {
  test(`sample ${s.name}`, async (t) => {
    const r = await runSample(s, knowledge(), PACKAGE_ROOT);
    t.deepEqual(r.failures, [], formatFailure(r));
  });
}
