// Front matter read by yaml itself: for the build (the table of src/kb/front-matter.ts) and for
// tests. A run of the CLI loads yaml only on a miss (src/node/content/front-matter-cache.ts).
import { parse } from 'yaml';
import { FRONT_MATTER_YAML, type FrontMatterReader } from './front-matter.js';

export const yamlFrontMatter: FrontMatterReader = (yaml) => parse(yaml, FRONT_MATTER_YAML);
