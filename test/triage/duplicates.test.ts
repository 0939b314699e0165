import test from 'ava';
import { indexIssues } from '../../src/node/triage/issue-cases.js';
import { findDuplicates, fingerprint, type IndexedIssue } from '../../src/triage/fingerprint.js';
import { readIssueList } from '../../src/triage/issue.js';
import { generatedIssues, ghList } from '../helpers/generated-issues.js';
import { knowledge } from '../helpers/knowledge.js';

function issue(number: number, rules: string[], templates: string[] = [], more: Partial<IndexedIssue> = {}): IndexedIssue {
  return { number, title: `Issue ${number}`, state: 'closed', stateReason: 'completed', closedBy: [], digest: '0', rules, templates, ...more };
}

const INDEX: IndexedIssue[] = [
  issue(1, ['ssu2-socket-buffer-enobufs', 'harmless-garlic'], ['t-ssu2']),
  issue(2, ['harmless-garlic']),
  issue(3, ['crash-signal', 'crash-at-shutdown', 'harmless-garlic']),
  issue(4, ['harmless-garlic'], ['t-noise']),
  issue(5, [], ['t-odd-request', 't-noise'], { state: 'open', stateReason: undefined }),
  issue(6, ['harmless-garlic']),
  issue(7, ['config-unknown-option']),
  issue(9, ['ssu2-socket-buffer-enobufs']),
];

test('a fingerprint is the sorted set of finding rules and unknown-message templates', (t) => {
  t.deepEqual(fingerprint([{ rule: 'b' }, { rule: 'a' }, { rule: 'b' }], [{ id: 'f00' }, { id: 'a11' }]), { rules: ['a', 'b'], templates: ['a11', 'f00'] });
});

test('earlier issues with the same finding are listed, best first; later ones and unrelated ones are not', (t) => {
  const m = findDuplicates({ rules: ['ssu2-socket-buffer-enobufs', 'harmless-garlic'], templates: ['t-ssu2'] }, INDEX, 8);
  t.deepEqual(m.map((x) => x.number), [1]);
  t.deepEqual(m[0].rules, ['harmless-garlic', 'ssu2-socket-buffer-enobufs']);
  t.deepEqual(m[0].templates, ['t-ssu2']);
  t.is(m[0].state, 'closed');
  t.is(m[0].stateReason, 'completed');
});

test('a finding most issues share (a harmless message) does not make them alike by itself', (t) => {
  t.deepEqual(findDuplicates({ rules: ['crash-signal', 'harmless-garlic'], templates: [] }, INDEX, 10).map((x) => x.number), [3]);
});

test('the same unknown message makes issues alike when no rule knows it', (t) => {
  t.deepEqual(findDuplicates({ rules: [], templates: ['t-odd-request'] }, INDEX, 10).map((x) => x.number), [5]);
});

test('nothing in common, or an empty fingerprint, lists nothing', (t) => {
  t.deepEqual(findDuplicates({ rules: ['time-skew'], templates: ['t-new'] }, INDEX, 10), []);
  t.deepEqual(findDuplicates({ rules: [], templates: [] }, INDEX, 10), []);
});

test('without a number (the issue is not filed yet) every indexed issue may match, and the list is capped', (t) => {
  const many = Array.from({ length: 20 }, (_, i) => issue(i + 1, ['config-unknown-option']));
  const m = findDuplicates({ rules: ['config-unknown-option'], templates: [] }, many);
  t.is(m.length, 5);
  t.deepEqual(m.map((x) => x.number), [1, 2, 3, 4, 5], 'equally alike: the oldest (the original) first');
});

test('on an index of generated issues each one lists the earlier issues of its problem, and issues without one list nothing', async (t) => {
  const gen = generatedIssues(36);
  const run = await indexIssues(readIssueList(ghList(gen), 'generated'), knowledge(), { redact: true, jobs: 1 });
  t.is(run.analysed, 36);
  const alike = new Set(['ssu2', 'shutdown-crash', 'unknown-option', 'odd-request']);
  let found = 0;
  let right = 0;
  let expected = 0;
  for (const g of gen) {
    const fp = run.fresh.find((i) => i.number === g.number)!;
    const got = findDuplicates(fp, run.fresh, g.number).map((m) => m.number);
    const want = alike.has(g.kind) ? gen.filter((x) => x.kind === g.kind && x.number < g.number).map((x) => x.number).slice(0, 5) : [];
    t.deepEqual(got, want, `#${g.number} (${g.kind})`);
    found += got.length;
    expected += want.length;
    right += got.filter((n) => want.includes(n)).length;
  }
  t.log(`precision ${right}/${found}, recall ${right}/${expected}`);
});

test('equally alike: an issue closed as fixed comes before open ones, whatever its number', (t) => {
  const idx = [issue(1, ['x'], [], { state: 'open', stateReason: undefined }), issue(2, ['x'], [], { state: 'closed', stateReason: 'not planned' }), issue(3, ['x'], [], { state: 'closed', stateReason: 'completed' }), issue(4, ['x'], [], { state: 'closed', stateReason: undefined, closedBy: [9] })];
  t.deepEqual(findDuplicates({ rules: ['x'], templates: [] }, idx).map((m) => m.number), [3, 4, 1, 2]);
});
