import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAsync } from '../helpers/cli.js';
import { generatedIssue, generatedIssues, ghList } from '../helpers/generated-issues.js';
import { issuesEvent } from '../helpers/github-payloads.js';

const OFFLINE = { GITHUB_TOKEN: '', GITHUB_API_URL: 'http://127.0.0.1:1', GITHUB_EVENT_PATH: '', GITHUB_REPOSITORY: '', GITHUB_SERVER_URL: '', GH_TOKEN: '' };

function tracker(): { d: string; list: string } {
  const d = mkdtempSync(join(tmpdir(), 'i2pd-doctor-index-'));
  const list = join(d, 'issues.json');
  writeFileSync(list, JSON.stringify(ghList(generatedIssues(24))));
  return { d, list };
}

test('index build, then triage --index: a new issue lists the earlier ones with the same problem, how they were closed', async (t) => {
  const { d, list } = tracker();
  const idx = join(d, 'index.json');
  const b = await cliAsync(['triage', 'index', 'build', list, '--out', idx], undefined, OFFLINE);
  t.is(b.code, 0, b.stderr);
  t.regex(b.stderr, new RegExp(`indexed 24 issues into ${idx} \\(12 with findings, 8 more with unknown messages only\\)`));
  const index = JSON.parse(readFileSync(idx, 'utf8'));
  t.is(index.format, 'i2pd-doctor-issue-index');
  t.deepEqual(index.issues.map((i: { number: number }) => i.number), Array.from({ length: 24 }, (_, i) => i + 1));
  t.false(JSON.stringify(index).includes('Failed to open socket'), 'the index keeps fingerprints, not text');

  const e = join(d, 'e.json');
  writeFileSync(e, JSON.stringify(issuesEvent('opened', { number: 25, body: generatedIssue(25, 'ssu2').body })));
  const r = await cliAsync(['triage', e, '--index', idx, '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  // ssu2 issues are 1, 7, 13, 19; 3, 9, 15, 21 are closed, but none of those is an ssu2 one.
  const looks = [...r.stdout.matchAll(/^- Looks like #(\d+) \(([^)]*)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
  t.deepEqual(looks, ['1 open', '7 open', '13 open', '19 open']);
  t.regex(r.stdout, /Looks like #1 \(open\): the same finding `ssu2-socket-buffer-enobufs`/);

  const crash = join(d, 'c.json');
  writeFileSync(crash, JSON.stringify(issuesEvent('opened', { number: 26, body: generatedIssue(26, 'unknown-option').body })));
  const c = await cliAsync(['triage', crash, '--index', idx, '--dry-run'], undefined, OFFLINE);
  t.regex(c.stdout, /Looks like #3 \(closed as completed, fixed by #1003\): the same finding `config-unknown-option`/);
});

test('triage --index reads a gh issue list as it is, analysing it on the spot', async (t) => {
  const { d, list } = tracker();
  const e = join(d, 'e.json');
  writeFileSync(e, JSON.stringify(issuesEvent('opened', { number: 30, body: generatedIssue(30, 'odd-request').body })));
  const r = await cliAsync(['triage', e, '--index', list, '--dry-run'], undefined, OFFLINE);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /analysed 24 issues for duplicates; i2pd-doctor triage index build/);
  t.deepEqual([...r.stdout.matchAll(/^- Looks like #(\d+)/gm)].map((m) => Number(m[1])), [4, 10, 16, 22]);
  t.regex(r.stdout, /the same unknown message `HTTPServer: Odd request from <ip> to \/x`/);
});

test('index update reads again only new and changed issues, keeps the rest, and takes new states without reading', async (t) => {
  const { d, list } = tracker();
  const idx = join(d, 'index.json');
  t.is((await cliAsync(['triage', 'index', 'build', list, '--out', idx], undefined, OFFLINE)).code, 0);
  const issues = JSON.parse(readFileSync(list, 'utf8'));
  issues[1].body = generatedIssue(2, 'ssu2').body; // #2 was a crash; its reporter pasted another log
  issues[4].state = 'CLOSED'; // #5 closed, text unchanged
  issues[4].stateReason = 'NOT_PLANNED';
  issues.push(...ghList([generatedIssue(25, 'shutdown-crash'), generatedIssue(26, 'question')]));
  writeFileSync(list, JSON.stringify(issues));
  const u = await cliAsync(['triage', 'index', 'update', idx, list], undefined, OFFLINE);
  t.is(u.code, 0, u.stderr);
  t.regex(u.stderr, /updated .*index\.json: 26 issues, 3 analysed, 23 kept as they were/);
  const index = JSON.parse(readFileSync(idx, 'utf8'));
  const two = index.issues.find((i: { number: number }) => i.number === 2);
  t.deepEqual(two.rules, ['ssu2-socket-buffer-enobufs']);
  t.like(index.issues.find((i: { number: number }) => i.number === 5), { state: 'closed', stateReason: 'not planned' });
  t.truthy(index.issues.find((i: { number: number }) => i.number === 25).rules.includes('crash-signal'));

  // One issue from the workflow's event payload.
  const e = join(d, 'e.json');
  writeFileSync(e, JSON.stringify(issuesEvent('opened', { number: 27, body: generatedIssue(27, 'unknown-option').body })));
  const one = await cliAsync(['triage', 'index', 'update', idx, e], undefined, OFFLINE);
  t.regex(one.stderr, /27 issues, 1 analysed, 26 kept as they were/);
});

test('index update after the rules changed reads every issue again, and says so; triage warns about a stale index', async (t) => {
  const { d, list } = tracker();
  const idx = join(d, 'index.json');
  t.is((await cliAsync(['triage', 'index', 'build', list, '--out', idx], undefined, OFFLINE)).code, 0);
  const pack = join(d, 'pack');
  mkdirSync(join(pack, 'rules', 'sockets'), { recursive: true });
  const rule = JSON.parse(readFileSync('rules/sockets/ssu2-socket-buffer-enobufs.json', 'utf8'));
  writeFileSync(join(pack, 'rules', 'sockets', 'ssu2-socket-buffer-enobufs.json'), JSON.stringify({ ...rule, override: true, labels: ['network'] }));
  const e = join(d, 'e.json');
  writeFileSync(e, JSON.stringify(issuesEvent('opened', { number: 40, body: generatedIssue(40, 'ssu2').body })));
  const stale = await cliAsync(['triage', e, '--index', idx, '--rules', pack, '--dry-run'], undefined, OFFLINE);
  t.regex(stale.stderr, /built with other rules or another version.*triage index update/);
  const u = await cliAsync(['triage', 'index', 'update', idx, list, '--rules', pack], undefined, OFFLINE);
  t.is(u.code, 0, u.stderr);
  t.regex(u.stderr, /24 issues, 24 analysed, 0 kept as they were/);
  t.regex(u.stderr, /the rules or options changed since/);
});

test('a damaged index or issue list names the file and the JSON path; nothing is written', async (t) => {
  const { d } = tracker();
  const bad = join(d, 'bad.json');
  writeFileSync(bad, JSON.stringify([{ number: 1, title: 't', body: 'x' }, { number: 'two' }]));
  const b = await cliAsync(['triage', 'index', 'build', bad, '--out', join(d, 'out.json')], undefined, OFFLINE);
  t.is(b.code, 2);
  t.regex(b.stderr, /bad\.json: \$\[1\]\.number: expected a whole number, got "two"/);
  const nowhere = await cliAsync(['triage', 'index', 'build', join(d, 'issues.json'), '--out', join(d, 'no-such-folder', 'i.json')], undefined, OFFLINE);
  t.is(nowhere.code, 2);
  t.regex(nowhere.stderr, /no-such-folder\/i\.json: cannot be written \(ENOENT\); check that its folder exists/);
  const idx = join(d, 'idx.json');
  writeFileSync(idx, JSON.stringify({ format: 'i2pd-doctor-issue-index', version: 1, tool: '0', content: 'x', redacted: true, issues: [{ number: 1 }] }));
  const u = await cliAsync(['triage', 'index', 'update', idx, bad], undefined, OFFLINE);
  t.is(u.code, 2);
  t.regex(u.stderr, /idx\.json: \$\.issues\[0\]\.state: expected "open" or "closed"/);
});
