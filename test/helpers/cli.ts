import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds it first) the way a user would, in the repository or in `cwd`. */
export function cli(args: string[], input?: string, env: Record<string, string> = {}, timeout = 60_000, cwd = PACKAGE_ROOT): Run {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same, without blocking this process: for tests that serve the CLI from here (a stand-in
 * for GitHub's API on 127.0.0.1), which spawnSync would leave unanswered.
 */
export function cliAsync(args: string[], input?: string, env: Record<string, string> = {}, cwd = PACKAGE_ROOT): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** Runs the built CLI on a terminal (a pseudo-terminal from util-linux `script`), as a user at one would. */
export function cliOnTerminal(args: string[], env: Record<string, string> = {}, timeout = 60_000): Run {
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`;
  const cmd = [process.execPath, join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args].map(quote).join(' ');
  // A pseudo-terminal 120 columns wide; `script` copies what the CLI wrote, with CR LF line ends.
  const r = spawnSync('script', ['-qec', `stty cols 120; ${cmd}`, '/dev/null'], { cwd: PACKAGE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout });
  return { code: r.status, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: r.stderr };
}
