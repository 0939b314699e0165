// The GitHub Action (action.yml) and the workflows the docs tell users to copy: least privilege,
// pinned, no way for an issue's text into a shell, and the action's scripts run as Actions runs
// them (bash -eo pipefail) against the stand-in API.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { generatedIssue, generatedIssues, ghList } from '../helpers/generated-issues.js';
import { issuesEvent } from '../helpers/github-payloads.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default: string }>; runs: { using: string; steps: Step[] } };
const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const docs = readFileSync(join(PACKAGE_ROOT, 'docs/github-action.md'), 'utf8');
const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

/** The YAML blocks of a markdown text that are workflows. */
function workflows(md: string): Array<Record<string, unknown>> {
  return [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as Record<string, unknown>).filter((w) => w && 'on' in w && 'jobs' in w);
}

const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[\w.-]+)*@[0-9a-f]{40}$/;

test('action.yml: a composite action whose every step is pinned to a commit, and whose scripts never interpolate an expression', (t) => {
  t.is(action.runs.using, 'composite');
  for (const s of action.runs.steps) {
    if (s.uses) t.regex(s.uses, PINNED, `${s.uses}: pin third-party actions to a commit`);
    if (s.run) {
      t.notRegex(s.run, /\$\{\{/, `${s.name}: pass expressions through env, never into the script`);
      const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      t.is(r.status, 0, `${s.name}: ${r.stderr}`);
    }
  }
});

test('every input of the action is in the table of docs/github-action.md', (t) => {
  for (const [name, i] of Object.entries(action.inputs)) {
    const value = i.default === '' ? '\\(none\\)' : `\`${i.default.replace(/[$.{}]/g, '\\$&')}\``;
    t.regex(docs, new RegExp(`^\\| \`${name}\` \\| ${value} \\|`, 'm'), name);
  }
});

test('the workflows to copy (docs and README): issues write only, no pull_request_target, the action pinned to this release', (t) => {
  const all = [...workflows(docs), ...workflows(readme)];
  t.is(all.length, 3);
  for (const w of all) {
    t.deepEqual(w.permissions, { issues: 'write' });
    const on = Object.keys(w.on as object);
    t.false(on.includes('pull_request_target'));
    t.false(on.includes('pull_request'));
    t.deepEqual(on.filter((e) => e.startsWith('issue')), ['issues', 'issue_comment']);
    for (const job of Object.values(w.jobs as Record<string, { steps: Step[]; if?: string }>)) {
      t.regex(job.if ?? '', /!github\.event\.issue\.pull_request/);
      const uses = job.steps.map((s) => s.uses ?? '');
      t.true(uses.includes(`i2pd-doctor/i2pd-doctor@v${version}`), uses.join(', '));
      for (const u of uses.filter((x) => x && !x.startsWith('i2pd-doctor/'))) t.regex(u, PINNED, u);
    }
  }
});

/** Runs one of the action's steps as Actions would: its env, bash -eo pipefail, in `cwd`. */
function runStep(name: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const step = action.runs.steps.find((s) => s.name === name)!;
  const stepEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = env[k] ?? v;
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env: { ...process.env, NO_COLOR: '1', ...env, ...stepEnv } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function runner(server: FakeGitHub, event: Record<string, unknown>) {
  const d = mkdtempSync(join(tmpdir(), 'i2pd-doctor-action-'));
  const temp = join(d, 'runner-temp');
  const bin = join(d, 'bin');
  mkdirSync(temp);
  mkdirSync(bin);
  writeFileSync(join(d, 'event.json'), JSON.stringify(event));
  // `gh issue list` answers with generated issues, and says how it was asked.
  writeFileSync(join(d, 'issues.json'), JSON.stringify(ghList(generatedIssues(12))));
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$@" >> "${join(d, 'gh-calls')}"\ncat "${join(d, 'issues.json')}"\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp, GITHUB_EVENT_PATH: join(d, 'event.json'), GITHUB_EVENT_NAME: 'issues',
    GITHUB_REPOSITORY: 'example/i2pd-reports', GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: server.url,
    DOCTOR: join(PACKAGE_ROOT, 'dist/cli/main.js'), GITHUB_TOKEN: server.token, GH_TOKEN: server.token,
    DRY_RUN: 'false', ATTACHMENTS: 'false', INDEX: '', ADD_LABELS: 'false', ACTION_REPOSITORY: 'i2pd-doctor/i2pd-doctor', ACTION_REF: `v${version}`,
  };
  return { d, env };
}

test("the action's Triage step posts the comment, its findings linked to the articles of the pinned release", async (t) => {
  const server = await new FakeGitHub().start();
  t.teardown(() => server.stop());
  const { d, env } = runner(server, issuesEvent('opened', { number: 12, body: generatedIssue(1, 'ssu2').body }));
  const r = await runStep('Triage', env, d);
  t.is(r.code, 0, r.stderr);
  const posted = server.comments.get(12)?.[0]?.body as string;
  t.regex(posted, new RegExp(`\\(https://github\\.com/i2pd-doctor/i2pd-doctor/blob/v${version.replace(/\./g, '\\.')}/kb/ssu2-socket-buffer-enobufs\\.md\\)`));
  t.true(existsSync(join(PACKAGE_ROOT, 'kb/ssu2-socket-buffer-enobufs.md')), 'the link points at an article the release has');
});

test("the action's index: built from gh issue list when missing, used for duplicates, the triaged issue added after", async (t) => {
  const server = await new FakeGitHub().start();
  t.teardown(() => server.stop());
  const { d, env } = runner(server, issuesEvent('opened', { number: 13, body: generatedIssue(13, 'ssu2').body }));
  const index = join(d, 'i2pd-doctor-index.json');
  const withIndex = { ...env, INDEX: index };
  const built = await runStep('Index of earlier issues', withIndex, d);
  t.is(built.code, 0, built.stderr);
  t.regex(readFileSync(join(d, 'gh-calls'), 'utf8'), /^issue list --repo example\/i2pd-reports --state all --limit 10000 --json number,title,body,author,comments,state,stateReason,closedByPullRequestsReferences$/m);
  t.is(JSON.parse(readFileSync(index, 'utf8')).issues.length, 12);
  const again = await runStep('Index of earlier issues', withIndex, d);
  t.is(again.code, 0);
  t.is(readFileSync(join(d, 'gh-calls'), 'utf8').split('\n').filter(Boolean).length, 1, 'an issue run reads the tracker only when there is no index');
  const r = await runStep('Triage', withIndex, d);
  t.is(r.code, 0, r.stderr);
  const said = server.comments.get(13)?.[0]?.body as string;
  t.deepEqual([...said.matchAll(/^- Looks like #(\d+) \(open\)/gm)].map((m) => Number(m[1])).sort((a, b) => a - b), [1, 7]);
  t.is(JSON.parse(readFileSync(index, 'utf8')).issues.length, 13, 'the triaged issue joined the index');
  const weekly = await runStep('Index of earlier issues', { ...withIndex, GITHUB_EVENT_NAME: 'schedule' }, d);
  t.is(weekly.code, 0, weekly.stderr);
  t.regex(weekly.stderr, /updated .*: 13 issues, 0 analysed/);
});
