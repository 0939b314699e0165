// Loads a content pack (rules/, kb/) from disk. Everything found is reported by file name. A
// pack is untrusted: a folder of it that links outside it is not read, what cannot be listed is
// skipped and said, and a pack past the size limits (knowledge.ts, PACK_LIMITS) is refused whole.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildKnowledge, PACK_LIMITS, packTooLarge, type ContentFile, type Knowledge } from '../../knowledge.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { listError } from '../read/walk.js';
import { labelOfBytes, sourceLabel } from '../../report/safe-text.js';
import { buildRecords } from './build-table.js';
import { cachedFrontMatter } from './front-matter-cache.js';

export { PACKAGE_ROOT };

export interface ContentFiles {
  signatures: ContentFile[];
  rules: ContentFile[];
  articles: ContentFile[];
  /** Derived facts: platforms and what tells them (rules/derived/). */
  derived: ContentFile[];
  /** Folders of the pack not read, each with its reason; a refused pack has no files. */
  problems?: string[];
  /** Set when the whole pack is refused (too large): the message. */
  refused?: string;
}

/**
 * Why `root/folder` is not read as part of the pack: it is a link that leads outside the pack
 * (to /, say, which would walk the whole disk). A folder that is not there is no problem here.
 */
export function packFolderProblem(root: string, folder: string): string | undefined {
  const p = join(root, folder);
  try {
    if (!lstatSync(p).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  let real: string;
  let base: string;
  try {
    real = realpathSync(p);
    base = realpathSync(root);
  } catch {
    return `${p}: a link that leads nowhere; skipped`;
  }
  if (real === base || real.startsWith(base + sep)) return undefined;
  return `${p}: a link to ${real}, outside the pack; skipped. Put the pack's ${folder}/ folder inside the pack`;
}

/** Bytes one pack's files may hold together. */
const MAX_PACK_BYTES = 64 * 1024 * 1024;

/** Past this many files under one folder of a pack, the rest are not listed (and the pack is refused as too large). */
const MAX_LISTED = 20_000;

/**
 * The files under `root/dir`, relative to `root` with `/` between names, sorted: regular files
 * only, no dot file or folder, no link followed, what cannot be listed said in `problems`. Not
 * walk.ts, which reads a report folder's names as bytes and was a tenth of the start-up of a
 * short `analyze` here (10 ms against 1 for this); a pack's file whose name is not UTF-8 could not
 * be named in a message, so it is skipped and said.
 */
function listFiles(root: string, dir: string, problems: string[]): string[] {
  const out: string[] = [];
  const todo = [dir];
  while (todo.length > 0) {
    const d = todo.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, d), { withFileTypes: true });
    } catch (e) {
      const why = listError(sourceLabel(join(root, d)), e as NodeJS.ErrnoException);
      if (!problems.includes(why)) problems.push(why);
      continue;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const rel = `${d}/${e.name}`;
      if (e.name.includes('\uFFFD')) {
        problems.push(...notUtf8(join(root, d), e.name, problems));
      } else if (e.isDirectory()) {
        todo.push(rel);
      } else if (e.isFile()) {
        if (out.length >= MAX_LISTED) {
          problems.push(`${sourceLabel(join(root, dir))}: more than ${MAX_LISTED.toLocaleString('en-US')} files; the rest were not read. Split the pack`);
          return out.sort();
        }
        out.push(rel);
      }
    }
  }
  return out.sort();
}

/** The message for a name in `dir` that is not UTF-8 (read as `decoded`), its odd bytes shown as `\xe9`. */
function notUtf8(dir: string, decoded: string, problems: string[]): string[] {
  let shown = sourceLabel(join(dir, decoded));
  try {
    const raw = readdirSync(dir, { encoding: 'buffer' }).find((b) => b.toString('utf8') === decoded);
    if (raw) shown = labelOfBytes(Buffer.concat([Buffer.from(`${dir}/`), raw]));
  } catch {
    // Gone since it was listed: the name as decoded.
  }
  const why = `${shown}: a name that is not UTF-8; skipped. Rename it`;
  return problems.includes(why) ? [] : [why];
}

/**
 * The files under `root/dir` whose names end with `ext` (as listFiles gives them); none when
 * `root/folder` is a link that leads outside the pack.
 */
function read(root: string, folder: string, dir: string, ext: string, problems: string[]): string[] {
  const why = packFolderProblem(root, folder);
  if (why) {
    if (!problems.includes(why)) problems.push(why);
    return [];
  }
  // A folder that is not there holds nothing; it is no problem.
  if (!existsSync(join(root, dir))) return [];
  return listFiles(root, dir, problems).filter((rel) => rel.endsWith(ext));
}

/** A pack is a folder with `rules/` (signatures in `rules/signatures/`, derived facts in `rules/derived/`) and `kb/`. */
export function readPack(root: string): ContentFiles {
  const problems: string[] = [];
  // samples/ is read by samples.ts; a link outside the pack is said here, once, with the others.
  const samples = packFolderProblem(root, 'samples');
  if (samples) problems.push(samples);
  // rules/ is listed once: its signatures/ and derived/ are content of their own, catalogue/ is
  // read by lint and coverage only.
  const all = read(root, 'rules', 'rules', '.json', problems);
  const sub = (rel: string) => /^rules\/(signatures|catalogue|derived)\//.exec(rel)?.[1];
  const lists = {
    signatures: all.filter((rel) => sub(rel) === 'signatures'),
    rules: all.filter((rel) => sub(rel) === undefined),
    articles: read(root, 'kb', 'kb', '.md', problems),
    derived: all.filter((rel) => sub(rel) === 'derived'),
  };
  const empty = { signatures: [], rules: [], articles: [], derived: [], problems };
  // Counted before anything is read: a pack of 100,000 rules is refused without reading them.
  for (const [what, files] of [['rules', lists.rules], ['articles', lists.articles]] as const) {
    if (files.length > PACK_LIMITS[what]) return { ...empty, refused: packTooLarge(root, what, files.length) };
  }
  let bytes = 0;
  const load = (files: string[]): ContentFile[] =>
    files.map((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      bytes += text.length;
      // The bundled content is checked in CI; any other pack is untrusted (knowledge.ts).
      return { name: relative(process.cwd(), join(root, f)) || f, text, ...(root === PACKAGE_ROOT ? {} : { pack: root }) };
    });
  const out = { signatures: load(lists.signatures), rules: load(lists.rules), articles: load(lists.articles), derived: load(lists.derived), problems };
  if (bytes > MAX_PACK_BYTES) return { ...empty, refused: `${root}: more than ${MAX_PACK_BYTES / 1024 / 1024} MiB of rules and articles; a pack this large is not supported: split it` };
  return out;
}

/** The message catalogue of each pack (rules/catalogue/*.json), for `rules coverage` and `rules lint`. */
export function readCatalogue(packs: string[] = [PACKAGE_ROOT]): ContentFile[] {
  return packs.flatMap((p) => {
    const files = read(p, 'rules', 'rules/catalogue', '.json', []);
    return files.map((f) => ({ name: relative(process.cwd(), join(p, f)) || f, text: readFileSync(join(p, f), 'utf8') }));
  });
}

/** What loading found about each pack as a whole, besides the problems of its files. */
export interface PackIssues {
  /** Packs not used at all (too large), each with its message. */
  refused: string[];
  /** Folders of packs that were not read, with their reasons. */
  folders: string[];
  /** Packs that gave no signature, rule, article or catalogue. */
  empty: string[];
}

/** `useBuild`: take what the build found of the bundled files (build-table.ts) instead of checking them again. */
export function loadKnowledge(packs: string[] = [PACKAGE_ROOT], issues?: PackIssues, useBuild = true): Knowledge {
  const all: ContentFiles = { signatures: [], rules: [], articles: [], derived: [] };
  for (const p of packs) {
    const c = readPack(p);
    if (c.refused) issues?.refused.push(c.refused);
    issues?.folders.push(...(c.problems ?? []));
    // A pack of only a message catalogue is content too: lint and `rules coverage` read it.
    if (!c.refused && c.signatures.length + c.rules.length + c.articles.length + c.derived.length === 0 && read(p, 'rules', 'rules/catalogue', '.json', []).length === 0) issues?.empty.push(p);
    all.signatures.push(...c.signatures);
    all.rules.push(...c.rules);
    all.articles.push(...c.articles);
    all.derived.push(...c.derived);
  }
  const k = buildKnowledge(all, cachedFrontMatter(), useBuild ? buildRecords() : undefined);
  if (issues) {
    // A pack buildKnowledge refused (too many signatures) is refused as a whole too.
    issues.refused.push(...(k.refused ?? []));
  }
  return k;
}
