// Part of `npm run build`: what the build finds of the bundled content, for the CLI's runs to skip
// (src/node/content/build-table.ts).
import { writeFileSync } from 'node:fs';
import { PACKAGE_ROOT, readPack } from '../src/node/content/content-loader.js';
import { buildTablePath, makeBuildTable } from '../src/node/content/build-table.js';
import { yamlFrontMatter } from '../src/kb/yaml-front-matter.js';

writeFileSync(buildTablePath(), `${JSON.stringify(await makeBuildTable(readPack(PACKAGE_ROOT), yamlFrontMatter))}\n`);
