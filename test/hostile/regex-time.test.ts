// Regex time through the CLI: a pack's patterns are untrusted. Polynomial and exponential
// backtracking that the structural check cannot see must not hang `analyze` on one line, nor
// `rules lint` on its own corpus; each step of lint has a bound and says what hit it.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePack, PACK_LINE } from '../helpers/pack.js';

// Each takes from seconds to forever on one hostile line in a backtracking engine (issue #16).
const SLOW = ['^boom (.*a){20}$', '^boom .*a.*a.*a.*a.*a.*a.*a.*b$', '^boom (\\w+\\s?)+$'];
const HOSTILE = `12:00:05@131/error - Demo: boom ${'a'.repeat(4000)}`;

test('analyze: a pack signature with a polynomial or exponential pattern finishes on a hostile line and still matches', (t) => {
  for (const pattern of SLOW) {
    const d = mkdtempSync(join(tmpdir(), 'hostile-regex-'));
    const p = makePack({ signature: { pattern } }, join(d, 'pack'));
    const f = join(d, 'i2pd.log');
    writeFileSync(f, `${HOSTILE}\n${HOSTILE}\n12:00:06@131/error - Demo: boom xa${'a'.repeat(30)}b\n`);
    // A hang fails by the helper's timeout (status null), not by a measured time.
    const r = cli(['analyze', f, '--rules', p, '--format', 'json'], undefined, {}, 60_000);
    t.not(r.code, null, `${pattern}: analyze finished`);
    t.notRegex(r.stderr, /internal error|\n\s+at /, pattern);
  }
});

test('rules lint: a pack with such patterns finishes, and names each pattern with its complexity', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-regex-'));
  const p = makePack({ signatures: SLOW.map((pattern, i) => ({ id: `demo.slow-${i}`, levels: ['error'], literal: 'boom', pattern, source: 'daemon/Daemon.cpp', meaning: 'slow' })) }, join(d, 'pack'));
  const r = cli(['rules', 'lint', '--rules', p], undefined, { XDG_CACHE_HOME: join(d, 'cache') }, 120_000);
  t.not(r.code, null, 'lint finished');
  t.is(r.code, 1, r.stdout + r.stderr);
  // Refused by shape at load (nested quantifier), or proven catastrophic by recheck — or, on a
  // machine too busy for recheck's 2 s, named as not proven safe (analyze runs it in linear time
  // either way): this is a test of what lint says, not of how fast the machine is.
  for (let i = 0; i < SLOW.length; i++) t.regex(r.stdout, new RegExp(`(error +signature demo\\.slow-${i}: \\$\\.pattern can backtrack catastrophically \\((exponential|\\d+(st|nd|rd|th) degree polynomial)|error +\\$\\.signatures\\[${i + 1}\\]\\.pattern: nested quantifier|warning signature demo\\.slow-${i}: \\$\\.pattern could not be proven free of catastrophic backtracking \\(timeout\\))`), `demo.slow-${i}`);
});

test('rules lint bounds the cost measurement of each signature and says which one hit the bound', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-regex-'));
  // Lint's corpus holds long near-misses built from each literal; this pattern crawls over them
  // even in the linear-time engine (its bounded repetitions make hundreds of states).
  const p = makePack({ signatures: [{ id: 'demo.crawl', levels: ['error'], literal: 'boom', pattern: '^boom.{0,990}a.{0,990}x', source: 'daemon/Daemon.cpp', meaning: 'slow' }] }, join(d, 'pack'));
  const r = cli(['rules', 'lint', '--rules', p], undefined, { XDG_CACHE_HOME: join(d, 'cache') }, 120_000);
  t.not(r.code, null, 'lint finished');
  t.regex(r.stdout, /signature demo\.crawl: (costs \d+ ms per million lines, over the budget|measuring its cost stopped)/);
});

test('a pack of many patterns is bounded too: lint refuses the pack by its size, naming it', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-regex-'));
  const many = Array.from({ length: 6000 }, (_, i) => ({ id: `demo.many-${i}`, levels: ['error'], literal: `boom${i}`, pattern: `^boom${i} (?<x>\\S+)`, source: 'daemon/Daemon.cpp', meaning: 'many' }));
  const p = makePack({ signatures: many }, join(d, 'pack'));
  const r = cli(['rules', 'lint', '--rules', p], undefined, { XDG_CACHE_HOME: join(d, 'cache') }, 120_000);
  t.not(r.code, null);
  t.regex(r.stdout + r.stderr, new RegExp(`${p}.*more than [\\d,]+ signatures`));
  t.is(cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--rules', p]).code, 2, 'analyze refuses it too');
});

test('a pack signature still matches in the linear-time engine, captures included', (t) => {
  const d = mkdtempSync(join(tmpdir(), 'hostile-regex-'));
  const p = makePack({}, join(d, 'pack'));
  const f = join(d, 'i2pd.log');
  writeFileSync(f, `${PACK_LINE}\n`);
  const r = cli(['analyze', f, '--rules', p, '--format', 'json']);
  const sig = JSON.parse(r.stdout).cases[0].facts.signals['demo.boom'];
  t.is(sig.count, 1);
  t.deepEqual(sig.captures.what, ['happened']);
});
