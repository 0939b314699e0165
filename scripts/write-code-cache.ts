// Part of `npm run build`, after bundle-cli.ts: dist/cli/bundle.cache, the V8 code cache the bin
// (src/cli/launch.ts) runs the bundle with. It is made by a real run of `analyze` on a bundled
// sample, so that it holds what such a run compiles, not only the bundle's top level; and it is
// checked, so that a build whose cache this Node refuses fails here, not slowly on every run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBundle } from '../src/cli/code-cache.js';
import { PACKAGE_ROOT } from '../src/node/package-root.js';

const CLI = join(PACKAGE_ROOT, 'dist', 'cli');
const SAMPLE = join(PACKAGE_ROOT, 'samples', 'sockets', 'ssu2-socket-buffer-enobufs-freebsd-floodfill.log');

const r = spawnSync(process.execPath, [join(CLI, 'main.js'), 'analyze', SAMPLE], {
  env: { ...process.env, I2PD_DOCTOR_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  encoding: 'utf8',
});
// The sample's finding is an error: exit status 1.
if (r.status !== 1) {
  process.stderr.write(`write-code-cache: analyze of ${SAMPLE} exited ${r.status ?? r.signal}, not 1:\n${r.stderr}`);
  process.exit(1);
}
const file = join(CLI, 'bundle.cjs');
const bundle = compileBundle(readFileSync(file), file, readFileSync(join(CLI, 'bundle.cache')));
if (!bundle.cached) {
  process.stderr.write(`write-code-cache: V8 refused the cache it just made of ${file}\n`);
  process.exit(1);
}
