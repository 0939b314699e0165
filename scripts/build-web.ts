// Builds the static page into dist/site/: index.html, style.css, the page's script (app.js) and
// the analyser's (analyser.js: the core, the rules and the articles, run in a
// Web Worker). The folder needs no server code: any static host, or `serve`.
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, readPack } from '../src/node/content/content-loader.js';
import { TIMELINE_CSS } from '../src/report/timeline-figure.js';
import { bundledFrontMatterTable } from './front-matter-table.js';

const out = join(PACKAGE_ROOT, 'dist', 'site');
const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
const pack = readPack(PACKAGE_ROOT);
// Names relative to the package, not to wherever the build ran.
const rel = (files: { name: string; text: string }[]) => files.map((f) => ({ name: f.name.replace(/^.*?((rules|kb)\/)/, '$1'), text: f.text }));
// The articles' front matter is read here, so the page needs no YAML parser (src/kb/front-matter.ts).
const frontMatter = bundledFrontMatterTable(pack.articles);
const content = { version, signatures: rel(pack.signatures), rules: rel(pack.rules), articles: rel(pack.articles), derived: rel(pack.derived), frontMatter };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  // Classic scripts, not modules: they then also run from a page opened as a file.
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
        // RE2's engine runs a pack's untrusted patterns (src/match/linear-regex.ts); the page loads
        // no pack, only the bundled content, so it gets a stand-in that says so (~160 KiB less).
        b.onResolve({ filter: /^re2js$/ }, (a) => ({ path: a.path, namespace: 'no-packs' }));
        b.onLoad({ filter: /.*/, namespace: 'no-packs' }, () => ({
          contents: "export const RE2JS = { CASE_INSENSITIVE: 0, compile() { throw new Error('the page reads no pack: its patterns run only in the command line'); } };",
          loader: 'js',
        }));
      },
    },
  ],
} satisfies BuildOptions;
// The analyser (core, rules, articles) is one function, so the page can start a Worker from its
// source in a Blob URL (a worker script's own URL is refused in a page opened as a file) and
// still call it on its own thread when no worker starts (src/web/analyser-client.ts).
const analyser = await build({
  ...common,
  entryPoints: [join(PACKAGE_ROOT, 'src', 'web', 'worker.ts')],
  outfile: join(out, 'analyser.js'),
  globalName: 'analyser',
  banner: { js: 'function i2pdDoctorAnalyser(){' },
  footer: { js: 'return analyser}' },
});
const app = await build({ ...common, entryPoints: [join(PACKAGE_ROOT, 'src', 'web', 'main.ts')], outfile: join(out, 'app.js') });
for (const f of ['index.html', 'favicon.svg']) copyFileSync(join(PACKAGE_ROOT, 'web', f), join(out, f));
// The timeline's drawing is styled as in the HTML report: one rule set for both.
writeFileSync(join(out, 'style.css'), `${readFileSync(join(PACKAGE_ROOT, 'web', 'style.css'), 'utf8').trimEnd()}\n${TIMELINE_CSS}\n`);
const kib = (m: Metafile) => `${(Object.values(m.outputs).reduce((n, o) => n + o.bytes, 0) / 1024).toFixed(0)} KiB`;
process.stderr.write(`build:web: ${out} (app.js ${kib(app.metafile)}, analyser.js ${kib(analyser.metafile)}; ${pack.signatures.length} signature files, ${pack.rules.length} rules, ${pack.articles.length} articles)\n`);
