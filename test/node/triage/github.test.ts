import test from 'ava';
import { GitHub, GitHubError } from '../../../src/node/triage/github.js';
import { FakeGitHub } from '../../helpers/fake-github.js';
import { user } from '../../helpers/github-payloads.js';

const REPO = 'example/i2pd-reports';

async function setup(o: { retries?: number; maxWaitMs?: number; now?: number } = {}) {
  const server = await new FakeGitHub().start();
  const waits: number[] = [];
  const notes: string[] = [];
  const gh = new GitHub({
    api: server.url, token: server.token, userAgent: 'i2pd-doctor-test', retries: o.retries ?? 3, backoffMs: 1000, maxWaitMs: o.maxWaitMs ?? 120_000,
    sleep: async (ms) => void waits.push(ms), onRetry: (m) => notes.push(m), now: () => o.now ?? Date.now(),
  });
  return { server, gh, waits, notes };
}

test('requests carry the token, the REST media type and API version; a comment is created and edited', async (t) => {
  const { server, gh } = await setup();
  t.teardown(() => server.stop());
  const made = await gh.createComment(REPO, 12, 'hello');
  t.is(made.url, 'https://github.com/example/i2pd-reports/issues/12#issuecomment-9000');
  await gh.updateComment(REPO, made.id, 'hello again');
  t.deepEqual(server.requests.map((r) => [r.method, r.url, r.body]), [
    ['POST', '/repos/example/i2pd-reports/issues/12/comments', { body: 'hello' }],
    ['PATCH', '/repos/example/i2pd-reports/issues/comments/9000', { body: 'hello again' }],
  ]);
  t.is(server.requests[0].authorization, 'Bearer test-token');
  t.is(server.requests[0].accept, 'application/vnd.github+json');
  t.is(server.requests[0].apiVersion, '2022-11-28');
});

test("comments are listed over every page, following GitHub's Link header", async (t) => {
  const { server, gh } = await setup();
  t.teardown(() => server.stop());
  server.pageSize = 2;
  for (let i = 0; i < 5; i++) server.addComment(3, `c${i}`, user('alice'));
  const list = await gh.listComments(REPO, 3);
  t.deepEqual(list.map((c) => c.body), ['c0', 'c1', 'c2', 'c3', 'c4']);
  t.deepEqual(list[0], { id: 9000, author: 'alice', bot: false, body: 'c0' });
  t.is(server.requests.length, 3);
});

test('a Link header that points away from the API is not followed: the token stays with the API', async (t) => {
  const { server, gh } = await setup();
  t.teardown(() => server.stop());
  server.pageSize = 1;
  server.linkBase = 'http://127.0.0.2:9';
  server.addComment(3, 'a');
  server.addComment(3, 'b');
  await t.throwsAsync(gh.listComments(REPO, 3), { instanceOf: GitHubError, message: /points outside .*not followed/ });
  t.is(server.requests.length, 1);
});

test('a 403 secondary rate limit with Retry-After waits that long, then goes on', async (t) => {
  const { server, gh, waits, notes } = await setup();
  t.teardown(() => server.stop());
  server.script.push({ status: 403, headers: { 'retry-after': '7' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } });
  await gh.createComment(REPO, 1, 'x');
  t.deepEqual(waits, [7000]);
  t.regex(notes[0], /GitHub answered 403 \(secondary rate limit, Retry-After 7 s\) to POST \/repos\/example\/i2pd-reports\/issues\/1\/comments; retrying in 7 s \(attempt 2 of 4\)/);
  t.is(server.requests.length, 2);
});

test('a primary rate limit (x-ratelimit-remaining 0) waits until x-ratelimit-reset', async (t) => {
  const now = 1_700_000_000_000;
  const { server, gh, waits } = await setup({ now });
  t.teardown(() => server.stop());
  server.script.push({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 42) }, body: { message: 'API rate limit exceeded for installation ID 1.' } });
  await gh.createComment(REPO, 1, 'x');
  t.deepEqual(waits, [42_000]);
});

test('a rate limit longer than the wait allowed is reported at once, saying when to run again', async (t) => {
  const now = 1_700_000_000_000;
  const { server, gh, waits } = await setup({ now, maxWaitMs: 60_000 });
  t.teardown(() => server.stop());
  server.script.push({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3600) }, body: { message: 'API rate limit exceeded' } });
  await t.throwsAsync(gh.createComment(REPO, 1, 'x'), { instanceOf: GitHubError, message: /rate limit.*resets at 2023-11-14T23:13:20Z \(in 3600 s\).*--max-wait 60/ });
  t.deepEqual(waits, []);
});

test('5xx answers are retried with doubling backoff; one that persists is reported after the last attempt', async (t) => {
  const { server, gh, waits, notes } = await setup({ retries: 2 });
  t.teardown(() => server.stop());
  server.script.push({ status: 502, body: { message: 'Server Error' } }, { status: 503 }, { status: 500 });
  await t.throwsAsync(gh.createComment(REPO, 1, 'x'), { instanceOf: GitHubError, message: /POST \/repos\/example\/i2pd-reports\/issues\/1\/comments: GitHub answered 500 .* after 3 attempts/ });
  t.deepEqual(waits, [1000, 2000]);
  t.is(notes.length, 2);
  server.script.push({ status: 502 });
  await gh.createComment(REPO, 1, 'x');
  t.deepEqual(waits, [1000, 2000, 1000], 'a new request starts its backoff again');
});

test('a 403 that is not a rate limit is not retried: it names the permission the workflow needs', async (t) => {
  const { server, gh, waits } = await setup();
  t.teardown(() => server.stop());
  server.script.push({ status: 403, body: { message: 'Resource not accessible by integration' } });
  await t.throwsAsync(gh.createComment(REPO, 1, 'x'), { instanceOf: GitHubError, message: /Resource not accessible by integration.*permissions: issues: write/ });
  t.deepEqual(waits, []);
  t.is(server.requests.length, 1);
});

test('a refused token and a missing issue say what to check; the token is never in a message', async (t) => {
  const { server } = await setup();
  t.teardown(() => server.stop());
  const bad = new GitHub({ api: server.url, token: 'wrong-secret', userAgent: 'x', retries: 0, backoffMs: 0, maxWaitMs: 0 });
  const e = await t.throwsAsync(bad.createComment(REPO, 1, 'x'), { instanceOf: GitHubError, message: /401 Bad credentials.*GITHUB_TOKEN/ });
  t.notRegex(e!.message, /wrong-secret/);
  const other = await setup();
  t.teardown(() => other.server.stop());
  await t.throwsAsync(other.gh.updateComment(REPO, 1, 'x'), { message: /404 .*repository .*token can see/ });
});

test('nothing listening: a network error is retried, then reported naming the API address', async (t) => {
  const gone = await new FakeGitHub().start();
  await gone.stop();
  const gh = new GitHub({ api: gone.url, token: 't', userAgent: 'x', retries: 1, backoffMs: 0, maxWaitMs: 0, sleep: async () => {} });
  await t.throwsAsync(gh.createComment(REPO, 1, 'x'), { instanceOf: GitHubError, message: /http:\/\/127\.0\.0\.1:\d+.*ECONNREFUSED.*after 2 attempts.*GITHUB_API_URL/ });
});

test('repository labels and adding labels to an issue', async (t) => {
  const { server, gh } = await setup();
  t.teardown(() => server.stop());
  server.repoLabels.push('network', 'crash');
  t.deepEqual(await gh.listLabels(REPO), ['network', 'crash']);
  await gh.addLabels(REPO, 4, ['network']);
  t.deepEqual(server.issueLabels.get(4), ['network']);
});
