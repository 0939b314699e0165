import test from 'ava';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { describe, importProblems } from '../../scripts/check-imports.js';

// Issue 20's other branches remove these; the lead empties the list when they are merged.
test('src/ has no import loop and no import up the flow or sideways', (t) => {
  const found = importProblems(join(PACKAGE_ROOT, 'src')).map(describe);
  t.deepEqual(found, []);
});

test('a loop, an upward and a sideways import, and a folder the order does not place are all found', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'imports-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'model.ts': 'export type Level = string;\n',
    'parse/a.ts': "import type { Level } from '../model.js';\nimport { b } from '../facts/b.js';\n",
    'facts/b.ts': "import { c } from './c.js';\nexport const b = 1;\n",
    'facts/c.ts': "export const c = 1;\nexport async function later() { return import('./b.js'); }\n",
    'lint/d.ts': "export { e } from '../triage/e.js';\n",
    'triage/e.ts': 'export const e = 1;\n',
    'mystery/f.ts': "import { b } from '../facts/b.js';\n",
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  t.deepEqual(importProblems(dir), [
    { kind: 'loop', files: ['facts/b.ts', 'facts/c.ts'] },
    { kind: 'sideways', files: ['lint/d.ts', 'triage/e.ts'] },
    { kind: 'unplaced', files: ['mystery/f.ts'] },
    { kind: 'upward', files: ['parse/a.ts', 'facts/b.ts'] },
  ]);
});
