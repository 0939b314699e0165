// The front matter table (src/kb/front-matter.ts) answers exactly what yaml would, for the bundled
// articles, and nothing else: a miss, a value JSON would change and a broken front matter all go
// to the reader behind it.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parseArticle } from '../../src/kb/article.js';
import { frontMatterTable, splitFrontMatter, tableReader } from '../../src/kb/front-matter.js';
import { yamlFrontMatter } from '../../src/kb/yaml-front-matter.js';
import { loadKnowledge, PACKAGE_ROOT, readPack } from '../../src/node/content/content-loader.js';
import { frontMatterTablePath } from '../../src/node/content/front-matter-cache.js';
import { buildKnowledge } from '../../src/knowledge.js';

const article = (fm: string) => `---\n${fm}\n---\n# T\n\n## Cause\n\nx\n`;
const noMiss = () => {
  throw new Error('asked the reader behind the table');
};

test('the table the build wrote holds every bundled article, each as yaml reads it', (t) => {
  const table = JSON.parse(readFileSync(frontMatterTablePath(), 'utf8')) as Record<string, string>;
  const articles = readPack(PACKAGE_ROOT).articles;
  t.true(articles.length > 100);
  for (const a of articles) {
    const yaml = splitFrontMatter(a.text).yaml;
    t.truthy(yaml, a.name);
    t.true(Object.hasOwn(table, yaml!), `${a.name} is in the table`);
    t.deepEqual(tableReader(table, noMiss)(yaml!), yamlFrontMatter(yaml!), a.name);
  }
});

test('the knowledge read through the table is the knowledge read by yaml', (t) => {
  const k = loadKnowledge();
  const pack = readPack(PACKAGE_ROOT);
  const byYaml = buildKnowledge(pack, yamlFrontMatter);
  t.deepEqual([...k.articles.keys()].sort(), [...byYaml.articles.keys()].sort());
  for (const [id, a] of k.articles) t.deepEqual({ ...a, file: undefined }, { ...byYaml.articles.get(id)!, file: undefined }, id);
  t.deepEqual(k.problems, byYaml.problems);
});

test('a front matter not in the table goes to the reader behind it', (t) => {
  const table = frontMatterTable([article('id: a\ntitle: A')], yamlFrontMatter, isDeepStrictEqual);
  const asked: string[] = [];
  const read = tableReader(table, (yaml) => (asked.push(yaml), yamlFrontMatter(yaml)));
  t.is(parseArticle(article('id: a\ntitle: A'), read).title, 'A');
  t.deepEqual(asked, []);
  t.is(parseArticle(article('id: a\ntitle: A edited'), read).title, 'A edited');
  t.deepEqual(asked, ['id: a\ntitle: A edited']);
});

test('a value JSON would not give back, and a front matter that does not parse, stay out of the table', (t) => {
  const broken = article('id: [unclosed');
  const table = frontMatterTable([article('id: n\nlimit: .inf'), broken], yamlFrontMatter, isDeepStrictEqual);
  t.deepEqual(Object.keys(table), []);
  const read = tableReader(table, yamlFrontMatter);
  t.is(parseArticle(article('id: n\nlimit: .inf'), read).meta.limit, Infinity);
  const direct = t.throws(() => parseArticle(broken, yamlFrontMatter, 'kb/x.md'));
  const viaTable = t.throws(() => parseArticle(broken, read, 'kb/x.md'));
  t.regex(viaTable.message, /^kb\/x\.md: front matter is not valid YAML: /);
  t.is(viaTable.message, direct.message);
});

test('each hit is a value of its own: changing one article\'s meta changes no other', (t) => {
  const text = article('id: a\ntags: [x]');
  const read = tableReader(frontMatterTable([text], yamlFrontMatter, isDeepStrictEqual), noMiss);
  const one = parseArticle(text, read);
  (one.meta.tags as string[]).push('y');
  t.deepEqual(parseArticle(text, read).meta.tags, ['x']);
});
