import test from 'ava';
import { INDEX_FORMAT, isIndexData, issueDigest, mergeIndex, readIndex, type IssueIndex } from '../../src/triage/index-file.js';
import type { Issue } from '../../src/triage/issue.js';

const META = { tool: '0.1.0', content: 'abcd1234', redacted: true };

function indexed(number: number, rules: string[] = []) {
  return { number, title: `t${number}`, state: 'open' as const, closedBy: [], digest: `d${number}`, rules, templates: [] };
}

function issue(body: string, comments: Array<[string, string]> = []): Issue {
  return { number: 1, title: 't', body, author: 'alice', state: 'open', labels: [], comments: comments.map(([author, b]) => ({ author, bot: false, body: b })), commentCount: comments.length, closedBy: [], pullRequest: false };
}

test('an index round-trips through JSON', (t) => {
  const idx: IssueIndex = { format: INDEX_FORMAT, version: 1, ...META, issues: [indexed(1, ['a']), { ...indexed(2), state: 'closed', stateReason: 'completed', closedBy: [5] }] };
  t.deepEqual(readIndex(JSON.parse(JSON.stringify(idx)), 'index.json'), idx);
  t.true(isIndexData(idx));
  t.false(isIndexData([{ number: 1 }]), 'a gh issue list is not an index');
});

test('a damaged index names the file and the JSON path, and how to rebuild it', (t) => {
  t.throws(() => readIndex({ format: 'x' }, 'i.json'), { message: /^i\.json: \$\.format: expected "i2pd-doctor-issue-index".*triage index build/ });
  t.throws(() => readIndex({ format: INDEX_FORMAT, version: 9, ...META, issues: [] }, 'i.json'), { message: /^i\.json: \$\.version: .*version 9.*rebuild/ });
  t.throws(() => readIndex({ format: INDEX_FORMAT, version: 1, ...META, issues: [indexed(1), { ...indexed(2), rules: [3] }] }, 'i.json'), { message: /^i\.json: \$\.issues\[1\]\.rules\[0\]: expected text/ });
  t.throws(() => readIndex({ format: INDEX_FORMAT, version: 1, ...META, issues: [{ ...indexed(1), state: 'gone' }] }, 'i.json'), { message: /^i\.json: \$\.issues\[0\]\.state: expected "open" or "closed"/ });
});

test('merging replaces the issues analysed again, keeps the rest, in number order', (t) => {
  const old: IssueIndex = { format: INDEX_FORMAT, version: 1, ...META, issues: [indexed(3, ['old']), indexed(1)] };
  const m = mergeIndex(old, [indexed(3, ['new']), indexed(2)], META);
  t.deepEqual(m.issues.map((i) => [i.number, i.rules]), [[1, []], [2, []], [3, ['new']]]);
});

test("the digest covers the body and the reporter's comments, not what others say", (t) => {
  const a = issueDigest(issue('log'));
  t.is(issueDigest(issue('log', [['bob', 'me too']])), a);
  t.not(issueDigest(issue('log', [['alice', 'my conf']])), a);
  t.not(issueDigest(issue('log2')), a);
});
