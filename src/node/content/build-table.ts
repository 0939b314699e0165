// What the build found of the bundled content, kept in dist/content-table.json so that a run need
// not find it again: which files passed every check of their own, and each rule's guards. Both
// are keyed by a digest of the text they were found from, so an edited file or rule is checked
// and probed anew; they were half the start-up of `analyze` on a 10-line log (issue 17).
// `rules lint` does not use the table: checking the bundled content is its job.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKnowledge, type BuildRecords, type ContentFile } from '../../knowledge.js';
import type { FrontMatterReader } from '../../kb/front-matter.js';
import type { Rule } from '../../rules/rule.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface BuildTable {
  /** Digests of the bundled files that gave no problem when loaded alone. */
  checked: string[];
  /** A rule's guards (src/rules/guards.ts) by the digest of its conditions. */
  guards: Record<string, string[][]>;
}

export function buildTablePath(): string {
  return join(PACKAGE_ROOT, 'dist', 'content-table.json');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function conditionsKey(r: Rule): string {
  return digest(JSON.stringify(r.conditions));
}

/** The table of the bundled files, found as a run would find it: each file loaded alone, each rule probed. */
export async function makeBuildTable(files: Record<'signatures' | 'rules' | 'articles' | 'derived', ContentFile[]>, readFrontMatter: FrontMatterReader): Promise<BuildTable> {
  const none = { signatures: [], rules: [], articles: [], derived: [] };
  const checked: string[] = [];
  for (const kind of ['signatures', 'rules', 'derived'] as const) {
    for (const f of files[kind]) {
      if (f.pack !== undefined) continue;
      if (buildKnowledge({ ...none, [kind]: [f] }, readFrontMatter).problems.length === 0) checked.push(digest(f.text));
    }
  }
  const guards: Record<string, string[][]> = {};
  for (const [rule, g] of await buildKnowledge(files, readFrontMatter).runner.probedGuards()) guards[conditionsKey(rule)] = g.map((x) => [...x]);
  return { checked: [...new Set(checked)].sort(), guards };
}

function isTable(t: unknown): t is BuildTable {
  if (!t || typeof t !== 'object') return false;
  const { checked, guards } = t as Partial<BuildTable>;
  return (
    Array.isArray(checked) &&
    checked.every((x) => typeof x === 'string') &&
    !!guards &&
    typeof guards === 'object' &&
    !Array.isArray(guards) &&
    Object.values(guards).every((g) => Array.isArray(g) && g.every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string')))
  );
}

/** The records a table gives. */
export function recordsOf(t: BuildTable): BuildRecords {
  const checked = new Set(t.checked);
  const guards = new Map(Object.entries(t.guards));
  return {
    checked: (f: ContentFile) => checked.has(digest(f.text)),
    guards: (r: Rule) => guards.get(conditionsKey(r)),
  };
}

let records: BuildRecords | null | undefined;

/** The build's records for this process, read once; undefined without a table (a run from the sources before a build, a damaged file). */
export function buildRecords(): BuildRecords | undefined {
  if (records === undefined) {
    try {
      const t: unknown = JSON.parse(readFileSync(buildTablePath(), 'utf8'));
      records = isTable(t) ? recordsOf(t) : null;
    } catch {
      records = null;
    }
  }
  return records ?? undefined;
}
