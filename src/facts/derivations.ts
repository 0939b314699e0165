// Facts derived from other facts, as content (rules/derived/*.json, docs/formats.md): the platforms
// a report can name and what in a log tells them, and values computed from two derived facts.
// Knowledge a contributor extends without TypeScript; here it is compiled into the form the
// per-line code reads (flat arrays and maps: a quick line tests two names, not a tree).
import type { ConfigValue } from '../model.js';

/** One rules/derived/*.json as its schema (derived) describes it. */
export interface DerivedFile {
  platforms?: Record<string, { family?: string }>;
  errno?: Array<{ os: string; codes?: number[]; from?: number; to?: number; source: string }>;
  headerPaths?: Array<{ prefix: string; os: string; source: string }>;
  modules?: Array<{ module: string; os: string; source: string }>;
  compare?: Comparison[];
}

export interface Comparison {
  left: string;
  op: 'lessThan' | 'greaterThan';
  times?: number;
  right: string;
  set?: string;
  hint?: string;
  weight?: number;
}

export interface Derivations {
  /** Platform name -> the broader one it belongs to ('' for none). */
  family: Map<string, string>;
  /** errno number as printed ("55") -> platform. */
  errno: Map<string, string>;
  errnoRanges: Array<{ from: number; to: number; os: string }>;
  /** Tried in order; the first prefix that fits is taken. */
  headerPaths: Array<{ prefix: string; os: string }>;
  /** Modules of one platform, and that platform at the same index. */
  modules: string[];
  moduleOs: string[];
  compare: Comparison[];
}

export function emptyDerivations(): Derivations {
  return { family: new Map(), errno: new Map(), errnoRanges: [], headerPaths: [], modules: [], moduleOs: [], compare: [] };
}

/**
 * Compiles the files, in load order (a later pack adds to the bundled content, and its errno
 * numbers replace the same ones): each problem names the file and the JSON path, and what to do.
 * A file whose shape is wrong is left out by the caller; here every platform a hint names must be
 * one of the platforms of some file.
 */
export function compileDerivations(files: ReadonlyArray<{ name: string; data: DerivedFile }>, problems: string[]): Derivations {
  const d = emptyDerivations();
  for (const { data } of files) for (const [name, p] of Object.entries(data.platforms ?? {})) d.family.set(name, p.family ?? '');
  const known = (file: string, at: string, os: string | undefined): boolean => {
    if (os === undefined || d.family.has(os)) return true;
    problems.push(`${file}: ${at}: "${os}" is no platform of rules/derived/ (known: ${[...d.family.keys()].join(', ')}); add it to "platforms" or use a known name`);
    return false;
  };
  for (const { name, data } of files) {
    for (const [p, v] of Object.entries(data.platforms ?? {})) known(name, `$.platforms.${p}.family`, v.family);
    (data.errno ?? []).forEach((e, i) => {
      if (!known(name, `$.errno[${i}].os`, e.os)) return;
      for (const c of e.codes ?? []) d.errno.set(String(c), e.os);
      if (e.from !== undefined && e.to !== undefined) d.errnoRanges.push({ from: e.from, to: e.to, os: e.os });
    });
    (data.headerPaths ?? []).forEach((h, i) => {
      if (known(name, `$.headerPaths[${i}].os`, h.os)) d.headerPaths.push({ prefix: h.prefix, os: h.os });
    });
    (data.modules ?? []).forEach((m, i) => {
      if (!known(name, `$.modules[${i}].os`, m.os)) return;
      d.modules.push(m.module);
      d.moduleOs.push(m.os);
    });
    (data.compare ?? []).forEach((c, i) => {
      if (known(name, `$.compare[${i}].hint`, c.hint)) d.compare.push(c);
    });
  }
  return d;
}

/**
 * Applies the comparisons to a case's derived facts, in load order: a `set` writes its outcome
 * (true or false) into `derived`, a `hint` that holds counts `weight` towards its platform.
 */
export function applyComparisons(d: Derivations, derived: Record<string, ConfigValue>, hints: Map<string, number>): void {
  for (const c of d.compare) {
    const left = derived[c.left];
    const right = derived[c.right];
    if (typeof left !== 'number' || typeof right !== 'number') continue;
    const r = (c.times ?? 1) * right;
    const holds = c.op === 'lessThan' ? left < r : left > r;
    if (c.set !== undefined) derived[c.set] = holds;
    if (c.hint !== undefined && holds) hints.set(c.hint, (hints.get(c.hint) ?? 0) + (c.weight ?? 1));
  }
}
