// Part of `npm run build`: the table of the bundled articles' front matter (src/kb/front-matter.ts),
// so that a run of the CLI neither loads yaml nor parses it (issue 17).
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { frontMatterTable } from '../src/kb/front-matter.js';
import { yamlFrontMatter } from '../src/kb/yaml-front-matter.js';
import { PACKAGE_ROOT, readPack } from '../src/node/content/content-loader.js';
import { frontMatterTablePath } from '../src/node/content/front-matter-cache.js';

const articles = readPack(PACKAGE_ROOT).articles.map((f) => f.text);
const table = frontMatterTable(articles, yamlFrontMatter, isDeepStrictEqual);
writeFileSync(frontMatterTablePath(), `${JSON.stringify(table)}\n`);
