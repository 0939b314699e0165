// Part of `npm run build`, after tsc: dist/cli/main.js (the bin) is replaced by one esbuild bundle
// of the command line, its lazily loaded commands and formats split into chunks under
// dist/cli/chunks/. Node 20 resolves, reads and links each ES module on its own: the ~110 files of
// a short `analyze` were a quarter of its start-up (issue 17). npm packages stay outside it, loaded
// from node_modules as before; the worker threads run tsc's files in dist/node/, which the
// bundle finds through src/node/package-root.ts.
import { build } from 'esbuild';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/node/package-root.js';

await build({
  entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')],
  outdir: join(PACKAGE_ROOT, 'dist', 'cli'),
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // For `node --enable-source-maps`; the package leaves maps out (package.json "files").
  sourcemap: true,
  logLevel: 'warning',
});
