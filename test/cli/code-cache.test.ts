// The bin runs the command line's bundle with the V8 code cache the build made of it
// (src/cli/code-cache.ts, launch.ts). The cache only saves compiling: a run with it, without it or
// with one of another text prints the same, and a cache of another text is never taken.
import test from 'ava';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cacheOf, cachedDataFor, compileBundle } from '../../src/cli/code-cache.js';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';

const CLI = join(PACKAGE_ROOT, 'dist', 'cli');
const BUNDLE = join(CLI, 'bundle.cjs');
const SAMPLE = join(PACKAGE_ROOT, 'samples', 'sockets', 'ssu2-socket-buffer-enobufs-freebsd-floodfill.log');

/**
 * A folder for a copy of the bin inside the package (its package.json and node_modules are found
 * from there as from dist/cli/), but outside dist/, which the package test packs meanwhile.
 */
function binFolder(name: string): string {
  mkdirSync(join(PACKAGE_ROOT, 'test-results'), { recursive: true });
  return mkdtempSync(join(PACKAGE_ROOT, 'test-results', name));
}

test("the build's cache is of the built bundle, and V8 takes it", (t) => {
  const b = compileBundle(readFileSync(BUNDLE), BUNDLE, readFileSync(join(CLI, 'bundle.cache')));
  t.true(b.cached);
});

test('a cache is taken for the text it was made of only, even one of the same length', (t) => {
  // Each compile under a name of its own: V8 keeps what this process compiled by source and name,
  // and a second compile of the same would come from there, whatever the cache given.
  let n = 0;
  const file = () => join(CLI, `a-bundle-${n++}.cjs`);
  const source = Buffer.from("#!/usr/bin/env node\nmodule.exports.where = __filename; module.exports.sep = require('node:path').sep;\n");
  const first = compileBundle(source, file());
  t.false(first.cached, 'there was no cache');
  t.deepEqual(first.run(createRequire(BUNDLE)), { where: join(CLI, 'a-bundle-0.cjs'), sep: '/' });
  const cache = cacheOf(first.script, source);
  t.true(compileBundle(source, file(), cache).cached);
  // One letter changed: V8 would take the cache (it checks the length), the digest does not.
  const other = Buffer.from(source.toString().replace('where', 'there'));
  t.is(other.length, source.length);
  t.is(cachedDataFor(other, cache), undefined);
  t.false(compileBundle(other, file(), cache).cached);
  t.false(compileBundle(source, file(), Buffer.from('not a cache')).cached);
  t.false(compileBundle(source, file(), cache.subarray(0, 40)).cached, 'cut short: V8 refuses it');
});

test('a run prints the same with the cache, without it and with a broken one', (t) => {
  const run = (dir: string) => spawnSync(process.execPath, [join(dir, 'main.js'), 'analyze', '--format', 'json', SAMPLE], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const withCache = run(CLI);
  t.is(withCache.status, 1, withCache.stderr);
  const dir = binFolder('cli-no-cache-');
  try {
    for (const f of ['main.js', 'package.json', 'bundle.cjs']) copyFileSync(join(CLI, f), join(dir, f));
    const without = run(dir);
    t.is(without.status, 1, without.stderr);
    t.is(without.stdout, withCache.stdout);
    t.is(without.stderr, withCache.stderr);
    writeFileSync(join(dir, 'bundle.cache'), Buffer.alloc(4096, 7));
    const broken = run(dir);
    t.is(broken.stdout, withCache.stdout);
    t.is(broken.stderr, withCache.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bin whose bundle is missing says to build, without a stack', (t) => {
  const dir = binFolder('cli-no-bundle-');
  try {
    for (const f of ['main.js', 'package.json']) copyFileSync(join(CLI, f), join(dir, f));
    const r = spawnSync(process.execPath, [join(dir, 'main.js'), 'analyze', SAMPLE], { encoding: 'utf8' });
    t.is(r.status, 2);
    t.regex(r.stderr, /bundle\.cjs \(ENOENT\): the command line is not built; run npm run build/);
    t.notRegex(r.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
