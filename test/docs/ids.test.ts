// The docs quote real content: every rule, signature and article id that README.md,
// CONTRIBUTING.md and docs/*.md mention, and every samples/, kb/ and rules/ path they name, exists
// in the bundled content. An id a text introduces as the example of a new contribution is marked:
// it starts with `my-` (`my-rule`, `my-pack`), or the document lists it in a comment
// `<!-- example ids: sam-client-version-mismatch sam.handshake-version-mismatch (why) -->`.
//
// What counts as a mention (prose is left alone: "a clean-restart" is no id):
// - JSON: the value of "rule", "article", "signature", "replacedBy" and "fact" (but config, env,
//   derived, stats and their paths), the keys of "fire", the items of "quiet", "order",
//   "explains", and an article's front matter `rules: [...]`;
// - commands: the id after `i2pd-doctor explain`, `kb`, `rules test`, `rules new`, and after
//   `--signature`;
// - an inline code span that is one id-shaped word: a signature id (`ssu2.send-enobufs`: a
//   module of the bundled signatures, a dot, a dashed name), or a kebab word whose first two words
//   begin a bundled rule or article id (`ssu2-buffer-capped-linux` is checked, `dry-run` is not);
// - a path samples/…, kb/….md or rules/….json (placeholders with < > … [ ] are skipped).
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { knowledge } from '../helpers/knowledge.js';

const DOCS = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(PACKAGE_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const SCOPES = /^(config|env|derived|stats)(\.|$)/;
const PLACEHOLDER = /[<>…[\]{}*\s]|^\.\.\.$/;

interface Mention {
  id: string;
  how: string;
}

function mentions(text: string, modules: Set<string>, prefixes: Set<string>): { ids: Mention[]; paths: string[] } {
  const ids: Mention[] = [];
  const add = (id: string, how: string) => {
    if (!PLACEHOLDER.test(id) && id !== '') ids.push({ id, how });
  };
  for (const m of text.matchAll(/"(rule|article|signature|replacedBy|fact)"\s*:\s*"([^"]*)"/g)) {
    if (!(m[1] === 'fact' && SCOPES.test(m[2]))) add(m[2], `"${m[1]}"`);
  }
  for (const m of text.matchAll(/"(quiet|order|explains)"\s*:\s*\[([^\]]*)\]/g)) for (const v of m[2].matchAll(/"([^"]*)"/g)) add(v[1], `"${m[1]}"`);
  for (const m of text.matchAll(/"fire"\s*:\s*\{([^}]*)\}/g)) for (const v of m[1].matchAll(/"([^"]*)"\s*:/g)) add(v[1], '"fire"');
  for (const m of text.matchAll(/^rules:\s*\[([^\]]*)\]/gm)) for (const v of m[1].split(',')) add(v.trim(), 'front matter rules');
  for (const m of text.matchAll(/(?:\bi2pd-doctor\s+(explain|kb|rules test|rules new)|(--signature))\s+([a-z0-9][a-z0-9.-]*[a-z0-9])(?=[\s`]|$)/gm)) add(m[3], m[1] ?? m[2]);
  for (const m of text.matchAll(/`([^`\n]+)`/g)) {
    const w = m[1];
    const sig = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z0-9]+(?:-[a-z0-9]+)+$/.exec(w);
    if (sig && modules.has(sig[1])) add(w, 'code span');
    const kebab = /^([a-z0-9]+-[a-z0-9]+)(?:-[a-z0-9]+)*$/.exec(w);
    if (kebab && prefixes.has(kebab[1])) add(w, 'code span');
  }
  const paths = [...text.matchAll(/(?<![\w./-])((?:samples|kb|rules)\/[\w./<>…[\]-]*[\w>\]/])/g)]
    .map((m) => m[1])
    .filter((p) => !PLACEHOLDER.test(p) && (p.startsWith('samples/') ? p.split('/').length > 2 : p.endsWith('.md') || p.endsWith('.json')));
  return { ids, paths };
}

function examples(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/<!--\s*example ids:([^>]*)-->/g)) for (const id of m[1].split(/[—(]/)[0].trim().split(/\s+/)) out.add(id);
  return out;
}

const isExample = (id: string, marked: Set<string>) => id.startsWith('my-') || marked.has(id);

test('every id and content path the docs quote exists in the bundled content, or is marked as an example', (t) => {
  const k = knowledge();
  const known = new Set<string>([...k.rules.map((r) => r.id), ...k.signatures.map((s) => s.id), ...k.articles.keys()]);
  const modules = new Set(k.signatures.map((s) => s.id.split('.')[0]));
  const prefixes = new Set([...k.rules.map((r) => r.id), ...k.articles.keys()].map((id) => id.split('-').slice(0, 2).join('-')));
  const wrong: string[] = [];
  let checked = 0;
  for (const doc of DOCS) {
    const text = readFileSync(join(PACKAGE_ROOT, doc), 'utf8');
    const marked = examples(text);
    const { ids, paths } = mentions(text, modules, prefixes);
    for (const { id, how } of ids) {
      checked++;
      if (!known.has(id) && !isExample(id, marked)) wrong.push(`${doc}: ${how} ${id}: no such rule, signature or article`);
    }
    for (const p of paths) {
      checked++;
      const example = [...marked].some((id) => p.includes(id)) || /(^|\/)my-/.test(p);
      if (!example && !existsSync(join(PACKAGE_ROOT, p.replace(/\/$/, '')))) wrong.push(`${doc}: ${p}: no such file`);
    }
  }
  t.deepEqual(wrong, []);
  t.true(checked > 20, `${checked} mentions checked`);
});

test('what counts as a mention of an id', (t) => {
  const modules = new Set(['ssu2']);
  const prefixes = new Set(['ssu2-buffer', 'crash-signal']);
  const text = [
    '```json',
    '{ "fire": { "ssu2-socket-buffer-enobufs": "likely" }, "quiet": ["ssu2-buffer-capped-linux"], "fact": "config.floodfill" }',
    '{ "fact": "ssu2.socket-open-failed", "rule": "…" }',
    '```',
    'Run `i2pd-doctor explain crash-signal i2pd.log` (explain the rest) with `--signature ssu2.x-y`; `ssu2.send-enobufs` and `ssu2.enabled`, `dry-run`, `crash-signal`.',
    'rules: [a-rule, b-rule]',
    'See samples/sockets/x.log, kb/<id>.md and rules/<area>/.',
  ].join('\n');
  const { ids, paths } = mentions(text, modules, prefixes);
  t.deepEqual(ids.map((m) => m.id), ['ssu2.socket-open-failed', 'ssu2-buffer-capped-linux', 'ssu2-socket-buffer-enobufs', 'a-rule', 'b-rule', 'crash-signal', 'ssu2.x-y', 'ssu2.send-enobufs', 'crash-signal']);
  t.deepEqual(paths, ['samples/sockets/x.log']);
  t.deepEqual([...examples('<!-- example ids: my-x sam.new-thing (what they are) -->')], ['my-x', 'sam.new-thing']);
});
