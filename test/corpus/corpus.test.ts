// The real-report corpus as tests: each report is held to the maintainers' resolution, or listed
// in known-misses.json with the reason; a listed report that starts to pass fails too, so the
// list stays true. See test/corpus/README.md.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor } from '../../src/redact/redactor.js';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { corpusIds, passes, readCase, readKnownMisses, scoreMarkdown, scoreReport, threadOf, totals, type ReportScore } from '../../scripts/corpus-score.js';
import { knowledge } from '../helpers/knowledge.js';

const dir = join(PACKAGE_ROOT, 'test', 'corpus');
const ids = corpusIds(dir);
const misses = readKnownMisses(dir);
// Each report is analysed once; the per-report tests and the README's score read the results.
const scores = new Map<string, Promise<ReportScore>>();
const score = (id: string) => {
  let s = scores.get(id);
  if (!s) scores.set(id, (s = scoreReport(dir, id, knowledge())));
  return s;
};

test('the corpus holds at least 100 reports from 100 threads, one in six a trap', (t) => {
  const cases = ids.map((id) => readCase(join(dir, id, 'case.json')));
  t.true(ids.length >= 100, `${ids.length} reports`);
  t.true(new Set(cases.map((c) => threadOf(c.source))).size >= 100, 'threads');
  const traps = cases.filter((c) => c.category !== 'problem').length;
  t.true(traps * 6 >= ids.length, `${traps} traps of ${ids.length}`);
});

test('every listed miss is a report of the corpus', (t) => {
  t.deepEqual(Object.keys(misses).filter((id) => !ids.includes(id)), []);
});

test('every report has a report.txt and nothing left that identifies a router or a person', (t) => {
  for (const id of ids) {
    const folder = join(dir, id);
    t.true(existsSync(join(folder, 'report.txt')), `${id} has no report.txt`);
    for (const f of readdirSync(folder).filter((x) => x !== 'case.json')) {
      // A fresh redactor over redacted text finds nothing to replace: only aliases and private addresses remain.
      const r = new Redactor();
      r.redact(readFileSync(join(folder, f), 'utf8'));
      const left = r.summary().filter((c) => c.values > 0 && ['ipv4', 'ipv6', 'router-hash', 'identity', 'b32', 'home'].includes(c.kind));
      t.deepEqual(left.map((c) => `${c.kind}: ${c.values}`), [], `${id}/${f} still holds originals`);
    }
  }
});

for (const id of ids) {
  test(`corpus ${id}`, async (t) => {
    const s = await score(id);
    t.deepEqual(s.errors, [], 'the report reads without errors');
    const top = s.top ? `${s.top.rule} [${s.top.status}]` : 'no finding';
    if (misses[id]) t.false(passes(s), `${id} is listed in known-misses.json but now passes (${s.verdict}, top: ${top}): remove it from the list`);
    else t.true(passes(s), `${s.verdict}: expected ${s.case.diagnosis.join('|') || s.case.category}, top finding ${top}${s.loud.length ? `; loud: ${s.loud.join(', ')}` : ''}`);
  });
}

test("the README's score is the corpus's score today", async (t) => {
  const all = await Promise.all(ids.map(score));
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const m = /<!-- corpus-score -->\n([\s\S]*?)<!-- \/corpus-score -->/.exec(readme);
  t.truthy(m, 'README.md has a corpus-score block');
  t.is(m?.[1], scoreMarkdown(totals(all)), 'update README.md with `npm run corpus -- --readme`');
});
