#!/usr/bin/env node
// The bin, dist/cli/main.js: runs the command line (main.ts), which the build bundled into one
// CommonJS file beside it (bundle.cjs, scripts/bundle-cli.ts), with the V8 code cache the build
// made of it (bundle.cache, code-cache.ts). A cache that is missing, of another build or refused
// by this Node only costs the compiling it would have saved.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheOf, compileBundle } from './code-cache.js';

const dir = dirname(fileURLToPath(import.meta.url));
const file = join(dir, 'bundle.cjs');
const cacheFile = join(dir, 'bundle.cache');

let source: Buffer;
try {
  source = readFileSync(file);
} catch (e) {
  process.stderr.write(`i2pd-doctor: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}): the command line is not built; run npm run build in ${dirname(dirname(dir))}\n`);
  process.exit(2);
}
let cache: Buffer | undefined;
try {
  cache = readFileSync(cacheFile);
} catch {
  // No cache: the bundle is compiled from its text.
}
const bundle = compileBundle(source, file, cache);
// The build's run that writes the cache (scripts/write-code-cache.ts): at exit, so that it holds
// the functions the run compiled, not only the top level.
if (process.env.I2PD_DOCTOR_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => {
    writeFileSync(`${cacheFile}.tmp`, cacheOf(bundle.script, source));
    renameSync(`${cacheFile}.tmp`, cacheFile);
  });
}
bundle.run(createRequire(file));
