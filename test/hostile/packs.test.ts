// Packs are untrusted content, through the CLI: one that holds nothing says so, and one whose
// conditions nest 10,000 deep is refused with a message before anything recurses into it.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePack } from '../helpers/pack.js';

const GOOD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';

test('a pack folder with no content says so, in analyze, lint and the project config', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-pack-'));
  const p = join(d, 'empty');
  for (const f of ['rules', 'kb', 'samples']) mkdirSync(join(p, f), { recursive: true });
  for (const args of [['analyze', GOOD, '--rules', p], ['rules', 'lint', '--rules', p]]) {
    const r = cli(args);
    t.is(r.code, 2, args[0]);
    t.regex(r.stderr, new RegExp(`${p}: holds no signatures, rules, articles or message catalogue`), args[0]);
  }
  writeFileSync(join(d, '.i2pd-doctor.json'), JSON.stringify({ packs: ['/'] }));
  const cfg = cli(['analyze', join(process.cwd(), GOOD)], undefined, {}, 60_000, d);
  t.is(cfg.code, 2);
  t.regex(cfg.stderr, /\/: (not a pack|holds no signatures, rules, articles or message catalogue)/);
});

test('conditions nested 10,000 deep are refused with their file, before the stack overflows', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-pack-'));
  // Written as text: JSON.stringify itself recurses, and would overflow here first.
  const deep = '{"all":['.repeat(10_000) + '{"fact":"demo.boom","path":"$.count","operator":"greaterThan","value":0}' + ']}'.repeat(10_000);
  const p = makePack({}, join(d, 'pack'));
  const rule = join(p, 'rules/demo/demo-boom.json');
  writeFileSync(rule, JSON.stringify({ ...JSON.parse(readFileSync(rule, 'utf8')), conditions: '__DEEP__' }).replace('"__DEEP__"', deep));
  for (const args of [['analyze', GOOD, '--rules', p], ['rules', 'lint', '--rules', p]]) {
    const r = cli(args);
    t.notRegex(r.stdout + r.stderr, /internal error|Maximum call stack|\n\s+at /, args[0]);
    t.regex(r.stdout + r.stderr, /demo-boom\.json(: |\n\s+error\s+).*nested (more|deeper) than \d+ levels/, args[0]);
  }
  // Deep nesting in a signature file too.
  const q = makePack({}, join(d, 'pack2'));
  const sigs = join(q, 'rules/signatures/demo.json');
  writeFileSync(sigs, readFileSync(sigs, 'utf8').replace('"meaning":', `"sets":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"meaning":`));
  const r = cli(['rules', 'lint', '--rules', q]);
  t.notRegex(r.stdout + r.stderr, /internal error|Maximum call stack|\n\s+at /);
  t.regex(r.stdout + r.stderr, /demo\.json(: |\n\s+error\s+).*nested (more|deeper) than \d+ levels/);
});
