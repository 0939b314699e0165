// Which content a run uses: the bundled pack, packs named in the project config
// (.i2pd-doctor.json in the current folder) and packs given with --rules, in that order; then the
// config's disabled rules and changed severities.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { SEVERITIES, type Severity } from '../../model.js';
import type { Knowledge } from '../../knowledge.js';
import { RuleRunner } from '../../rules/runner.js';
import { loadKnowledge, PACKAGE_ROOT, type PackIssues } from './content-loader.js';

export const CONFIG_FILE = '.i2pd-doctor.json';

export interface ProjectConfig {
  packs?: string[];
  disable?: string[];
  severity?: Record<string, Severity>;
}

export interface Content {
  knowledge: Knowledge;
  /** Pack roots, bundled first. */
  packs: string[];
  /** The packs the project config names (resolved), whether or not they could be read. */
  configPacks: string[];
  /** Problems that make the content unusable as given (exit 2). */
  errors: string[];
  /** Of the errors, the pack folders that do not exist or hold no pack at all. */
  unreadable: string[];
}

export const PACK_FOLDERS = ['rules', 'kb', 'samples'] as const;

/** The folders of a pack that `root` lacks. */
export function missingPackFolders(root: string): string[] {
  return PACK_FOLDERS.filter((d) => !existsSync(join(root, d)));
}

/** Why `p` cannot be used as a pack, or undefined. */
function unreadablePack(p: string): string | undefined {
  if (!existsSync(p) || !statSync(p).isDirectory()) return `${p}: no such folder; a pack is a folder with rules/, kb/ and samples/ (CONTRIBUTING.md, Packs)`;
  if (missingPackFolders(p).length === PACK_FOLDERS.length) {
    return `${p}: not a pack: it has none of rules/, kb/, samples/; point --rules at the pack's own folder, or start one with i2pd-doctor rules new <id> --rules ${p}`;
  }
  return undefined;
}

function readConfig(file: string, errors: string[]): ProjectConfig {
  let c: unknown;
  try {
    c = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    errors.push(`${file}: not valid JSON: ${(e as Error).message}`);
    return {};
  }
  const o = (c && typeof c === 'object' && !Array.isArray(c) ? c : {}) as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['packs', 'disable', 'severity', '$schema'].includes(k)) errors.push(`${file}: $.${k}: unknown setting; use "packs", "disable" or "severity"`);
  const list = (k: string) => {
    const v = o[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      errors.push(`${file}: $.${k}: an array of strings`);
      return undefined;
    }
    return v as string[];
  };
  const sev = o.severity;
  if (sev !== undefined && (typeof sev !== 'object' || sev === null || Array.isArray(sev))) errors.push(`${file}: $.severity: an object of rule id → ${SEVERITIES.join('|')}`);
  return { packs: list('packs')?.map((p) => resolve(dirname(file), p)), disable: list('disable'), severity: sev as Record<string, Severity> | undefined };
}

/** `useBuild` as loadKnowledge's: false where the bundled content itself is being checked. */
export function loadContent(rulesDirs: string[] = [], cwd = process.cwd(), useBuild = true): Content {
  const errors: string[] = [];
  const cfgFile = resolve(cwd, CONFIG_FILE);
  const cfg = existsSync(cfgFile) ? readConfig(cfgFile, errors) : {};
  const packs = [PACKAGE_ROOT];
  const unreadable: string[] = [];
  for (const p of [...(cfg.packs ?? []), ...rulesDirs.map((d) => resolve(cwd, d))]) {
    const why = unreadablePack(p);
    if (why) unreadable.push(why);
    else if (!packs.includes(p)) packs.push(p);
  }
  const issues: PackIssues = { refused: [], folders: [], empty: [] };
  const k = loadKnowledge(packs, issues, useBuild);
  // A pack that cannot be used as given (too large, a folder linked outside it, nothing in it)
  // is as good as absent: lint has nothing to check, and analyze must not pass it silently.
  unreadable.push(...issues.refused, ...issues.folders.filter((f) => inPacks(f.slice(0, f.indexOf(': ')), packs.slice(1), cwd)));
  for (const p of issues.empty) if (p !== PACKAGE_ROOT) unreadable.push(`${p}: holds no signatures, rules, articles or message catalogue; point --rules at the pack's own folder (it has rules/, kb/ and samples/), or start one with i2pd-doctor rules new <id> --rules ${p}`);
  errors.push(...unreadable);
  // Problems in the bundled content are warnings (CI keeps them out); in a user's pack, errors.
  const warnings = k.problems.filter((p) => !inPacks(p.slice(0, p.indexOf(': ')), packs.slice(1), cwd));
  errors.push(...k.problems.filter((p) => !warnings.includes(p)));
  let rules = k.rules;
  for (const id of cfg.disable ?? []) {
    if (!k.runner.byId.has(id)) errors.push(`${cfgFile}: $.disable: no rule "${id}"; run i2pd-doctor rules list`);
    rules = rules.filter((r) => r.id !== id);
  }
  for (const [id, s] of Object.entries(cfg.severity ?? {})) {
    if (!k.runner.byId.has(id)) errors.push(`${cfgFile}: $.severity: no rule "${id}"; run i2pd-doctor rules list`);
    else if (!SEVERITIES.includes(s)) errors.push(`${cfgFile}: $.severity["${id}"]: "${String(s)}" is not one of ${SEVERITIES.join(', ')}`);
    else rules = rules.map((r) => (r.id === id ? { ...r, severity: s } : r));
  }
  const knowledge = rules === k.rules ? k : { ...k, rules, runner: new RuleRunner(rules, k.runner.known) };
  return { knowledge: { ...knowledge, problems: warnings }, packs, configPacks: cfg.packs ?? [], errors, unreadable };
}

/** Whether a file named in a message (relative to cwd) lies in one of the packs. */
export function inPacks(file: string, packs: string[], cwd = process.cwd()): boolean {
  const abs = resolve(cwd, file);
  return packs.some((p) => abs === p || abs.startsWith(p + sep));
}
