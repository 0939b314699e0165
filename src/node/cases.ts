// Which sources make one case (one report). By default a folder that holds subfolders or archives
// is a folder of reports: each top-level subfolder, archive and loose file is a case. A folder of
// loose files only, files named on the command line, `--config` and stdin make one case, as
// `analyze` always did. `--case-per` overrides the guess.
import { createRequire } from 'node:module';
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { archiveKind } from './archive.js';
import { expandInputs, type SourceRef } from './sources.js';

/** fast-glob, loaded when a folder is planned: a case of files given by name does without (start-up, issue 17). */
const fg = (): typeof import('fast-glob') => createRequire(import.meta.url)('fast-glob');

export type CasePer = 'auto' | 'file' | 'dir' | 'archive';
export const CASE_PER: readonly CasePer[] = ['auto', 'file', 'dir', 'archive'];

export interface CaseSpec {
  name: string;
  refs: SourceRef[];
}

export interface Plan {
  cases: CaseSpec[];
  errors: string[];
}

const IGNORE = ['**/expect.json', '**/*.expect.json'];

/** An archive by its magic bytes; gzip only counts when its name says tar inside. */
export function isArchiveFile(path: string): boolean {
  let fd: number | undefined;
  try {
    // Opening a FIFO would wait for a writer.
    if (!statSync(path).isFile()) return false;
    fd = openSync(path, 'r');
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, 512, 0);
    const h = head.subarray(0, n);
    if (archiveKind(h)) return true;
    return h[0] === 0x1f && h[1] === 0x8b && /\.(tgz|tar\.gz)$/i.test(path);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function trim(p: string): string {
  return p.replace(/\/+$/, '') || '/';
}

function filesUnder(dir: string): string[] {
  return fg().sync(['**/*'], { cwd: dir, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: IGNORE }).sort().map((f) => `${dir}/${f}`);
}

function ref(path: string): SourceRef {
  return { name: path, path };
}

/** Top-level entries of a folder argument, as cases. */
function folderCases(dir: string, per: CasePer): CaseSpec[] {
  const d = trim(dir);
  const top = readdirSync(d, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && !IGNORE.some((g) => g.endsWith(`/${e.name}`) || e.name.endsWith('.expect.json')))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const subdirs = top.filter((e) => e.isDirectory()).map((e) => `${d}/${e.name}`);
  // Listed as the folder walk lists files, so one case of loose files reads what analyze always read.
  const loose = fg().sync(['*'], { cwd: d, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: IGNORE }).sort().map((f) => `${d}/${f}`);
  if (per === 'file') return filesUnder(d).map((f) => ({ name: f, refs: [ref(f)] }));
  if (per === 'auto') {
    // Subfolders without files (or only a symlink loop) do not make a folder of reports.
    const reports = subdirs.map((s) => ({ name: s, refs: filesUnder(s).map(ref) })).filter((c) => c.refs.length > 0);
    if (reports.length === 0 && !loose.some(isArchiveFile)) {
      const all = filesUnder(d);
      return all.length ? [{ name: d, refs: all.map(ref) }] : [];
    }
    return [...reports, ...loose.map((f) => ({ name: f, refs: [ref(f)] }))].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  // dir: a subfolder is a case, the loose files together are one; archive: archives apart too.
  const apart = (files: string[]) => (per === 'archive' ? files.filter(isArchiveFile) : []);
  const out: CaseSpec[] = [];
  const group = (name: string, files: string[]) => {
    const arch = apart(files);
    for (const a of arch) out.push({ name: a, refs: [ref(a)] });
    const rest = files.filter((f) => !arch.includes(f));
    if (rest.length) out.push({ name, refs: rest.map(ref) });
  };
  group(d, loose);
  for (const s of subdirs) group(s, filesUnder(s));
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function planCases(args: string[], configs: SourceRef[], per: CasePer): Promise<Plan> {
  const errors: string[] = [];
  const folders = args.filter(isDir);
  const others = args.filter((a) => !folders.includes(a));
  const expanded = await expandInputs(others);
  errors.push(...expanded.errors);
  const files = expanded.sources;
  // Today's behaviour: files, stdin, --config and folders that each hold one report make one case.
  const perFolder = folders.map((d) => folderCases(d, per));
  const severalArchives = files.length > 1 && files.every((f) => f.path && isArchiveFile(f.path));
  const oneCase = configs.length > 0 || (per === 'auto' && !severalArchives && perFolder.every((c) => c.length <= 1));
  if (oneCase) {
    const all = await expandInputs(args);
    const refs = [...all.sources, ...configs];
    if (refs.length === 0) return { cases: [], errors: [...all.errors] };
    const name = all.sources.length === 1 && folders.length === 0 ? all.sources[0].name : folders.length === 1 && others.length === 0 ? trim(folders[0]) : args.join(' ');
    return { cases: [{ name, refs }], errors: all.errors };
  }
  const cases: CaseSpec[] = files.map((f) => ({ name: f.name, refs: [f] }));
  for (const [i, d] of folders.entries()) {
    const found = perFolder[i];
    if (found.length === 0) errors.push(`${d}: the folder has no files to analyse`);
    cases.push(...found);
  }
  return { cases, errors };
}
