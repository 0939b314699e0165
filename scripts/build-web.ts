// Builds the static page into dist/site/: index.html, style.css and one script holding the core,
// the rules and the articles. The folder needs no server code: any static host, or `serve`.
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, readPack } from '../src/node/content-loader.js';
import { SCHEMAS } from '../src/schemas/definitions.js';
import { AJV_OPTIONS } from '../src/schemas/validate.js';

const out = join(PACKAGE_ROOT, 'dist', 'site');
const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
const pack = readPack(PACKAGE_ROOT);
// Names relative to the package, not to wherever the build ran.
const rel = (files: { name: string; text: string }[]) => files.map((f) => ({ name: f.name.replace(/^.*?((rules|kb)\/)/, '$1'), text: f.text }));
const content = { version, signatures: rel(pack.signatures), rules: rel(pack.rules), articles: rel(pack.articles) };

// The content schemas' validators as plain code, so the page never compiles code at run time.
const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
for (const [name, schema] of Object.entries(SCHEMAS)) ajv.addSchema(schema, name);
const validators = standaloneCode(ajv, Object.fromEntries(Object.keys(SCHEMAS).map((n) => [n, n])));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(PACKAGE_ROOT, 'src', 'web', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  // A classic script, not a module: it then also runs from a page opened as a file.
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'content',
      setup(b) {
        b.onResolve({ filter: /^virtual:i2pd-doctor-content$/ }, (a) => ({ path: a.path, namespace: 'content' }));
        b.onLoad({ filter: /.*/, namespace: 'content' }, () => ({ contents: JSON.stringify(content), loader: 'json' }));
        b.onResolve({ filter: /^virtual:i2pd-doctor-validators$/ }, (a) => ({ path: a.path, namespace: 'validators' }));
        b.onLoad({ filter: /.*/, namespace: 'validators' }, () => ({ contents: validators, loader: 'js', resolveDir: PACKAGE_ROOT }));
        // Ajv's compiler is never needed in the page (see above); leaving it out keeps eval out.
        b.onResolve({ filter: /^ajv$/ }, () => ({ path: 'ajv', namespace: 'no-ajv' }));
        b.onLoad({ filter: /.*/, namespace: 'no-ajv' }, () => ({
          contents: 'export class Ajv { compile() { throw new Error("schema validators must be precompiled for the page (scripts/build-web.ts)"); } }',
          loader: 'js',
        }));
      },
    },
  ],
});
for (const f of ['index.html', 'style.css']) copyFileSync(join(PACKAGE_ROOT, 'web', f), join(out, f));
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stderr.write(`build:web: ${out} (app.js ${(bytes / 1024).toFixed(0)} KiB; ${pack.signatures.length} signature files, ${pack.rules.length} rules, ${pack.articles.length} articles)\n`);
