// A pack's files are listed by content-loader.ts itself (not walk.ts, issue 17): only regular
// files, no dot file, no link followed, a name that is not UTF-8 skipped and said, rules/ listed
// once and shared out to signatures, rules and derived facts.
import test from 'ava';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPack } from '../../src/node/content/content-loader.js';
import { makePack } from '../helpers/pack.js';

const names = (files: { name: string }[]) => files.map((f) => f.name.replace(/^.*?(rules|kb)\//, '$1/'));

test('a pack lists its regular files only, shared out by folder', (t) => {
  const pack = makePack();
  // Each of these would be a problem if it were read: none is valid content.
  writeFileSync(join(pack, 'rules', '.draft.json'), '{ not json');
  mkdirSync(join(pack, 'rules', '.git'));
  writeFileSync(join(pack, 'rules', '.git', 'x.json'), '{ not json');
  writeFileSync(join(pack, 'outside.json'), '{ not json');
  symlinkSync(join(pack, 'outside.json'), join(pack, 'rules', 'linked.json'));
  mkdirSync(join(pack, 'elsewhere'));
  writeFileSync(join(pack, 'elsewhere', 'r.json'), '{ not json');
  symlinkSync(join(pack, 'elsewhere'), join(pack, 'rules', 'linked-folder'));
  mkdirSync(join(pack, 'rules', 'derived'));
  writeFileSync(join(pack, 'rules', 'derived', 'platforms.json'), '{}');
  mkdirSync(join(pack, 'rules', 'catalogue'));
  writeFileSync(join(pack, 'rules', 'catalogue', 'm.json'), '{}');
  writeFileSync(join(pack, 'rules', 'notes.txt'), 'not content');
  const c = readPack(pack);
  t.deepEqual(c.problems, []);
  t.deepEqual(names(c.signatures), ['rules/signatures/demo.json']);
  t.deepEqual(names(c.rules), ['rules/demo/demo-boom.json']);
  t.deepEqual(names(c.derived), ['rules/derived/platforms.json']);
  t.deepEqual(names(c.articles), ['kb/demo-boom.md']);
});

test('a file whose name is not UTF-8 is skipped, and said with its name shown', (t) => {
  const pack = makePack();
  writeFileSync(Buffer.concat([Buffer.from(join(pack, 'rules', 'demo', 'caf')), Buffer.from([0xe9]), Buffer.from('.json')]), '{}');
  const c = readPack(pack);
  t.is(c.problems?.length, 1);
  t.regex(c.problems![0], /rules\/demo\/caf\\xe9\.json: a name that is not UTF-8; skipped\. Rename it$/);
  t.deepEqual(names(c.rules), ['rules/demo/demo-boom.json']);
});

test('the files are in the order of their paths, whatever the order of the folder', (t) => {
  const pack = makePack();
  for (const n of ['zeta', 'alpha', 'Mid', 'alpha-2']) {
    mkdirSync(join(pack, 'rules', n));
    writeFileSync(join(pack, 'rules', n, 'r.json'), '{}');
  }
  writeFileSync(join(pack, 'rules', 'alpha.json'), '{}');
  const c = readPack(pack);
  t.deepEqual(names(c.rules), ['rules/Mid/r.json', 'rules/alpha-2/r.json', 'rules/alpha.json', 'rules/alpha/r.json', 'rules/demo/demo-boom.json', 'rules/zeta/r.json']);
});
