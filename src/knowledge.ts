// The loaded content — signatures, rules, articles, derived facts — compiled once and shared by every case.
// Pure: the CLI loads it from disk, the web page from a bundle.
import { compileDerivations, type DerivedFile, type Derivations } from './facts/derivations.js';
import { parseArticle, type Article } from './kb/article.js';
import type { FrontMatterReader } from './kb/front-matter.js';
import { Matcher } from './match/matcher.js';
import { compileSignature, type Signature, type SignatureFile } from './match/signature.js';
import { checkRule, type Rule } from './rules/rule.js';
import { RuleRunner, type KnownGuards } from './rules/runner.js';
import { unsafeReason } from './rules/safe-regex.js';
import { schemaErrors } from './schemas/validate.js';

export interface ContentFile {
  /** Path relative to the pack, for messages (`rules/signatures/ssu2.json`). */
  name: string;
  text: string;
  /**
   * The pack it came from, when it is not the bundled content: untrusted, so its patterns run in
   * the linear-time engine and the pack is held to PACK_LIMITS.
   */
  pack?: string;
}

/** What one pack may hold: ten times the bundled content and more. A larger one is refused whole. */
export const PACK_LIMITS = { signatures: 5000, rules: 2000, articles: 2000 } as const;

export function packTooLarge(pack: string, what: keyof typeof PACK_LIMITS, n: number): string {
  const f = (x: number) => x.toLocaleString('en-US');
  return `${pack}: more than ${f(PACK_LIMITS[what])} ${what} (${f(n)}); a pack this large is not supported: split it`;
}

export interface Knowledge {
  signatures: Signature[];
  matcher: Matcher;
  rules: Rule[];
  runner: RuleRunner;
  articles: Map<string, Article>;
  /** Platforms and what tells them, and comparisons of derived facts (rules/derived/). */
  derivations: Derivations;
  /** Problems found while loading: each names the file and what to do. Bad items are skipped. */
  problems: string[];
  /** Packs refused whole (past PACK_LIMITS), each with its message. */
  refused?: string[];
}

/**
 * What the build found of the bundled content, so that a run need not find it again (the CLI
 * reads it from the table src/node/content/build-table.ts writes). A pack's files never use it.
 */
export interface BuildRecords {
  /** Whether this file gave no problem at all when the build loaded it alone: its own checks are not run again. */
  checked(f: ContentFile): boolean;
  guards: KnownGuards;
}

const FORBIDDEN_KEY = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

/** Facts are plain objects keyed by these names: none may reach an object's prototype. */
function pollutingKey(spec: SignatureFile['signatures'][number]): string | undefined {
  for (const k of Object.keys(spec.sets ?? {})) if (FORBIDDEN_KEY.test(k)) return `"sets" key "${k}" names a forbidden property`;
  const group = spec.pattern && /\(\?<(__proto__|constructor|prototype)>/.exec(spec.pattern);
  if (group) return `capture group name "${group[1]}" is forbidden`;
  return undefined;
}

const MAX_CONTENT_BYTES = 1024 * 1024;
/**
 * Nesting a content file may have. The schema validator and the condition checks recurse, so
 * 10,000 levels would overflow the stack; no rule needs a hundred.
 */
export const MAX_JSON_DEPTH = 256;

/** Whether a parsed value nests deeper than `max`, found without recursion. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return false;
}

function parseJson(f: ContentFile, problems: string[], checked = false): unknown {
  if (f.text.length > MAX_CONTENT_BYTES) {
    problems.push(`${f.name}: larger than 1 MiB; split it`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(f.text);
  } catch (e) {
    problems.push(`${f.name}: not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
  // Not an object at all: the schema says so at once, without descending.
  if (!checked && data !== null && typeof data === 'object' && !Array.isArray(data) && deeperThan(data, MAX_JSON_DEPTH)) {
    problems.push(`${f.name}: nested more than ${MAX_JSON_DEPTH} levels deep; flatten it`);
    return undefined;
  }
  return data;
}

/** Packs with more of `what` than PACK_LIMITS allows, with their messages. */
function oversized(counts: Map<string, number>, what: keyof typeof PACK_LIMITS): Map<string, string> {
  const out = new Map<string, string>();
  for (const [pack, n] of counts) if (n > PACK_LIMITS[what]) out.set(pack, packTooLarge(pack, what, n));
  return out;
}

/** The derived-facts files that are valid JSON of their schema's shape, each problem said with its JSON path. */
function derivedFiles(files: readonly ContentFile[], refused: Map<string, string>, problems: string[], checked: (f: ContentFile) => boolean): Array<{ name: string; data: DerivedFile }> {
  const out: Array<{ name: string; data: DerivedFile }> = [];
  for (const f of files) {
    if (f.pack && refused.has(f.pack)) continue;
    const data = parseJson(f, problems, checked(f));
    if (data === undefined) continue;
    const errs = checked(f) ? [] : schemaErrors('derived', data);
    // A file with a shape error is left out whole: half a platform table guesses worse than none.
    if (errs.length > 0) for (const e of errs) problems.push(`${f.name}: ${e}`);
    else out.push({ name: f.name, data: data as DerivedFile });
  }
  return out;
}

/**
 * `readFrontMatter` reads the articles' YAML front matter (src/kb/front-matter.ts: a table made at
 * build, yaml on a miss); `records`, what the build found of the bundled files.
 */
export function buildKnowledge(
  files: { signatures: ContentFile[]; rules: ContentFile[]; articles: ContentFile[]; derived?: ContentFile[] },
  readFrontMatter: FrontMatterReader,
  records?: BuildRecords,
): Knowledge {
  const problems: string[] = [];
  // Checks across files (ids used twice, pack limits) are run whatever the records say.
  // Asked twice a file (its parse, its checks); each answer costs a digest of the text.
  const vouched = new Map<ContentFile, boolean>();
  const checked = (f: ContentFile) => {
    let v = vouched.get(f);
    if (v === undefined) vouched.set(f, (v = f.pack === undefined && records?.checked(f) === true));
    return v;
  };
  const signatures: Signature[] = [];
  const seen = new Set<string>();
  const parsed = files.signatures.map((f) => [f, parseJson(f, problems, checked(f)) as SignatureFile | undefined] as const);
  // A pack past the limits is refused whole, before anything of it is compiled.
  const counts = new Map<string, number>();
  for (const [f, data] of parsed) if (f.pack && Array.isArray(data?.signatures)) counts.set(f.pack, (counts.get(f.pack) ?? 0) + data.signatures.length);
  const refused = oversized(counts, 'signatures');
  for (const [f, data] of parsed) {
    if (!data || (f.pack && refused.has(f.pack))) continue;
    const clean = checked(f);
    const errs = clean ? [] : schemaErrors('signatures', data);
    for (const e of errs) problems.push(`${f.name}: ${e}`);
    if (!Array.isArray(data.signatures)) continue;
    data.signatures.forEach((spec, i) => {
      const at = `${f.name}: $.signatures[${i}]`;
      // A signature with a shape error is left out; the rest of its file still loads.
      if (errs.some((e) => e.startsWith(`$.signatures[${i}]`))) return;
      if (seen.has(spec.id)) {
        const prev = signatures.findIndex((x) => x.id === spec.id);
        if (!spec.override) {
          problems.push(`${at}.id: signature id "${spec.id}" is already used by ${signatures[prev]?.file}; rename it, or add "override": true to replace it`);
          return;
        }
        signatures.splice(prev, 1);
      }
      const why = clean ? undefined : ((spec.pattern !== undefined ? unsafeReason(spec.pattern) : undefined) ?? pollutingKey(spec));
      if (why) {
        problems.push(`${at}.${why.startsWith('"sets"') ? 'sets' : 'pattern'}: ${why}; signature ${spec.id} skipped`);
        return;
      }
      try {
        signatures.push(compileSignature(spec, data, f.name, f.pack !== undefined));
        seen.add(spec.id);
      } catch (e) {
        problems.push(`${at}: ${(e as Error).message}`);
      }
    });
  }
  const rules: Rule[] = [];
  for (const f of files.rules) {
    if (f.pack && refused.has(f.pack)) continue;
    const data = parseJson(f, problems, checked(f));
    if (data === undefined) continue;
    const errs = checked(f) ? [] : checkRule(data, f.pack !== undefined);
    if (errs.length) {
      for (const e of errs) problems.push(`${f.name}: ${e}`);
      continue;
    }
    const r = data as Rule;
    const at = rules.findIndex((x) => x.id === r.id);
    if (at >= 0) {
      // A later pack may replace a rule, but only when it says so.
      if (r.override) rules[at] = { ...r, file: f.name };
      else problems.push(`${f.name}: $.id: rule id "${r.id}" is already used by ${rules[at].file}; rename it, or add "override": true to replace that rule`);
      continue;
    }
    rules.push({ ...r, file: f.name });
  }
  const articles = new Map<string, Article>();
  for (const f of files.articles) {
    if (f.pack && refused.has(f.pack)) continue;
    try {
      const a = parseArticle(f.text, readFrontMatter, f.name);
      const prev = articles.get(a.id);
      if (prev && a.meta.override !== true) problems.push(`${f.name}: front matter $.id: article "${a.id}" is already defined by ${prev.file}; rename it, or add "override: true" to replace it`);
      else articles.set(a.id, a);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const derivations = compileDerivations(derivedFiles(files.derived ?? [], refused, problems, checked), problems);
  return { signatures, matcher: new Matcher(signatures), rules, runner: new RuleRunner(rules, records?.guards), articles, derivations, problems, refused: [...refused.values()] };
}
