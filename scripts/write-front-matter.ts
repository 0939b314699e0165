// Part of `npm run build`: the table of the bundled articles' front matter (src/kb/front-matter.ts),
// so that a run of the CLI neither loads yaml nor parses it (issue 17).
import { writeFileSync } from 'node:fs';
import { PACKAGE_ROOT, readPack } from '../src/node/content/content-loader.js';
import { frontMatterTablePath } from '../src/node/content/front-matter-cache.js';
import { bundledFrontMatterTable } from './front-matter-table.js';

writeFileSync(frontMatterTablePath(), `${JSON.stringify(bundledFrontMatterTable(readPack(PACKAGE_ROOT).articles))}\n`);
