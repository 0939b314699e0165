// Lists the files of a folder given to analyze: regular files only, no dot files, no symlink
// followed, sorted. A place that cannot be listed (no permission, vanished) is one skipped place
// with its reason, never the end of the run; names are read as bytes, so a file named in Latin-1
// on a UTF-8 system is still opened (by its bytes) and shown with the odd byte visible.
import * as nodeFs from 'node:fs';
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import { labelOfBytes, sourceLabel } from '../../report/safe-text.js';

export interface WalkedFile {
  /** What reports show: one line, odd bytes as `\xe9`. */
  name: string;
  /** What opens it: a string when the name is UTF-8, else its bytes. */
  path: string | Buffer;
}

export interface Walk {
  files: WalkedFile[];
  /** Places skipped, each with its reason and what to do. */
  errors: string[];
}

/** Past this many files a folder is no report; the rest is skipped and said so. */
export const MAX_WALK_FILES = 200_000;

// Never a report folder: walking them reads the kernel's pseudo-files, devices or the whole disk.
const SYSTEM = /^\/(?:proc|sys|dev)(?:\/|$)/;

/** Why a folder must not be walked at all (the root, /proc…), or undefined. */
export function unwalkable(dir: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return undefined;
  }
  const label = sourceLabel(dir);
  if (real === '/') return `${label}: the file system root ${dir.replace(/\/+$/, '') === '' ? 'itself' : '(a link to /)'} is not a report folder; skipped. Give the folder that holds the report`;
  if (SYSTEM.test(real)) return `${label}: is the system folder ${real}, not a report folder; skipped. Give the folder that holds the report`;
  return undefined;
}

export interface WalkOptions {
  /** 1: the folder's own files only. */
  depth?: number;
  /** Names (not paths) to leave out, besides dot files. */
  ignore?: (name: string) => boolean;
}

export function listError(label: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'EACCES' || e.code === 'EPERM') return `${label}: permission denied, so the folder cannot be listed; skipped. Run as a user who can read it`;
  if (e.code === 'ENOENT') return `${label}: vanished before it could be listed; skipped`;
  return `${label}: cannot be listed (${e.code ?? e.message}); skipped`;
}

const SLASH = Buffer.from('/');

/** The files under `dir` (a path as given), as `${dir}/${relative}`. */
export function walkFiles(dir: string, o: WalkOptions = {}): Walk {
  const out: Walk = { files: [], errors: [] };
  const base = dir.replace(/\/+$/, '') || '/';
  const why = unwalkable(base);
  if (why) {
    out.errors.push(why);
    return out;
  }
  const prefix = base === '/' ? '' : base;
  // Folders still to list, as bytes relative to `base`, with their depth; listed in sorted order.
  const stack: Array<{ rel: Buffer; depth: number }> = [{ rel: Buffer.alloc(0), depth: 0 }];
  const found: Array<{ rel: Buffer; label: string }> = [];
  while (stack.length > 0) {
    const { rel, depth } = stack.pop()!;
    const abs = Buffer.concat([Buffer.from(prefix), rel.length ? SLASH : Buffer.alloc(0), rel]);
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(abs.length ? abs : SLASH, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      out.errors.push(listError(labelOfBytes(abs), e as NodeJS.ErrnoException));
      continue;
    }
    for (const e of entries) {
      // A dot file or folder (.git, .cache) is never part of a report.
      if (e.name[0] === 0x2e) continue;
      const child = rel.length ? Buffer.concat([rel, SLASH, e.name]) : Buffer.from(e.name);
      if (e.isDirectory()) {
        if (o.depth === undefined || depth + 1 < o.depth) stack.push({ rel: child, depth: depth + 1 });
      } else if (e.isFile()) {
        const label = labelOfBytes(e.name);
        if (o.ignore?.(label)) continue;
        if (found.length >= MAX_WALK_FILES) {
          out.errors.push(`${sourceLabel(base)}: more than ${MAX_WALK_FILES.toLocaleString('en-US')} files; the rest were skipped. Give the folder that holds the report`);
          stack.length = 0;
          break;
        }
        found.push({ rel: child, label: labelOfBytes(child) });
      }
    }
  }
  // The order fast-glob gave: by relative path, as JavaScript compares strings.
  found.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const shown = sourceLabel(base === '/' ? '' : base);
  for (const f of found) {
    const bytes = Buffer.concat([Buffer.from(prefix), SLASH, f.rel]);
    const text = bytes.toString('utf8');
    // A path that is UTF-8 goes on as a string; any other is opened by its bytes.
    out.files.push({ name: `${shown}/${f.label}`, path: Buffer.from(text).equals(bytes) ? text : bytes });
  }
  return out;
}

/**
 * fast-glob, with what it cannot list recorded in `errors` and skipped: its own error handling
 * would give up on the whole pattern at the first folder it may not read.
 */
export function globSync(fg: typeof import('fast-glob'), patterns: string[], options: import('fast-glob').Options, errors: string[]): string[] {
  const readdirSync = ((dir: string, opts: never) => {
    try {
      return nodeFs.readdirSync(dir, opts);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const msg = listError(sourceLabel(String(dir)), err);
      // A folder that is not there matches nothing, as fast-glob itself treats it.
      if (err.code !== 'ENOTDIR' && err.code !== 'ENOENT' && !errors.includes(msg)) errors.push(msg);
      throw e;
    }
  }) as typeof nodeFs.readdirSync;
  return fg.sync(patterns, { ...options, suppressErrors: true, fs: { ...nodeFs, readdirSync } }).sort();
}

/** The files a glob given on the command line matches. */
export function globFiles(pattern: string, fg: typeof import('fast-glob')): Walk {
  const errors: string[] = [];
  const files = globSync(fg, [pattern], { onlyFiles: true, dot: false }, errors);
  return { files: files.map((f) => ({ name: sourceLabel(f), path: f })), errors };
}

/**
 * Node decodes a command-line argument that is not UTF-8 (a Latin-1 file name) with U+FFFD in
 * place of each odd byte, which names no file. The one entry of its folder whose name decodes
 * to the same text is the file meant: its bytes open it.
 */
export function recoverBytes(arg: string): Buffer | undefined {
  if (!arg.includes('\ufffd')) return undefined;
  const slash = arg.lastIndexOf('/');
  const dir = slash === -1 ? '.' : arg.slice(0, slash) || '/';
  const base = arg.slice(slash + 1);
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return undefined;
  }
  const hits = names.filter((n) => n.toString('utf8') === base);
  if (hits.length !== 1) return undefined;
  return slash === -1 ? hits[0] : Buffer.concat([Buffer.from(arg.slice(0, slash + 1)), hits[0]]);
}
