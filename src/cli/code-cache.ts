// The bin (launch.ts) runs the command line's bundle through V8 with a code cache: the compiled
// functions of a run of `analyze`, which the build serialized (scripts/write-code-cache.ts). V8
// takes them instead of compiling the bundle's megabyte again on every run (issue 17: start-up).
// V8 checks a cache against its source's length only, so the cache carries the source's digest:
// a cache of another text of the same length would run code the source does not say.
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';

const DIGEST_BYTES = 32;

function digestOf(source: string): Buffer {
  return createHash('sha256').update(source).digest();
}

/** V8's part of `cache` when the cache was made from `source`, else nothing. */
export function cachedDataFor(source: string, cache: Buffer | undefined): Buffer | undefined {
  if (!cache || cache.length <= DIGEST_BYTES) return undefined;
  return cache.subarray(0, DIGEST_BYTES).equals(digestOf(source)) ? cache.subarray(DIGEST_BYTES) : undefined;
}

export interface CompiledBundle {
  script: Script;
  /** Whether V8 took the cache (false: there was none, it was of another text, or V8 refused it). */
  cached: boolean;
  /** Runs the bundle as Node runs a CommonJS module (`require` resolving from its folder): its exports. */
  run(require: NodeJS.Require): unknown;
}

/**
 * Compiles a CommonJS bundle held in `file` (`source`, its text), with `cache` (as `cacheOf`
 * made it) when that is of this text. A first line `#!…` is blanked, as Node does for a module.
 */
export function compileBundle(source: string, file: string, cache?: Buffer): CompiledBundle {
  const body = source.startsWith('#!') ? source.replace(/^#![^\n]*/, '') : source;
  const cachedData = cachedDataFor(source, cache);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${body}\n})`, {
    filename: file,
    cachedData,
  });
  return {
    script,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    run(require) {
      const module = { exports: {} };
      const fn = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
      fn.call(module.exports, module.exports, require, module, file, file.replace(/[\\/][^\\/]*$/, ''));
      return module.exports;
    },
  };
}

/** The cache file for `script` compiled from `source`, with what has been compiled of it so far. */
export function cacheOf(script: Script, source: string): Buffer {
  return Buffer.concat([digestOf(source), script.createCachedData()]);
}
