import test from 'ava';
import { findDuplicates, fingerprint, type IndexedIssue } from '../../src/triage/fingerprint.js';

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
