import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAsync } from '../helpers/cli.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { comment, ghIssue, issueCommentEvent, issuesEvent, REPO, user } from '../helpers/github-payloads.js';
import { zip } from '../helpers/archives.js';

const LOG = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
const CONF = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf', 'utf8');
const BODY = `**Describe the bug**\nSSU2 never starts on my FreeBSD floodfill.\n\n**Log**\n\n\`\`\`\n${LOG}\`\`\`\n`;
const CONF_COMMENT = `Here is the config you asked for:\n\n\`\`\`ini\n${CONF}\`\`\`\n`;

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'i2pd-doctor-triage-'));
}

function file(d: string, name: string, data: unknown): string {
  const p = join(d, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return p;
}

/** What Actions gives a step, pointed at the stand-in; nothing from the machine the tests run on. */
function actions(server: FakeGitHub, event?: string): Record<string, string> {
  return { GITHUB_TOKEN: server.token, GITHUB_API_URL: server.url, GITHUB_EVENT_PATH: event ?? '', GITHUB_REPOSITORY: '', GITHUB_SERVER_URL: '', GH_TOKEN: '' };
}

const OFFLINE = { GITHUB_TOKEN: '', GITHUB_API_URL: 'http://127.0.0.1:1', GITHUB_EVENT_PATH: '', GITHUB_REPOSITORY: '', GITHUB_SERVER_URL: '', GH_TOKEN: '' };

async function fake(t: { teardown: (f: () => Promise<void>) => void }): Promise<FakeGitHub> {
  const s = await new FakeGitHub().start();
  t.teardown(() => s.stop());
  return s;
}

test('--dry-run prints the comment, marker first, and what it would do; no token, no request', async (t) => {
  const d = dir();
  const r = await cliAsync(['triage', file(d, 'event.json', issuesEvent('opened', { number: 12, body: BODY })), '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /^<!-- i2pd-doctor:triage digest=[0-9a-f]{8} -->\n### i2pd-doctor: 1 finding in `#12`/);
  t.regex(r.stdout, /SSU2 asks for larger UDP buffers.*likely/);
  t.regex(r.stdout, /To confirm:[\s\S]*floodfill/);
  t.regex(r.stderr, /dry run: would create a comment on example\/i2pd-reports#12 \(or edit the one it made before\)/);
});

const RECORDED = 'test/triage/payloads';

test('recorded payloads: the comment is created once; the reporter adds the config and the same comment is edited; a run with nothing new leaves it', async (t) => {
  const server = await fake(t);
  const first = await cliAsync(['triage'], undefined, actions(server, `${RECORDED}/issues-opened.json`));
  t.is(first.code, 0, first.stderr);
  t.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), ['POST /repos/example/i2pd-reports/issues/42/comments']);
  t.regex(first.stdout, /^created https:\/\/github\.com\/example\/i2pd-reports\/issues\/42#issuecomment-9000$/m);
  const made = server.comments.get(42)![0];
  t.regex(made.body as string, /SSU2 asks for larger UDP buffers.*likely/);

  // The reporter answers with the config: GitHub lists our comment, then theirs.
  const event = JSON.parse(readFileSync(`${RECORDED}/issue-comment-created.json`, 'utf8'));
  server.comments.get(42)!.push(event.comment);
  server.requests.length = 0;
  const second = await cliAsync(['triage', `${RECORDED}/issue-comment-created.json`], undefined, actions(server));
  t.is(second.code, 0, second.stderr);
  t.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), ['GET /repos/example/i2pd-reports/issues/42/comments?per_page=100', 'PATCH /repos/example/i2pd-reports/issues/comments/9000']);
  t.regex(second.stdout, /^edited https:\/\/github\.com\/example\/i2pd-reports\/issues\/42#issuecomment-9000$/m);
  t.is(server.comments.get(42)!.length, 2, 'no second comment of ours');
  t.regex(made.body as string, /SSU2 asks for larger UDP buffers.*confirmed/);
  t.notRegex(made.body as string, /To confirm/, "the reporter's config answered the question");

  server.requests.length = 0;
  const third = await cliAsync(['triage', `${RECORDED}/issue-comment-created.json`], undefined, actions(server));
  t.is(third.code, 0, third.stderr);
  t.deepEqual(server.writes, []);
  t.regex(third.stdout, /^unchanged https:/m);

  server.requests.length = 0;
  const question = await cliAsync(['triage', `${RECORDED}/issues-opened-question.json`], undefined, actions(server));
  t.is(question.code, 0, question.stderr);
  t.regex(question.stderr, /nothing to say on example\/i2pd-reports#43/);
  t.deepEqual(server.requests, []);
});

test('recorded gh issue view output: the whole case (body and comment) in one dry run', async (t) => {
  const r = await cliAsync(['triage', `${RECORDED}/gh-issue-view.json`, '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /SSU2 asks for larger UDP buffers.*confirmed/);
});

test('an issue without i2pd text gets no comment and costs no request', async (t) => {
  const server = await fake(t);
  const d = dir();
  for (const body of ['How do I open the web console?', '', '<!-- Please paste your log below -->\n']) {
    const r = await cliAsync(['triage', file(d, 'empty.json', issuesEvent('opened', { number: 4, body }))], undefined, actions(server));
    t.is(r.code, 0, r.stderr);
    t.regex(r.stderr, /nothing to say on example\/i2pd-reports#4: no i2pd log, config or crash text/);
    t.is(r.stdout, '');
  }
  t.deepEqual(server.requests, []);
});

test('events that change nothing of the report are skipped without a request: a comment by someone else, by a bot, on a pull request', async (t) => {
  const server = await fake(t);
  const d = dir();
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [issueCommentEvent('created', { number: 5, body: BODY, comments: 1 }, comment(1, 5, CONF_COMMENT, user('helper'))), /comment by helper, not the reporter/],
    [issueCommentEvent('created', { number: 5, body: BODY, comments: 1 }, comment(2, 5, 'x', user('ci[bot]', 'Bot'))), /comment by a bot/],
    [issueCommentEvent('created', { number: 6, body: BODY, comments: 1, pullRequest: true }, comment(3, 6, CONF_COMMENT)), /a pull request/],
    [issuesEvent('closed', { number: 7, body: BODY, state: 'closed' }), /"closed" event/],
  ];
  for (const [event, why] of cases) {
    const r = await cliAsync(['triage', file(d, 'e.json', event)], undefined, actions(server));
    t.is(r.code, 0, r.stderr);
    t.regex(r.stderr, why);
  }
  t.deepEqual(server.requests, []);
});

test('rate limits are waited out (Retry-After, x-ratelimit-reset) and the comment is posted', async (t) => {
  const server = await fake(t);
  const d = dir();
  server.script.push(
    { status: 403, headers: { 'retry-after': '0' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } },
    { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) }, body: { message: 'API rate limit exceeded for installation ID 1.' } },
  );
  const r = await cliAsync(['triage', file(d, 'e.json', issuesEvent('opened', { number: 12, body: BODY }))], undefined, actions(server));
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /GitHub answered 403 \(secondary rate limit, Retry-After 0 s\) .*retrying/);
  t.regex(r.stderr, /GitHub answered 429 \(rate limit, none left until x-ratelimit-reset\) .*retrying/);
  t.is(server.requests.filter((x) => x.method === 'POST').length, 3);
  t.is(server.comments.get(12)?.length, 1);
});

test('5xx answers are retried with backoff, then reported: exit 2, a message, no stack trace', async (t) => {
  const server = await fake(t);
  const d = dir();
  server.script.push({ status: 502, body: { message: 'Server Error' } }, { status: 503, body: { message: 'Service Unavailable' } }, { status: 500, body: { message: 'Server Error' } });
  const r = await cliAsync(['triage', file(d, 'e.json', issuesEvent('opened', { number: 12, body: BODY })), '--retries', '2', '--backoff', '10'], undefined, actions(server));
  t.is(r.code, 2);
  t.is(server.requests.length, 3);
  t.regex(r.stderr, /retrying in 0 s \(attempt 2 of 3\)/);
  t.regex(r.stderr, /i2pd-doctor: could not post on example\/i2pd-reports#12: POST \/repos\/example\/i2pd-reports\/issues\/12\/comments: GitHub answered 500 \(Server Error\) after 3 attempts/);
  t.notRegex(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  t.regex(r.stdout, /^<!-- i2pd-doctor:triage/, 'the comment it could not post is printed, so the run log still has it');
});

test('the API address comes from GITHUB_API_URL or --api-url; the repository from the payload, GITHUB_REPOSITORY or --repo', async (t) => {
  const server = await fake(t);
  const d = dir();
  const gh = file(d, 'issue.json', ghIssue({ number: 21, body: BODY }, ['title', 'body', 'comments', 'labels']));
  const r = await cliAsync(['triage', gh, '--issue', '21', '--api-url', server.url], undefined, { ...actions(server), GITHUB_API_URL: 'http://127.0.0.1:1', GITHUB_REPOSITORY: 'other/repo' });
  t.is(r.code, 0, r.stderr);
  t.deepEqual(server.requests.map((x) => `${x.method} ${x.url}`), ['POST /repos/other/repo/issues/21/comments']);
  const noRepo = await cliAsync(['triage', gh, '--issue', '21'], undefined, actions(server));
  t.is(noRepo.code, 2);
  t.regex(noRepo.stderr, /which repository\? .*--repo owner\/name/);
  const noNumber = await cliAsync(['triage', gh, '--repo', REPO], undefined, actions(server));
  t.is(noNumber.code, 2);
  t.regex(noNumber.stderr, /no issue number.*--issue N/);
});

test('gh issue view output with our earlier comment in it: edited in place, no listing needed', async (t) => {
  const server = await fake(t);
  const d = dir();
  const ours = server.addComment(30, '<!-- i2pd-doctor:triage digest=00000000 -->\nold');
  const gh = ghIssue({ number: 30, body: BODY, ghComments: [{ author: 'x', body: ours.body as string, bot: true, id: ours.id as number }, { author: 'reporter', body: CONF_COMMENT }] });
  const r = await cliAsync(['triage', file(d, 'issue.json', gh), '--repo', REPO], undefined, actions(server));
  t.is(r.code, 0, r.stderr);
  t.deepEqual(server.requests.map((x) => `${x.method} ${x.url}`), [`PATCH /repos/example/i2pd-reports/issues/comments/${ours.id}`]);
  t.regex(ours.body as string, /confirmed/);
});

test('a person quoting our marker is not mistaken for us: the comment is created, theirs untouched', async (t) => {
  const server = await fake(t);
  const d = dir();
  const fakeOurs = server.addComment(31, '<!-- i2pd-doctor:triage digest=00000000 -->\nI am not the bot', user('mallory'));
  const r = await cliAsync(['triage', file(d, 'e.json', issuesEvent('edited', { number: 31, body: BODY, comments: 1 }, { body: { from: 'old' } }))], undefined, actions(server));
  t.is(r.code, 0, r.stderr);
  t.deepEqual(server.writes.map((x) => x.method), ['POST']);
  t.is(fakeOurs.body, '<!-- i2pd-doctor:triage digest=00000000 -->\nI am not the bot');
});

test('no token when posting, a bad payload, no input at all: exit 2 with what to do', async (t) => {
  const d = dir();
  const e = file(d, 'e.json', issuesEvent('opened', { number: 1, body: BODY }));
  const noToken = await cliAsync(['triage', e], undefined, OFFLINE);
  t.is(noToken.code, 2);
  t.regex(noToken.stderr, /no token: set GITHUB_TOKEN .*or use --dry-run/);
  const bad = await cliAsync(['triage', file(d, 'bad.json', { action: 'opened', issue: { number: 'x' } }), '--dry-run'], undefined, OFFLINE);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /bad\.json: \$\.issue\.number: expected a whole number, got "x"/);
  const notJson = await cliAsync(['triage', file(d, 'n.json', '{"action": '), '--dry-run'], undefined, OFFLINE);
  t.is(notJson.code, 2);
  t.regex(notJson.stderr, /n\.json: not valid JSON/);
  const badApi = await cliAsync(['triage', e, '--api-url', 'api.github.com'], undefined, { ...OFFLINE, GITHUB_TOKEN: 't' });
  t.is(badApi.code, 2);
  t.regex(badApi.stderr, /--api-url "api\.github\.com" is not an http\(s\) address/);
  const missing = await cliAsync(['triage', join(d, 'no-such-event.json'), '--dry-run'], undefined, OFFLINE);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /no-such-event\.json: cannot be read \(ENOENT\); check the path/);
  t.notRegex(missing.stderr, /at .*\.js:\d+/, 'no stack trace');
  const none = await cliAsync(['triage', '--dry-run'], undefined, OFFLINE);
  t.is(none.code, 2);
  t.regex(none.stderr, /no issue to read: give the event payload or gh issue view output as a file \(or -\), or run in a workflow \(GITHUB_EVENT_PATH\)/);
});

test('stdin takes gh issue view output', async (t) => {
  const r = await cliAsync(['triage', '-', '--dry-run'], JSON.stringify(ghIssue({ number: 8, body: BODY })), OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /1 finding in `#8`/);
  t.regex(r.stderr, /would create a comment on #8 \(/, 'gh issue view names no repository: the issue is #8');
});

test('labels: the comment suggests those its rules name; --add-labels adds those the repository has', async (t) => {
  const server = await fake(t);
  const d = dir();
  const pack = join(d, 'pack');
  mkdirSync(join(pack, 'rules', 'sockets'), { recursive: true });
  const rule = JSON.parse(readFileSync('rules/sockets/ssu2-socket-buffer-enobufs.json', 'utf8'));
  writeFileSync(join(pack, 'rules', 'sockets', 'ssu2-socket-buffer-enobufs.json'), JSON.stringify({ ...rule, override: true, labels: ['network', 'os: freebsd', 'bug'] }));
  const e = file(d, 'e.json', issuesEvent('opened', { number: 12, body: BODY, labels: ['bug'] }));
  const dry = await cliAsync(['triage', e, '--rules', pack, '--dry-run'], undefined, OFFLINE);
  t.regex(dry.stdout, /Suggested labels: `network`, `os: freebsd`/);
  server.repoLabels.push('network', 'bug');
  const r = await cliAsync(['triage', e, '--rules', pack, '--add-labels'], undefined, actions(server));
  t.is(r.code, 0, r.stderr);
  t.deepEqual(server.issueLabels.get(12), ['network']);
  t.regex(r.stderr, /labelled example\/i2pd-reports#12: network; not in the repository, so not added: os: freebsd/);
});

test('attachments: --list-attachments names the linked files; --attachments reads the local copies with the issue', async (t) => {
  const d = dir();
  const body = 'Logs attached: [i2pd.zip](https://github.com/user-attachments/files/18000001/i2pd.zip)';
  const e = file(d, 'e.json', issuesEvent('opened', { number: 40, body }));
  const list = await cliAsync(['triage', e, '--list-attachments'], undefined, OFFLINE);
  t.is(list.code, 0, list.stderr);
  t.is(list.stdout, 'https://github.com/user-attachments/files/18000001/i2pd.zip\t18000001-i2pd.zip\n');
  const files = join(d, 'files');
  mkdirSync(files);
  writeFileSync(join(files, '18000001-i2pd.zip'), await zip([['logs/i2pd.log', LOG]]));
  const r = await cliAsync(['triage', e, '--attachments', files, '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /1 finding in `#40`/);
  t.regex(r.stdout, /i2pd\.zip!logs\/i2pd\.log:2/);
});

test('an attachment name that climbs out of --attachments (../ encoded in the link) is never read', async (t) => {
  const d = dir();
  const files = join(d, 'files');
  mkdirSync(files);
  // A file next to the attachments folder: a link must not reach it, whatever its name says.
  writeFileSync(join(d, 'secret.log'), LOG);
  const body = 'See [log](https://github.com/user-attachments/files/18000002/..%2Fsecret.log)';
  const e = file(d, 'e.json', issuesEvent('opened', { number: 41, body }));
  const r = await cliAsync(['triage', e, '--attachments', files, '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, '');
  t.regex(r.stderr, /nothing to say on example\/i2pd-reports#41/);
});

test('--help of triage and its index commands shows examples and the exit codes', async (t) => {
  for (const c of [['triage'], ['triage', 'index', 'build'], ['triage', 'index', 'update']]) {
    const r = await cliAsync([...c, '--help'], undefined, OFFLINE);
    t.is(r.code, 0, c.join(' '));
    t.regex(r.stdout, new RegExp(`Examples:\\n  \\$ i2pd-doctor ${c.join(' ')}`), c.join(' '));
    t.regex(r.stdout, /Exit codes:\n  0 [^\n]+\n[\s\S]*  2 [^\n]+/, c.join(' '));
  }
});
