// The rule tests are data: each sample declares what must fire (and how sure), what must stay
// quiet, and whether it is a clean log. Used by `rules test`, `rules lint` and the test suite.
import { relative } from 'node:path';
import type { Knowledge } from '../../knowledge.js';
import { analyzeSources } from '../batch/run-case.js';
import type { Sample } from './samples.js';

export interface SampleFailure {
  rule?: string;
  expected: string;
  actual: string;
}

export interface SampleResult {
  sample: Sample;
  failures: SampleFailure[];
  /** What fired, `rule=status`. */
  fired: string[];
}

/** Runs one sample and compares what fired with what its expectation file says. */
export async function runSample(s: Sample, k: Knowledge, root: string): Promise<SampleResult> {
  const failures: SampleFailure[] = [];
  const refs = s.files.map((f) => ({ name: relative(root, f), path: f }));
  const result = await analyzeSources(s.name, refs, k);
  const got = new Map(result.diagnoses.map((d) => [d.rule, d]));
  for (const [rule, status] of Object.entries(s.expect.fire ?? {})) {
    const d = got.get(rule);
    if (!k.runner.byId.has(rule)) failures.push({ rule, expected: `fires (${status})`, actual: 'no such rule is loaded' });
    else if (!d) failures.push({ rule, expected: `fires (${status})`, actual: 'quiet' });
    else if (status !== 'any' && d.status !== status) failures.push({ rule, expected: `fires (${status})`, actual: `fires (${d.status})` });
  }
  for (const rule of s.expect.quiet ?? []) {
    if (!k.runner.byId.has(rule)) failures.push({ rule, expected: 'quiet', actual: 'no such rule is loaded' });
    else if (got.has(rule)) failures.push({ rule, expected: 'quiet', actual: `fires (${got.get(rule)!.status})` });
  }
  if (s.expect.clean) {
    for (const d of result.diagnoses.filter((x) => x.severity !== 'info')) {
      failures.push({ rule: d.rule, expected: 'clean: nothing of severity warning or above', actual: `fires (${d.status}, ${d.severity})` });
    }
  }
  if (s.expect.order) {
    const order = result.diagnoses.map((d) => d.rule).filter((r) => s.expect.order!.includes(r));
    if (order.join() !== s.expect.order.join()) failures.push({ expected: `order ${s.expect.order.join(' > ')}`, actual: `order ${order.join(' > ') || '(none fired)'}` });
  }
  for (const src of result.sources) for (const e of src.errors) failures.push({ expected: `${src.name} readable`, actual: e });
  return { sample: s, failures, fired: result.diagnoses.map((d) => `${d.rule}=${d.status}`) };
}

/** Samples that name one of `ids` (all samples when `ids` is empty). */
export function samplesFor(samples: Sample[], ids: string[]): Sample[] {
  if (ids.length === 0) return samples;
  return samples.filter((s) => ids.some((id) => s.expect.fire?.[id] !== undefined || s.expect.quiet?.includes(id)));
}

/** A readable expected-vs-actual block for one failed sample. */
export function formatFailure(r: SampleResult): string {
  const lines = [`✗ ${r.sample.expectFile}${r.sample.expect.description ? ` — ${r.sample.expect.description}` : ''}`];
  for (const f of r.failures) {
    lines.push(`    ${f.rule ?? ''}`.trimEnd());
    lines.push(`      - expected: ${f.expected}`);
    lines.push(`      + actual:   ${f.actual}`);
  }
  lines.push(`    fired: ${r.fired.join(', ') || 'nothing'}`);
  return lines.join('\n');
}
