// The package as a user gets it: `npm pack` makes a tarball that installs into a clean folder
// and gives a working `i2pd-doctor` command, with its rules, articles and page. Offline: the
// folder is given copies of the dependencies package-lock.json pins, from this checkout's
// node_modules, so npm has nothing to fetch (and nothing here is written to).
import test from 'ava';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';

function run(cmd: string, args: string[], o: SpawnSyncOptions & { cwd: string }) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...o, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', ...o.env } });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The production dependencies package-lock.json pins, copied into `app/node_modules`. */
function seedDependencies(app: string): number {
  const lock = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; optional?: boolean }> };
  let n = 0;
  for (const [path, p] of Object.entries(lock.packages)) {
    if (path === '' || p.dev) continue;
    const from = join(PACKAGE_ROOT, path);
    if (!existsSync(from)) continue; // an optional package for another platform
    mkdirSync(dirname(join(app, path)), { recursive: true });
    cpSync(from, join(app, path), { recursive: true, dereference: true });
    n++;
  }
  return n;
}

test('npm pack makes a tarball that installs in a clean folder and runs as i2pd-doctor', (t) => {
  const work = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: PACKAGE_ROOT });
  t.is(packed.code, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const files = info.files.map((f) => f.path);
  t.true(files.includes('dist/cli/main.js'));
  t.true(files.includes('dist/site/index.html'), 'the page is built into the package');
  t.true(files.some((f) => f.startsWith('kb/')) && files.some((f) => f.startsWith('rules/')) && files.some((f) => f.startsWith('samples/')));
  t.false(files.some((f) => /^(src|test|scripts|bench)\//.test(f) || f === 'dist/.tsbuildinfo' || f.endsWith('.map')), 'sources, tests, build state and maps of absent sources stay out');

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'clean-folder', version: '1.0.0', private: true }));
  t.true(seedDependencies(app) > 10);
  const installed = run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', join(work, info.filename)], { cwd: app });
  t.is(installed.code, 0, installed.stderr);

  const bin = join(app, 'node_modules', '.bin', 'i2pd-doctor');
  const version = run(bin, ['--version'], { cwd: app });
  t.is(version.stdout.trim(), JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
  const sample = join(app, 'node_modules', 'i2pd-doctor', 'samples', 'sockets', 'ssu2-socket-buffer-enobufs-freebsd-floodfill.log');
  const analyzed = run(bin, ['analyze', sample], { cwd: app });
  t.is(analyzed.code, 1, analyzed.stderr);
  t.regex(analyzed.stdout, /SSU2 asks for larger UDP buffers than the kernel allows.*\[likely\]/);
  t.regex(analyzed.stdout, /sysctl kern\.ipc\.maxsockbuf=6553500/);
  t.regex(run(bin, ['kb', 'ssu2-socket-buffer-enobufs'], { cwd: app }).stdout, /kern\.ipc\.maxsockbuf/);
  const npx = run('npx', ['--offline', 'i2pd-doctor', 'rules', 'list'], { cwd: app });
  t.regex(npx.stdout, /^\d+ rules, \d+ articles, \d+ samples/, npx.stderr);
});
