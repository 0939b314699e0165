// Which sources make one case (one report). By default a folder that holds subfolders or archives
// is a folder of reports: each top-level subfolder, archive and loose file is a case. A folder of
// loose files only, files named on the command line, `--config` and stdin make one case, as
// `analyze` always did. `--case-per` overrides the guess.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { sourceLabel } from '../../report/safe-text.js';
import { archiveKind } from '../../read/archive-kind.js';
import { expandInputs, IGNORED, type SourceRef } from '../read/sources.js';
import { walkFiles, type WalkedFile } from '../read/walk.js';

export type CasePer = 'auto' | 'file' | 'dir' | 'archive';

export interface CaseSpec {
  name: string;
  refs: SourceRef[];
}

export interface Plan {
  cases: CaseSpec[];
  errors: string[];
}

/** An archive by its magic bytes; gzip only counts when its name says tar inside. */
export function isArchiveFile(path: string | Uint8Array): boolean {
  let fd: number | undefined;
  // A name's bytes come back from a worker thread as a plain Uint8Array, which fs refuses.
  const p = typeof path === 'string' || Buffer.isBuffer(path) ? path : Buffer.from(path);
  try {
    // Opening a FIFO would wait for a writer.
    if (!statSync(p).isFile()) return false;
    fd = openSync(p, 'r');
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, 512, 0);
    const h = head.subarray(0, n);
    if (archiveKind(h)) return true;
    return h[0] === 0x1f && h[1] === 0x8b && /\.(tgz|tar\.gz)$/i.test(typeof path === 'string' ? path : Buffer.from(path).toString('latin1'));
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

/** The folder walks of one plan: what they could not list is said once, with the plan's errors. */
class Walker {
  readonly errors: string[] = [];
  files(dir: string, depth?: number): WalkedFile[] {
    const w = walkFiles(dir, { depth, ignore: IGNORED });
    for (const e of w.errors) if (!this.errors.includes(e)) this.errors.push(e);
    return w.files;
  }
}

function ref(f: WalkedFile): SourceRef {
  return { name: f.name, path: f.path };
}

/** Top-level entries of a folder argument, as cases. */
function folderCases(dir: string, per: CasePer, walker: Walker): CaseSpec[] {
  const d = trim(dir);
  const label = sourceLabel(d);
  const all = walker.files(d);
  // Each file's first path part under the folder: a subfolder's name, or none for a loose file.
  const sub = (f: WalkedFile) => {
    const rest = f.name.slice(label.length + 1);
    const slash = rest.indexOf('/');
    return slash === -1 ? undefined : rest.slice(0, slash);
  };
  const loose = all.filter((f) => sub(f) === undefined);
  const bySub = new Map<string, WalkedFile[]>();
  for (const f of all) {
    const s = sub(f);
    if (s !== undefined) bySub.set(s, [...(bySub.get(s) ?? []), f]);
  }
  const subdirs = [...bySub.keys()].sort();
  if (per === 'file') return all.map((f) => ({ name: f.name, refs: [ref(f)] }));
  if (per === 'auto') {
    // Subfolders without files (or only a symlink loop) do not make a folder of reports.
    const reports = subdirs.map((s) => ({ name: `${label}/${s}`, refs: bySub.get(s)!.map(ref) }));
    if (reports.length === 0 && !loose.some((f) => isArchiveFile(f.path))) return all.length ? [{ name: label, refs: all.map(ref) }] : [];
    return [...reports, ...loose.map((f) => ({ name: f.name, refs: [ref(f)] }))].sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  // dir: a subfolder is a case, the loose files together are one; archive: archives apart too.
  const out: CaseSpec[] = [];
  const group = (name: string, files: WalkedFile[]) => {
    const arch = per === 'archive' ? files.filter((f) => isArchiveFile(f.path)) : [];
    for (const a of arch) out.push({ name: a.name, refs: [ref(a)] });
    const rest = files.filter((f) => !arch.includes(f));
    if (rest.length) out.push({ name, refs: rest.map(ref) });
  };
  group(label, loose);
  for (const s of subdirs) group(`${label}/${s}`, bySub.get(s)!);
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
  const walker = new Walker();
  const perFolder = folders.map((d) => folderCases(d, per, walker));
  errors.push(...walker.errors);
  const severalArchives = files.length > 1 && files.every((f) => f.path && isArchiveFile(f.path));
  const oneCase = configs.length > 0 || (per === 'auto' && !severalArchives && perFolder.every((c) => c.length <= 1));
  if (oneCase) {
    const all = await expandInputs(args);
    const refs = [...all.sources, ...configs];
    if (refs.length === 0) return { cases: [], errors: [...all.errors] };
    const name = all.sources.length === 1 && folders.length === 0 ? all.sources[0].name : folders.length === 1 && others.length === 0 ? sourceLabel(trim(folders[0])) : sourceLabel(args.join(' '));
    return { cases: [{ name, refs }], errors: all.errors };
  }
  const cases: CaseSpec[] = files.map((f) => ({ name: f.name, refs: [f] }));
  for (const [i, d] of folders.entries()) {
    const found = perFolder[i];
    if (found.length === 0 && !walker.errors.some((e) => e.startsWith(`${sourceLabel(trim(d))}:`))) errors.push(`${sourceLabel(d)}: the folder has no files to analyse`);
    cases.push(...found);
  }
  return { cases, errors };
}
