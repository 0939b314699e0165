// Redaction must not change what a log means: every bundled sample diagnoses the same redacted,
// and none of the addresses, identities or user names it replaced is left in the report.
import test from 'ava';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { analyzeSources } from '../../src/node/batch/run-case.js';
import { findSamples } from '../../src/node/content/samples.js';
import { Redactor } from '../../src/redact/redactor.js';
import { buildReport } from '../../src/report/report-model.js';
import { knowledge } from '../helpers/knowledge.js';

const samples = findSamples(PACKAGE_ROOT);
let replaced = 0;

for (const s of samples) {
  test(`redacted sample ${s.name} diagnoses the same`, async (t) => {
    const k = knowledge();
    const refs = s.files.map((f) => ({ name: f.slice(PACKAGE_ROOT.length + 1), path: f }));
    const plain = await analyzeSources(s.name, refs, k);
    const redactor = new Redactor();
    const red = await analyzeSources(s.name, refs, k, { redactor });
    const shape = (r: typeof plain) => r.diagnoses.map((d) => ({ rule: d.rule, status: d.status, severity: d.severity, missing: d.missing.map((m) => m.fact), evidence: d.evidence.map((e) => e.line) }));
    t.deepEqual(shape(red), shape(plain));
    const json = JSON.stringify(buildReport([red], 'test'));
    for (const { kind } of redactor.summary()) t.true(json.includes('"kind":"' + kind + '"'), `summary lists ${kind}`);
    for (const o of redactor.originals()) {
      if (/^\d+$/.test(o)) continue; // ports and tunnel ids: digits occur everywhere
      const needle = /^[\w.-]+$/.test(o) && !o.includes('.') && o.length < 40 ? `/${o}` : o;
      t.false(json.includes(needle), `${o} is still in the redacted report`);
      replaced++;
    }
  });
}

test.after('the samples exercised the redactor', () => {
  if (replaced === 0) throw new Error('no sample contained anything to redact');
});
