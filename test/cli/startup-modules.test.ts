// Start-up is part of every run (issue 17): what only some runs need is loaded when they need it.
// yaml reads the front matter of an article the build's table does not hold (a pack's, an edited
// one); marked's HTML and sanitize-html render --format html. Their time is measured by the bench;
// here only that they stay out of the runs that do not need them, and work in those that do.
import test from 'ava';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { cli } from '../helpers/cli.js';
import { makePack, PACK_LINE, PACK_RULE } from '../helpers/pack.js';

const SAMPLE = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';
const PRELOAD = join(PACKAGE_ROOT, 'test', 'helpers', 'loaded-packages.cjs');

function loaded(args: string[], input?: string): { packages: string[]; stdout: string; code: number | null } {
  const r = cli(args, input, { NODE_OPTIONS: `--require ${PRELOAD}` });
  const line = /^loaded-packages: (.*)$/m.exec(r.stderr);
  if (!line) throw new Error(`no list of packages in the stderr: ${r.stderr}`);
  return { packages: line[1].split(' '), stdout: r.stdout, code: r.code };
}

test('a short log with the bundled content loads neither yaml, sanitize-html nor re2js', (t) => {
  for (const format of ['text', 'json', 'markdown']) {
    const r = loaded(['analyze', '--format', format, SAMPLE]);
    t.is(r.code, 1, format); // the sample's finding is an error
    t.true(r.packages.includes('ajv'), 'the list is of what was loaded');
    // The bundle holds these two (scripts/bundle-cli.ts): node_modules' copies stay unread.
    t.false(r.packages.includes('json-rules-engine'), format);
    t.false(r.packages.includes('commander'), format);
    t.false(r.packages.includes('yaml'), format);
    t.false(r.packages.includes('sanitize-html'), format);
    // RE2's engine runs a pack's patterns only (src/match/linear-regex.ts).
    t.false(r.packages.includes('re2js'), format);
  }
});

test('--format html loads its renderer and writes the page', (t) => {
  const r = loaded(['analyze', '--format', 'html', SAMPLE]);
  t.true(r.packages.includes('sanitize-html'));
  t.regex(r.stdout, /^<!doctype html>/i);
  t.regex(r.stdout, /ssu2-socket-buffer-enobufs/);
});

test("a pack's article, which the build's table does not hold, is read by yaml", (t) => {
  const pack = makePack({ article: '## Symptoms\n\nBoom.\n\n## Cause\n\nThe cause, as the pack says it.\n\n## Fix\n\nNone.\n\n## Verify\n\nQuiet.\n\n## References\n\n- `daemon/Daemon.cpp`\n' });
  const r = loaded(['analyze', '--rules', pack, '-'], `${PACK_LINE}\n`);
  t.true(r.packages.includes('yaml'));
  t.true(r.packages.includes('re2js'), "a pack's patterns run in RE2's engine");
  t.regex(r.stdout, new RegExp(`rule ${PACK_RULE}`));
  t.regex(r.stdout, /Cause:\n\s+The cause, as the pack says it\./);
});
