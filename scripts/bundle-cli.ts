// Part of `npm run build`, after tsc: dist/cli/main.js (the bin) is replaced by one esbuild bundle
// of the command line, its lazily loaded commands and formats split into chunks under
// dist/cli/chunks/. Node 20 resolves, reads and links each ES module on its own: the ~110 files of
// a short `analyze` were a quarter of its start-up (issue 17). npm packages stay outside it, loaded
// from node_modules as before, but for the two every command loads: commander and
// json-rules-engine, whose CommonJS files Node resolves and compiles one by one (with its four
// dependencies, 15 files and 25 ms of a 10-line analyze's ~250). The worker threads run tsc's
// files in dist/node/, which the bundle finds through src/node/package-root.ts.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/node/package-root.js';

const INLINE = new Set(['commander', 'json-rules-engine']);
const deps = Object.keys((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);

// Chunks are named by their hash: those of an earlier build would stay beside the new ones, and ship.
rmSync(join(PACKAGE_ROOT, 'dist', 'cli', 'chunks'), { recursive: true, force: true });

await build({
  entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')],
  outdir: join(PACKAGE_ROOT, 'dist', 'cli'),
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: deps.filter((d) => !INLINE.has(d)).flatMap((d) => [d, `${d}/*`]),
  // The CommonJS packages inlined require Node's own modules; an ES module has no require of its own.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // For `node --enable-source-maps`; the package leaves maps out (package.json "files").
  sourcemap: true,
  logLevel: 'warning',
});
