// The CLI's front matter reader: the table the build wrote (dist/front-matter.json, by
// scripts/write-front-matter.ts) first, yaml only for what it does not hold. yaml is required
// when a miss first needs it, so a run of the bundled content never loads it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { FRONT_MATTER_YAML, tableReader, type FrontMatterReader, type FrontMatterTable } from '../../kb/front-matter.js';

/** Where the build writes the table of the bundled articles' front matter. */
export function frontMatterTablePath(): string {
  return join(PACKAGE_ROOT, 'dist', 'front-matter.json');
}

let parseYaml: ((text: string, options: typeof FRONT_MATTER_YAML) => unknown) | undefined;

/** yaml, loaded on first use. */
export const lazyYamlFrontMatter: FrontMatterReader = (yaml) => {
  parseYaml ??= (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse;
  return parseYaml(yaml, FRONT_MATTER_YAML);
};

function readTable(): FrontMatterTable {
  try {
    const t: unknown = JSON.parse(readFileSync(frontMatterTablePath(), 'utf8'));
    // Anything but a table of strings (a file from elsewhere, cut short) is no table.
    if (t && typeof t === 'object' && !Array.isArray(t) && Object.values(t).every((v) => typeof v === 'string')) return t as FrontMatterTable;
  } catch {
    // No table (a run from the sources, before a build): every article is read by yaml.
  }
  return {};
}

let reader: FrontMatterReader | undefined;

/** The reader for this process: the table is read once. */
export function cachedFrontMatter(): FrontMatterReader {
  return (reader ??= tableReader(readTable(), lazyYamlFrontMatter));
}
