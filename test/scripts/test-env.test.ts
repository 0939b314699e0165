// npm test on a machine without Chromium stops in its first seconds with the command that
// installs it, before building anything; with Chromium it goes on to the page tests.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { chromiumPath, chromiumProblem, installCommand } from '../helpers/chromium.js';

const NONE = { ...process.env, CHROMIUM: '/nonexistent/chromium' };

/** Runs a command in its own process group, killed whole after `ms`: a nested npm test must not outlive the test. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, ms: number): Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: PACKAGE_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), ms);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

test('without Chromium, npm test fails at once and names the one command that fixes it', async (t) => {
  t.regex(chromiumProblem(NONE) ?? '', /CHROMIUM=\/nonexistent\/chromium does not exist/);
  // Seconds, not the minutes a build and a full run take: a margin for a loaded machine.
  const r = await run('npm', ['test'], NONE, 60_000);
  t.not(r.status, 0);
  t.true(r.seconds < 30, `it took ${r.seconds} s`);
  t.true(r.stderr.includes(`\n    ${installCommand()}\n`), r.stderr);
  t.regex(installCommand(), /^(sudo )?(apt-get install -y|dnf install -y|pacman -S --noconfirm|apk add) chromium$|^brew install --cask chromium$/);
  t.notRegex(r.stdout + r.stderr, /build:web: |✔|tests? passed/, 'nothing was built or run');
  t.notRegex(r.stderr, /\n\s+at /, 'no stack trace');
});

test('with Chromium where the page tests look for it, the check lets npm test go on', (t) => {
  t.truthy(chromiumPath(), 'this machine runs the page tests (.ci/run installs Chromium)');
  t.is(chromiumProblem(), undefined);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-chromium.ts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  t.is(r.status, 0, r.stderr);
  t.is(r.stderr, '');
  // CI installs it before the tests, so the suite there always has it.
  const ci = readFileSync(join(PACKAGE_ROOT, '.ci/run'), 'utf8');
  t.regex(ci, /apt-get install -y chromium[\s\S]*\nnpm test\n/);
});
