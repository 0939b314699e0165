import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { triageIssue } from '../../src/node/triage/issue-cases.js';
import { commentDigest, isOwnComment, MARKER, renderComment, worthSaying } from '../../src/triage/comment.js';
import type { IndexedIssue } from '../../src/triage/fingerprint.js';
import type { Issue, IssueComment } from '../../src/triage/issue.js';
import { zip } from '../helpers/archives.js';
import { knowledge } from '../helpers/knowledge.js';

const PASTE = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-paste-with-conf.md', 'utf8');
const LOG = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
const CONF = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf', 'utf8');
const HEALTHY = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-quiet-healthy-floodfill-freebsd.log', 'utf8');

function issue(body: string, comments: IssueComment[] = [], number = 12): Issue {
  return { number, title: 'SSU2 broken', body, author: 'alice', state: 'open', labels: [], comments, commentCount: comments.length, closedBy: [], pullRequest: false };
}

const by = (author: string, body: string, bot = false): IssueComment => ({ author, body, bot });

test('a pasted log and config: one case, the finding with its fix and article link, evidence lines numbered as in the issue, marker first', async (t) => {
  const r = await triageIssue(issue(PASTE), knowledge(), { redact: true });
  t.deepEqual(r.report.diagnoses.map((d) => [d.rule, d.status]), [['ssu2-socket-buffer-enobufs', 'confirmed'], ['router-firewalled', 'confirmed']]);
  t.true(worthSaying(r));
  const md = renderComment(r, knowledge().articles, { version: '9.9.9', articleLink: (id) => `https://kb.example/${id}.md` });
  t.true(md.startsWith(`${MARKER} digest=`));
  t.regex(md, /SSU2 asks for larger UDP buffers/);
  t.regex(md, /\[.*\]\(https:\/\/kb\.example\/ssu2-socket-buffer-enobufs\.md\)/);
  t.regex(md, /kern\.ipc\.maxsockbuf/, 'the fix is in the comment');
  const line = PASTE.split('\n').findIndex((l) => l.includes('Failed to open socket')) + 1;
  t.regex(md, new RegExp(`#12:${line} +07:41:03@905/critical - SSU2: Failed to open socket`));
  t.regex(md, /i2pd-doctor 9\.9\.9/);
});

test("the reporter's comments are part of the case; another person's are not", async (t) => {
  const conf = `Here is my config:\n\n\`\`\`ini\n${CONF}\`\`\`\n`;
  const logOnly = `\`\`\`\n${LOG}\`\`\`\n`;
  const alone = await triageIssue(issue(logOnly), knowledge(), { redact: true });
  t.is(alone.report.diagnoses[0].status, 'likely');
  t.regex(renderComment(alone, knowledge().articles, { version: '1' }), /To confirm:[\s\S]*floodfill/i, 'it asks what would confirm it');
  const other = await triageIssue(issue(logOnly, [by('bob', conf)]), knowledge(), { redact: true });
  t.is(other.report.diagnoses[0].status, 'likely');
  const own = await triageIssue(issue(logOnly, [by('bob', 'same here'), by('alice', conf)]), knowledge(), { redact: true });
  t.is(own.report.diagnoses[0].status, 'confirmed');
  t.true(own.report.sources.some((s) => s.name.startsWith('#12 comment 1')), own.report.sources.map((s) => s.name).join(', '));
});

test('a log folded in a <details> block is read; its lines keep their numbers', async (t) => {
  const body = `Log:\n<details><summary>i2pd.log</summary>\n<p>\n\n${LOG}\n</p>\n</details>\n`;
  const r = await triageIssue(issue(body), knowledge(), { redact: true });
  t.is(r.report.diagnoses[0]?.rule, 'ssu2-socket-buffer-enobufs');
  t.is(r.report.diagnoses[0].evidence[0].line, body.split('\n').findIndex((l) => l.includes('Failed to open socket')) + 1);
});

test('a log quoted with > (a reply that quotes the paste), fenced inside the quote or not, is read', async (t) => {
  const quoted = LOG.trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
  const fenced = `> \`\`\`\n${quoted}\n> \`\`\`\n`;
  for (const body of [`As I said above:\n\n${quoted}\n`, `Log:\n\n${fenced}`]) {
    const r = await triageIssue(issue(body), knowledge(), { redact: true });
    t.is(r.report.diagnoses[0]?.rule, 'ssu2-socket-buffer-enobufs', body.slice(0, 40));
    t.is(r.report.diagnoses[0].evidence[0].line, body.split('\n').findIndex((l) => l.includes('Failed to open socket')) + 1);
  }
});

test('nothing to say: no i2pd text, or a healthy log and nothing to ask', async (t) => {
  t.false(worthSaying(await triageIssue(issue('My router is slow. Please help!'), knowledge(), { redact: true })));
  t.false(worthSaying(await triageIssue(issue(''), knowledge(), { redact: true })));
  t.false(worthSaying(await triageIssue(issue(`\`\`\`\n${HEALTHY}\`\`\``), knowledge(), { redact: true })));
});

test('addresses are redacted by default and kept with redact: false', async (t) => {
  const body = `\`\`\`\n${LOG}\`\`\``;
  const r = await triageIssue(issue(body), knowledge(), { redact: true });
  const md = renderComment(r, knowledge().articles, { version: '1' });
  t.notRegex(md, /198\.51\.100\.23/);
  const plain = renderComment(await triageIssue(issue(body), knowledge(), { redact: false }), knowledge().articles, { version: '1' });
  t.notRegex(plain, /pseudonyms/);
});

test('a linked .zip attachment given as a local file is read as part of the case; one not given is named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-attach-'));
  writeFileSync(join(dir, '18000001-logs.zip'), await zip([['i2pd/i2pd.log', LOG]]));
  const body = 'Logs: [logs.zip](https://github.com/user-attachments/files/18000001/logs.zip) and [old.log](https://github.com/user-attachments/files/18000002/old.log)';
  const r = await triageIssue(issue(body), knowledge(), { redact: true, attachments: dir });
  t.is(r.report.diagnoses[0]?.rule, 'ssu2-socket-buffer-enobufs');
  t.deepEqual(r.attachments.read.map((a) => a.name), ['logs.zip']);
  t.deepEqual(r.attachments.missing.map((a) => a.name), ['old.log']);
  const md = renderComment(r, knowledge().articles, { version: '1' });
  t.regex(md, /logs\.zip!i2pd\/i2pd\.log:2/);
  t.regex(md, /`old\.log`/);
});

test('two attachments of one name keep their ids as source names', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-attach-'));
  writeFileSync(join(dir, '1-i2pd.log'), LOG);
  writeFileSync(join(dir, '2-i2pd.log'), 'nothing\n');
  const r = await triageIssue(issue('[i2pd.log](https://github.com/user-attachments/files/1/i2pd.log)', [by('alice', 'newer: [i2pd.log](https://github.com/user-attachments/files/2/i2pd.log)')]), knowledge(), { redact: true, attachments: dir });
  t.deepEqual(r.report.sources.map((s) => s.name).filter((n) => n.endsWith('.log')), ['1-i2pd.log', '2-i2pd.log']);
  t.is(r.report.diagnoses[0]?.evidence[0].source, '1-i2pd.log');
});

test('earlier issues with the same findings are listed with how they were closed', async (t) => {
  const first = await triageIssue(issue(PASTE, [], 3), knowledge(), { redact: true });
  const index: IndexedIssue[] = [
    { number: 3, title: 'x', state: 'closed', stateReason: 'completed', closedBy: [9], digest: 'a', ...first.fingerprint },
    { number: 4, title: 'y', state: 'open', closedBy: [], digest: 'b', rules: ['crash-signal'], templates: [] },
  ];
  const r = await triageIssue(issue(PASTE), knowledge(), { redact: true, index });
  t.deepEqual(r.duplicates.map((d) => d.number), [3]);
  const md = renderComment(r, knowledge().articles, { version: '1' });
  t.regex(md, /Looks like #3 \(closed as completed, fixed by #9\): the same findings `router-firewalled`, `ssu2-socket-buffer-enobufs`/);
  t.notRegex(md, /#4/);
});

test('an issue with no finding but an unknown message an earlier one had is worth a comment', async (t) => {
  const odd = '```\n07:50:00@212/warn - HTTPServer: Odd request from 192.0.2.9 to /x\n07:51:00@212/warn - HTTPServer: Odd request from 192.0.2.7 to /x\n```';
  const earlier = await triageIssue(issue(odd, [], 5), knowledge(), { redact: true });
  t.false(worthSaying(earlier));
  t.true(earlier.fingerprint.templates.length > 0);
  const r = await triageIssue(issue(odd.replace(/192\.0\.2\.\d/g, '203.0.113.5')), knowledge(), { redact: true, index: [{ number: 5, title: 'o', state: 'open', closedBy: [], digest: 'c', ...earlier.fingerprint }] });
  t.true(worthSaying(r));
  t.regex(renderComment(r, knowledge().articles, { version: '1' }), /Looks like #5 \(open\): the same unknown message `HTTPServer: Odd request from <ip> to \/x`/);
});

test('suggested labels are shown when rules name them', async (t) => {
  const r = await triageIssue(issue(PASTE), knowledge(), { redact: true });
  const md = renderComment({ ...r, labels: ['network', 'freebsd'] }, knowledge().articles, { version: '1' });
  t.regex(md, /Suggested labels: `network`, `freebsd`/);
});

test('our own comment is told by its marker and a bot author (or a login named); a person quoting the marker is not us', (t) => {
  const body = `${MARKER} digest=0badcafe -->\nhello`;
  t.is(commentDigest(body), '0badcafe');
  t.is(commentDigest('hello'), undefined);
  t.true(isOwnComment({ author: 'github-actions[bot]', bot: true, body }, []));
  t.false(isOwnComment({ author: 'mallory', bot: false, body }, []));
  t.true(isOwnComment({ author: 'triage-bot', bot: false, body }, ['triage-bot']));
  t.false(isOwnComment({ author: 'github-actions[bot]', bot: true, body: 'no marker' }, []));
});

test("the comment fits GitHub's limit of 65,536 characters: articles' text goes first, then the last findings, and long evidence lines are cut", async (t) => {
  const r = await triageIssue(issue(PASTE), knowledge(), { redact: true });
  const d = r.report.diagnoses[0];
  const long = { ...d, evidence: [{ ...d.evidence[0], text: `${d.evidence[0].text} ${'x'.repeat(20_000)}` }] };
  const many = { ...r, report: { ...r.report, diagnoses: Array.from({ length: 200 }, (_, i) => ({ ...long, rule: `${d.rule}-${i}` })) } };
  const md = renderComment(many, knowledge().articles, { version: '1' });
  t.true(md.length <= 65_536, String(md.length));
  t.regex(md, /more findings are left out to fit in one comment; run `i2pd-doctor analyze` on the text for all of them/);
  t.notRegex(md, /x{600}/);
  const one = renderComment({ ...r, report: { ...r.report, diagnoses: [long] } }, knowledge().articles, { version: '1' });
  t.regex(one, /kern\.ipc\.maxsockbuf/, 'one finding keeps its fix');
  t.regex(one, /x{100}… \(\d+ characters more\)/);
});
