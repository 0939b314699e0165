import test from 'ava';
import { readIssueInput, readIssueList, reporterComments } from '../../src/triage/issue.js';
import { BOT, comment, ghIssue, issueCommentEvent, issuesEvent, user } from '../helpers/github-payloads.js';

test('an issues-opened payload: the issue, its reporter, its repository, and that it has no comments yet', (t) => {
  const r = readIssueInput(issuesEvent('opened', { number: 12, title: 'SSU2 fails', body: 'log here', author: 'alice', labels: ['bug'] }), 'event.json');
  t.is(r.event, 'issues');
  t.is(r.action, 'opened');
  t.is(r.repo, 'example/i2pd-reports');
  t.is(r.issue.number, 12);
  t.is(r.issue.title, 'SSU2 fails');
  t.is(r.issue.body, 'log here');
  t.is(r.issue.author, 'alice');
  t.deepEqual(r.issue.labels, ['bug']);
  t.is(r.issue.commentCount, 0);
  t.deepEqual(r.issue.comments, []);
  t.false(r.issue.pullRequest);
  t.false(r.commentsComplete, 'a payload carries the count of comments, not the comments');
});

test('an issue_comment payload: the comment it is about, with its id and author; a null body is empty text', (t) => {
  const c = comment(99, 7, 'here is my i2pd.conf', user('alice'));
  const r = readIssueInput(issueCommentEvent('created', { number: 7, body: null, author: 'alice', comments: 3 }, c), 'event.json');
  t.is(r.event, 'issue_comment');
  t.is(r.issue.body, '');
  t.is(r.issue.commentCount, 3);
  t.deepEqual(r.comment, { id: 99, author: 'alice', bot: false, body: 'here is my i2pd.conf' });
});

test('a pull request is recognised: issue_comment events fire on them too', (t) => {
  const r = readIssueInput(issueCommentEvent('created', { number: 8, pullRequest: true }, comment(1, 8, 'lgtm')), 'event.json');
  t.true(r.issue.pullRequest);
});

test('gh issue view --json: comments with their ids from their URLs, bots told apart, upper-case states read', (t) => {
  const r = readIssueInput(
    ghIssue({ number: 30, author: 'bob', state: 'closed', stateReason: 'not_planned', labels: ['question'], ghComments: [{ author: 'bob', body: 'more log', id: 123 }, { author: 'x', body: 'bot text', bot: true, id: 124 }] }),
    'issue.json',
  );
  t.is(r.event, undefined);
  t.is(r.issue.state, 'closed');
  t.is(r.issue.stateReason, 'not planned');
  t.deepEqual(r.issue.labels, ['question']);
  t.true(r.commentsComplete);
  t.deepEqual(r.issue.comments, [
    { id: 123, author: 'bob', bot: false, body: 'more log' },
    { id: 124, author: 'app/github-actions', bot: true, body: 'bot text' },
  ]);
});

test('gh issue view with only title,body,comments,labels: no author, so every comment that is not a bot counts', (t) => {
  const r = readIssueInput(ghIssue({ number: 3, ghComments: [{ author: 'bob', body: 'a' }, { author: 'carol', body: 'b' }, { author: 'x', body: 'c', bot: true }] }, ['title', 'body', 'comments', 'labels']), 'issue.json');
  t.is(r.issue.number, undefined);
  t.deepEqual(reporterComments(r.issue).map((c) => c.body), ['a', 'b']);
});

test("the reporter's comments are the issue author's, never a bot's", (t) => {
  const r = readIssueInput(ghIssue({ number: 3, author: 'bob', ghComments: [{ author: 'bob', body: 'a' }, { author: 'carol', body: 'b' }, { author: 'bob', body: 'c' }] }), 'issue.json');
  t.deepEqual(reporterComments(r.issue).map((c) => c.body), ['a', 'c']);
});

test('REST comments listed by the API are read in the same shape', (t) => {
  const r = readIssueInput(issueCommentEvent('created', { number: 7, author: 'alice', comments: 1 }, comment(5, 7, 'text', BOT)), 'event.json');
  t.deepEqual(r.comment, { id: 5, author: 'github-actions[bot]', bot: true, body: 'text' });
});

test('gh issue list --json: an array of issues, closed-by pull requests kept', (t) => {
  const fields = ['number', 'title', 'body', 'comments', 'state', 'stateReason', 'closedByPullRequestsReferences'];
  const list = [ghIssue({ number: 1, state: 'closed', stateReason: 'completed', closedBy: [4] }, fields), ghIssue({ number: 2 }, fields)];
  const issues = readIssueList(list, 'issues.json');
  t.deepEqual(issues.map((i) => [i.number, i.state, i.stateReason, i.closedBy]), [[1, 'closed', 'completed', [4]], [2, 'open', undefined, []]]);
});

test('bad input names the file, the JSON path and what to give instead', (t) => {
  t.throws(() => readIssueInput([], 'x.json'), { message: /^x\.json: \$: .*an Actions event payload .*gh issue view/ });
  t.throws(() => readIssueInput({ action: 'opened', issue: { number: 'twelve', title: 't', body: '' } }, 'e.json'), { message: /^e\.json: \$\.issue\.number: expected a whole number, got "twelve"/ });
  t.throws(() => readIssueInput({ number: 1, title: 't', body: 3 }, 'v.json'), { message: /^v\.json: \$\.body: expected text or null, got 3/ });
  t.throws(() => readIssueInput({ number: 1, title: 't', body: '', comments: [{ body: 'x', author: 'me' }] }, 'v.json'), { message: /^v\.json: \$\.comments\[0\]\.author: expected an object with a "login"/ });
  t.throws(() => readIssueList({ number: 1 }, 'l.json'), { message: /^l\.json: \$: expected an array of issues \(gh issue list --state all --json/ });
  t.throws(() => readIssueList([{ number: 1, title: 't', body: '' }, { title: 't' }], 'l.json'), { message: /^l\.json: \$\[1\]\.number: expected a whole number/ });
});
