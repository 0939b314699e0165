// Loads a content pack (rules/, kb/) from disk. Everything found is reported by file name.
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
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

function read(root: string, patterns: string[], ignore: string[] = []): ContentFile[] {
  const files = fg.sync(patterns, { cwd: root, ignore, onlyFiles: true, followSymbolicLinks: false }).sort();
  return files.map((f) => ({ name: relative(process.cwd(), join(root, f)) || f, text: readFileSync(join(root, f), 'utf8') }));
}

/** A pack is a folder with `rules/` (signatures in `rules/signatures/`) and `kb/`. */
export function readPack(root: string): ContentFiles {
  return {
    signatures: read(root, ['rules/signatures/**/*.json']),
    rules: read(root, ['rules/**/*.json'], ['rules/signatures/**', 'rules/catalogue/**']),
    articles: read(root, ['kb/**/*.md']),
  };
}

/** The message catalogue of each pack (rules/catalogue/*.json), for `rules coverage` and `rules lint`. */
export function readCatalogue(packs: string[] = [PACKAGE_ROOT]): ContentFile[] {
  return packs.flatMap((p) => read(p, ['rules/catalogue/**/*.json']));
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
