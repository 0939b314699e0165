// Builds the static page into dist/site/: index.html, style.css and one script holding the core,
// the rules and the articles. The folder needs no server code: any static host, or `serve`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, readPack } from '../src/node/content/content-loader.js';
import { TIMELINE_CSS } from '../src/report/timeline-figure.js';

const out = join(PACKAGE_ROOT, 'dist', 'site');
const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
const pack = readPack(PACKAGE_ROOT);
// Names relative to the package, not to wherever the build ran.
const rel = (files: { name: string; text: string }[]) => files.map((f) => ({ name: f.name.replace(/^.*?((rules|kb)\/)/, '$1'), text: f.text }));
const content = { version, signatures: rel(pack.signatures), rules: rel(pack.rules), articles: rel(pack.articles), derived: rel(pack.derived) };

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
        // Ajv's compiler is never needed in the page (the validators are generated code); a
        // build that pulled it in would bring eval, which the page's CSP forbids: fail instead.
        b.onResolve({ filter: /^ajv$/ }, () => ({ errors: [{ text: 'ajv must not be bundled into the page: validators come from src/schemas/validators.generated.ts' }] }));
      },
    },
  ],
});
for (const f of ['index.html', 'favicon.svg']) copyFileSync(join(PACKAGE_ROOT, 'web', f), join(out, f));
// The timeline's drawing is styled as in the HTML report: one rule set for both.
writeFileSync(join(out, 'style.css'), `${readFileSync(join(PACKAGE_ROOT, 'web', 'style.css'), 'utf8').trimEnd()}\n${TIMELINE_CSS}\n`);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
process.stderr.write(`build:web: ${out} (app.js ${(bytes / 1024).toFixed(0)} KiB; ${pack.signatures.length} signature files, ${pack.rules.length} rules, ${pack.articles.length} articles)\n`);
