// Part of `npm run build`, after tsc. The command line (src/cli/main.ts, its commands and formats)
// becomes one CommonJS file, dist/cli/bundle.cjs, and the bin dist/cli/main.js becomes the small
// launcher of src/cli/launch.ts, which runs the bundle with the V8 code cache that
// scripts/write-code-cache.ts makes next. Node 20 resolves, reads, links and compiles each ES
// module on its own and keeps no compiled code between runs: the ~35 files of a short `analyze`
// (and compiling them) were a third of its start-up (issue 17). A command's module is still only
// run when the command runs: esbuild keeps a dynamic import() lazy inside the bundle. npm packages
// stay outside it, loaded from node_modules as before, but for the two every command loads:
// commander and json-rules-engine, whose CommonJS files Node resolves and compiles one by one.
// The worker threads run tsc's files in dist/node/, which the bundle finds through
// src/node/package-root.ts.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/node/package-root.js';

const INLINE = new Set(['commander', 'json-rules-engine']);
const deps = Object.keys((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
const CLI = join(PACKAGE_ROOT, 'dist', 'cli');

// The chunks of the earlier, split bundle: they would stay beside the new one, and ship.
rmSync(join(CLI, 'chunks'), { recursive: true, force: true });
// A cache of the last bundle is of no use to the next (code-cache.ts would refuse it anyway).
rmSync(join(CLI, 'bundle.cache'), { force: true });

const NODE = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' } as const;
/** A CommonJS output whose modules ask where they are (the package's root, createRequire): its own file. */
const CJS = {
  format: 'cjs',
  define: { 'import.meta.url': '__fileUrl' },
  banner: { js: "const __fileUrl = require('node:url').pathToFileURL(__filename).href;" },
} as const;

await build({
  ...NODE,
  entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')],
  outfile: join(CLI, 'bundle.cjs'),
  ...CJS,
  external: deps.filter((d) => !INLINE.has(d)).flatMap((d) => [d, `${d}/*`]),
  // A script run through vm (launch.ts) has no import() of its own once V8 takes it from a cache:
  // the packages loaded lazily are required instead (Node >= 20.19 requires ES modules too).
  supported: { 'dynamic-import': false },
  // For `node --enable-source-maps`; the package leaves maps out (package.json "files").
  sourcemap: true,
  plugins: [
    {
      // commander requires child_process as it loads, for the executable subcommands this CLI
      // does not have: 2-3 ms of every start. The bundle's copy requires it when it spawns.
      name: 'lazy-child-process',
      setup(b) {
        b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (a) => {
          const eager = "const childProcess = require('node:child_process');";
          const text = readFileSync(a.path, 'utf8');
          if (!text.includes(eager)) return { errors: [{ text: `${a.path}: no longer has "${eager}": update the lazy-child-process plugin (scripts/bundle-cli.ts)` }] };
          return { contents: text.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
        });
      },
    },
    {
      name: 'lazy-re2',
      setup(b) {
        // RE2's engine runs only a pack's patterns (src/match/linear-regex.ts); loading it was 8 ms
        // of every run. The bundle gets a stand-in that requires it on first use. The stand-in's
        // own require of re2js is left to esbuild, which keeps it external.
        b.onResolve({ filter: /^re2js$/ }, (a) => (a.namespace === 'lazy-re2' ? undefined : { path: a.path, namespace: 'lazy-re2' }));
        b.onLoad({ filter: /.*/, namespace: 'lazy-re2' }, () => ({
          contents:
            "let real; const engine = () => (real ??= require('re2js').RE2JS);\n" +
            'export const RE2JS = { get CASE_INSENSITIVE() { return engine().CASE_INSENSITIVE; }, compile: (source, flags) => engine().compile(source, flags) };\n',
          loader: 'js',
        }));
      },
    },
  ],
});

// The launcher is CommonJS too (Node's ES module loader, started for an ES module bin, was 6 ms
// of a 10-line analyze): dist/cli/ is a CommonJS folder, and tsc's ES modules there, which
// nothing runs now, are removed so that none is read as CommonJS by mistake.
for (const f of readdirSync(CLI)) if (/\.js(\.map)?$/.test(f)) rmSync(join(CLI, f));
writeFileSync(join(CLI, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
await build({
  ...NODE,
  entryPoints: [join(PACKAGE_ROOT, 'src', 'cli', 'launch.ts')],
  outfile: join(CLI, 'main.js'),
  ...CJS,
});
