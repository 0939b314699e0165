// Loads a content pack (rules/, kb/) from disk. Everything found is reported by file name.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKnowledge, type ContentFile, type Knowledge } from '../knowledge.js';

/** The package root: dist/node/ or src/node/ sit two levels below it. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ContentFiles {
  signatures: ContentFile[];
  rules: ContentFile[];
  articles: ContentFile[];
}

/**
 * The files under `root`/`dir` (relative to `root`, `/`-separated, sorted) whose names end with
 * `ext`, as fast-glob's recursive patterns gave them: no dot files or folders, symbolic links
 * neither followed nor listed. A walk of its own, because loading fast-glob was a tenth of the
 * start-up of `analyze` on a short log (issue 17).
 */
function walk(root: string, dir: string, ext: string, skip: string[] = []): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!skip.includes(path)) visit(path);
      } else if (e.isFile() && e.name.endsWith(ext)) out.push(path);
    }
  };
  visit(dir);
  return out.sort();
}

function read(root: string, files: string[]): ContentFile[] {
  return files.map((f) => ({ name: relative(process.cwd(), join(root, f)) || f, text: readFileSync(join(root, f), 'utf8') }));
}

/** A pack is a folder with `rules/` (signatures in `rules/signatures/`) and `kb/`. */
export function readPack(root: string): ContentFiles {
  return {
    signatures: read(root, walk(root, 'rules/signatures', '.json')),
    rules: read(root, walk(root, 'rules', '.json', ['rules/signatures', 'rules/catalogue'])),
    articles: read(root, walk(root, 'kb', '.md')),
  };
}

/** The message catalogue of each pack (rules/catalogue/*.json), for `rules coverage` and `rules lint`. */
export function readCatalogue(packs: string[] = [PACKAGE_ROOT]): ContentFile[] {
  return packs.flatMap((p) => read(p, walk(p, 'rules/catalogue', '.json')));
}

export function loadKnowledge(packs: string[] = [PACKAGE_ROOT]): Knowledge {
  const all: ContentFiles = { signatures: [], rules: [], articles: [] };
  for (const p of packs) {
    const c = readPack(p);
    all.signatures.push(...c.signatures);
    all.rules.push(...c.rules);
    all.articles.push(...c.articles);
  }
  return buildKnowledge(all);
}
