// The table of the bundled articles' front matter (src/kb/front-matter.ts), as both builds make
// it: `npm run build` writes it for the CLI (write-front-matter.ts), build-web.ts inlines it in the page.
import { isDeepStrictEqual } from 'node:util';
import { frontMatterTable, type FrontMatterTable } from '../src/kb/front-matter.js';
import { yamlFrontMatter } from '../src/kb/yaml-front-matter.js';
import type { ContentFile } from '../src/knowledge.js';

export function bundledFrontMatterTable(articles: readonly ContentFile[]): FrontMatterTable {
  return frontMatterTable(
    articles.map((f) => f.text),
    yamlFrontMatter,
    isDeepStrictEqual,
  );
}
