import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tarball, zip } from '../helpers/archives.js';
import { cli } from '../helpers/cli.js';

const LOG = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
const CONF = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf', 'utf8');
const UNKNOWN = '07:50:00@212/warn - HTTPServer: Odd request <script>alert(1)</script> from 192.0.2.9\n';

/** A maintainer's backlog: every kind of attachment, one of them corrupt. */
async function backlog(): Promise<string> {
  const d = mkdtempSync(join(tmpdir(), 'i2pd-doctor-batch-'));
  mkdirSync(join(d, 'issue-101'));
  writeFileSync(join(d, 'issue-101/i2pd.log'), LOG + UNKNOWN);
  writeFileSync(join(d, 'issue-101/i2pd.conf'), CONF);
  writeFileSync(join(d, 'issue-102.zip'), await zip([['i2pd/logs/i2pd.log', LOG]]));
  writeFileSync(join(d, 'issue-103.tar.gz'), await tarball([['i2pd.log', LOG + UNKNOWN.replace('192.0.2.9', '198.51.100.4')]], true));
  writeFileSync(join(d, 'issue-104.log.gz'), gzipSync(LOG));
  writeFileSync(join(d, 'issue-105.md'), `My router is firewalled, here is the log:\n\n\`\`\`\n${LOG}\`\`\`\n`);
  writeFileSync(join(d, 'issue-106.zip'), (await zip([['i2pd.log', LOG]])).subarray(0, 50));
  return d;
}

test('a folder of reports: one case each, summary, totals, follow-ups, unknown messages; the corrupt archive is reported and the rest analysed', async (t) => {
  const d = await backlog();
  const r = cli(['analyze', d]);
  t.is(r.code, 2, 'an unreadable attachment makes it an input error');
  t.regex(r.stderr, /issue-106\.zip: not a readable zip archive/);
  const cases = [...r.stdout.matchAll(/^Case (.*)$/gm)].map((m) => m[1]);
  t.deepEqual(cases, ['101', '102.zip', '103.tar.gz', '104.log.gz', '105.md', '106.zip'].map((x) => `${d}/issue-${x}`));
  t.regex(r.stdout, /Summary: 6 cases, 5 with findings/);
  t.regex(r.stdout, new RegExp(`issue-101 +SSU2 asks for larger UDP buffers.*confirmed +1`));
  t.regex(r.stdout, new RegExp(`issue-102\\.zip +SSU2 asks for larger UDP buffers.*likely +1`));
  t.regex(r.stdout, /issue-106\.zip +\(unreadable source\) +0/);
  t.regex(r.stdout, /Findings by rule, most common first\ncases +rule.*\n5 +ssu2-socket-buffer-enobufs +1 +4 +0/);
  t.regex(r.stdout, /--- .*issue-102\.zip ---\nThanks for the report\.[\s\S]*?floodfill/);
  t.notRegex(r.stdout, /--- .*issue-101 ---/, 'a confirmed case needs no follow-up');
  t.regex(r.stdout, /[0-9a-f]{8} +2 cases, 2 lines +warn HTTPServer: Odd request <script>alert\(<n>\)<\/script> from <ip>/);
  t.regex(r.stdout, new RegExp(`e\\.g\\. ${d}/issue-101/i2pd\\.log:8`));
});

test('workers and the serial path give the same report', async (t) => {
  const d = await backlog();
  const one = cli(['analyze', d, '--format', 'json', '--jobs', '1']);
  const two = cli(['analyze', d, '--format', 'json', '--jobs', '2']);
  t.is(two.stdout, one.stdout);
  const j = JSON.parse(one.stdout);
  t.is(j.schemaVersion, 2);
  t.is(j.cases.length, 6);
  t.is(j.totals[0].rule, 'ssu2-socket-buffer-enobufs');
  t.is(j.unknownMessages.find((u: { module: string }) => u.module === 'HTTPServer').cases, 2);
  t.deepEqual(j.followUps.map((f: { case: string }) => f.case.slice(d.length + 1)), ['issue-102.zip', 'issue-103.tar.gz', 'issue-104.log.gz', 'issue-105.md', 'issue-106.zip']);
});

test('ndjson: one case per line, then the batch line', async (t) => {
  const d = await backlog();
  const r = cli(['analyze', d, '--format', 'ndjson']);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  t.is(lines.length, 7);
  t.true(lines.slice(0, 6).every((l) => l.type === 'case' && Array.isArray(l.diagnoses)));
  t.deepEqual(lines.slice(0, 6).map((l) => l.name).sort(), JSON.parse(cli(['analyze', d, '--format', 'json']).stdout).cases.map((c: { name: string }) => c.name));
  t.like(lines[6], { type: 'batch', schemaVersion: 2, cases: 6 });
  t.is(lines[6].summary.length, 6);
});

test('html: one self-contained file, log text escaped, no script', async (t) => {
  const d = await backlog();
  const r = cli(['analyze', d, '--format', 'html']);
  t.regex(r.stdout, /^<!doctype html>/);
  t.notRegex(r.stdout, /<script/i);
  t.notRegex(r.stdout, /(src|href)="(https?:)?\/\//, 'nothing loaded from elsewhere');
  t.regex(r.stdout, /&lt;script&gt;alert\(&lt;n&gt;\)&lt;\/script&gt;/);
  t.regex(r.stdout, /<a href="#case-2">[^<]*issue-102\.zip<\/a>/);
  t.regex(r.stdout, /<h4>Fix<\/h4>\n<(p|h3|ul|ol|pre)>/, 'articles rendered by marked');
});

test('markdown batch: a summary table, then each case with its follow-up', async (t) => {
  const d = await backlog();
  const r = cli(['analyze', d, '--format', 'markdown', '--no-redact']);
  t.regex(r.stdout, /^## i2pd-doctor: 6 cases\n\n\| case \| top finding \| status \| findings \|/);
  t.regex(r.stdout, /<details><summary>Follow-up for the reporter<\/summary>\n\n````?markdown\nThanks for the report\./);
});

test('--suggest writes a draft signature and rule for a template', async (t) => {
  const d = await backlog();
  const id = JSON.parse(cli(['analyze', d, '--format', 'json']).stdout).unknownMessages.find((u: { module: string }) => u.module === 'HTTPServer').id;
  const out = mkdtempSync(join(tmpdir(), 'i2pd-doctor-drafts-'));
  const r = cli(['analyze', d, '--suggest', id, '--drafts', out]);
  // The backlog holds a corrupt zip: the drafts are written, and the run still says a source failed.
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /issue-106\.zip: not a readable zip archive/);
  t.regex(r.stderr, /drafts written/);
  const sig = JSON.parse(readFileSync(join(out, 'signatures', readdirSync(join(out, 'signatures'))[0]), 'utf8'));
  t.is(sig.module, 'HTTPServer');
  t.is(sig.signatures[0].literal, 'odd request <script>alert(');
  const bad = cli(['analyze', d, '--suggest', 'ffffffff', '--drafts', out]);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /no unknown-message template ffffffff/);
});

test('a single file with --config, and stdin, stay one case with no batch sections', (t) => {
  const r = cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--config', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf']);
  t.is([...r.stdout.matchAll(/^Case /gm)].length, 1);
  t.notRegex(r.stdout, /Summary:/);
  const s = cli(['analyze'], LOG);
  t.regex(s.stdout, /^Case stdin/);
  t.notRegex(s.stdout, /Summary:/);
});
