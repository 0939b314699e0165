// The package's folder, found from where this code runs: dist/node/ as tsc writes it,
// dist/cli/bundle.cjs (the CLI's bundle, scripts/bundle-cli.ts), src/node/ under tsx. A fixed number of
// levels up would be right for only some of those.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'i2pd-doctor';

function isOurs(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === NAME;
  } catch {
    return false;
  }
}

function packageRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    if (isOurs(d)) return d;
    // Not under its package.json (a copy of dist/ alone): where the tsc layout puts it.
    if (dirname(d) === d) return resolve(from, '..', '..');
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
