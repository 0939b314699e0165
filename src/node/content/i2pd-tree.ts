// i2pd's sources for `rules coverage`: the release tags of a git repository (a clone or a bare
// mirror), read with git itself (no network), or one plain source tree. Problems are thrown as
// TreeError with a message that names the path and what to do.
import fg from 'fast-glob';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { callsOf, type Call } from '../../lint/coverage.js';

export class TreeError extends Error {}

/** Source files whose LogPrint calls count: the router, its clients, daemon and GUIs; not tests. */
const SOURCE = /\.(cpp|h)$/;
const NOT_SHIPPED = /^tests?\//;

export type Tree =
  | { kind: 'git'; path: string; gitDir: string; tags: string[] }
  | { kind: 'plain'; path: string };

const RELEASE = /^\d+\.\d+\.\d+$/;

/** Orders release versions: 2.9.0 before 2.10.0. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function git(gitDir: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new TreeError(code === 'ENOENT' ? 'git is not installed or not on PATH; install git, or give a plain source tree' : `git ${args[0]}: ${r.error.message}`);
  }
  if (r.status !== 0) throw new TreeError(`git ${args.join(' ')} in ${gitDir} failed: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

/** Whether `dir` is itself a git repository: a bare one, or the top of a work tree (not a folder inside one). */
function gitDirOf(dir: string): string | undefined {
  const ask = (what: string) => {
    const r = spawnSync('git', ['-C', dir, 'rev-parse', what], { encoding: 'utf8' });
    return r.error || r.status !== 0 ? undefined : r.stdout.trim();
  };
  const gitDir = ask('--absolute-git-dir');
  if (!gitDir) return undefined;
  const real = realpathSync(dir);
  if (ask('--is-bare-repository') === 'true') return realpathSync(gitDir) === real ? gitDir : undefined;
  const top = ask('--show-toplevel');
  return top && realpathSync(top) === real ? gitDir : undefined;
}

export function openTree(path: string): Tree {
  const abs = resolve(path);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new TreeError(`${path}: no such folder; give an i2pd git repository (git clone https://github.com/PurpleI2P/i2pd) or the root of an i2pd source tree`);
  }
  const gitDir = gitDirOf(abs);
  if (gitDir) {
    const tags = git(gitDir, ['tag', '--list']).toString().split('\n').filter((t) => RELEASE.test(t) && !t.startsWith('0.')).sort(compareVersions);
    if (tags.length === 0) throw new TreeError(`${path}: a git repository without i2pd release tags (2.x.y); fetch them (git fetch --tags), or give a plain source tree`);
    return { kind: 'git', path: abs, gitDir, tags };
  }
  return { kind: 'plain', path: abs };
}

/** The default releases: the newest tag, and 2.1.0 (the first 2.x) or else the oldest. */
export function defaultReleases(tree: Extract<Tree, { kind: 'git' }>): string[] {
  const newest = tree.tags[tree.tags.length - 1];
  const old = tree.tags.includes('2.1.0') ? '2.1.0' : tree.tags[0];
  return newest === old ? [newest] : [newest, old];
}

/** Blob contents by id, read in one `git cat-file --batch`. */
function readBlobs(gitDir: string, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const buf = git(gitDir, ['cat-file', '--batch'], ids.join('\n') + '\n');
  let at = 0;
  while (at < buf.length) {
    const nl = buf.indexOf(10, at);
    const [id, type, size] = buf.subarray(at, nl).toString().split(' ');
    if (type === 'missing') {
      at = nl + 1;
      continue;
    }
    const n = Number(size);
    out.set(id, buf.subarray(nl + 1, nl + 1 + n).toString('utf8'));
    at = nl + 1 + n + 1;
  }
  return out;
}

/** Calls by blob id, so a file unchanged between releases is read and scanned once. */
const callCache = new Map<string, Call[]>();

/** The calls at critical, error and warn of one release tag. */
export function releaseCalls(tree: Extract<Tree, { kind: 'git' }>, tag: string): Call[] {
  if (!tree.tags.includes(tag)) throw new TreeError(`${tree.path}: no release tag "${tag}"; its tags run from ${tree.tags[0]} to ${tree.tags[tree.tags.length - 1]} (git -C ${tree.path} tag)`);
  const files = git(tree.gitDir, ['ls-tree', '-r', '-z', tag]).toString().split('\0').filter(Boolean).flatMap((row) => {
    const tab = row.indexOf('\t');
    const [, type, id] = row.slice(0, tab).split(' ');
    const path = row.slice(tab + 1);
    return type === 'blob' && SOURCE.test(path) && !NOT_SHIPPED.test(path) ? [{ id, path }] : [];
  });
  const blobs = readBlobs(tree.gitDir, [...new Set(files.filter((f) => !callCache.has(`${f.id} ${f.path}`)).map((f) => f.id))]);
  const out: Call[] = [];
  for (const f of files.sort((a, b) => a.path.localeCompare(b.path))) {
    const key = `${f.id} ${f.path}`;
    let calls = callCache.get(key);
    if (!calls) {
      calls = callsOf(blobs.get(f.id) ?? '', f.path);
      callCache.set(key, calls);
    }
    out.push(...calls);
  }
  return out;
}

/** The calls at critical, error and warn of a plain source tree. */
export function plainCalls(tree: Extract<Tree, { kind: 'plain' }>): Call[] {
  const files = fg.sync(['**/*.cpp', '**/*.h'], { cwd: tree.path, ignore: ['**/node_modules/**', 'test/**', 'tests/**'] }).sort();
  return files.flatMap((f) => callsOf(readFileSync(join(tree.path, f), 'utf8'), f));
}
