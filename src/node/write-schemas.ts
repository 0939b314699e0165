// `npm run schemas`: writes schemas/*.json from src/schemas/definitions.ts, so editors that follow
// a content file's "$schema" complete and check it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS } from '../schemas/definitions.js';
import { PACKAGE_ROOT } from './content-loader.js';

export const SCHEMA_FILES = { rule: 'rule.schema.json', signatures: 'signatures.schema.json', article: 'article.schema.json' } as const;

export function schemaText(name: keyof typeof SCHEMAS): string {
  return JSON.stringify(SCHEMAS[name], null, 2) + '\n';
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, '/'))) {
  mkdirSync(join(PACKAGE_ROOT, 'schemas'), { recursive: true });
  for (const [name, file] of Object.entries(SCHEMA_FILES)) writeFileSync(join(PACKAGE_ROOT, 'schemas', file), schemaText(name as keyof typeof SCHEMAS));
  process.stdout.write(`wrote ${Object.values(SCHEMA_FILES).map((f) => `schemas/${f}`).join(', ')}\n`);
}
