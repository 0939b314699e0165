// The bin (launch.ts) runs the command line's bundle through V8 with a code cache: the compiled
// functions of a run of `analyze`, which the build serialized (scripts/write-code-cache.ts). V8
// takes them instead of compiling the bundle's megabyte again on every run (issue 17: start-up).
// V8 checks a cache against its source's length only, so the cache carries the source's CRC-32:
// a cache of another text of the same length would run code the source does not say. A CRC, not
// a cryptographic digest: it guards against a stale cache, not a hostile one (whoever can write
// the cache can write the bundle), and sha-256 of the megabyte was 3-4 ms of every start.
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

const DIGEST_BYTES = 4;
// In Node since 20.15 (package.json asks for 20.19); @types/node does not declare it yet.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** The CRC-32 of the source's bytes, or nothing on a Node without zlib.crc32 (then no cache is used). */
function digestOf(source: Buffer): Buffer | undefined {
  if (!crc32) return undefined;
  const d = Buffer.alloc(DIGEST_BYTES);
  d.writeUInt32BE(crc32(source) >>> 0);
  return d;
}

/** V8's part of `cache` when the cache was made from `source` (the bundle's bytes), else nothing. */
export function cachedDataFor(source: Buffer, cache: Buffer | undefined): Buffer | undefined {
  const digest = digestOf(source);
  if (!cache || !digest || cache.length <= DIGEST_BYTES) return undefined;
  return cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
}

export interface CompiledBundle {
  script: Script;
  /** Whether V8 took the cache (false: there was none, it was of another text, or V8 refused it). */
  cached: boolean;
  /** Runs the bundle as Node runs a CommonJS module (`require` resolving from its folder): its exports. */
  run(require: NodeJS.Require): unknown;
}

/**
 * Compiles a CommonJS bundle held in `file` (`source`, its bytes: their CRC is taken of them, not
 * of the text, which would be encoded again for it), with `cache` (as `cacheOf` made it) when that
 * is of these bytes. A first line `#!…` is blanked, as Node does for a module.
 */
export function compileBundle(source: Buffer, file: string, cache?: Buffer): CompiledBundle {
  const text = source.toString('utf8');
  const body = text.startsWith('#!') ? text.replace(/^#![^\n]*/, '') : text;
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
      fn.call(module.exports, module.exports, require, module, file, dirname(file));
      return module.exports;
    },
  };
}

/** The cache file for `script` compiled from `source` (its bytes), with what has been compiled of it so far. */
export function cacheOf(script: Script, source: Buffer): Buffer {
  const digest = digestOf(source);
  if (!digest) throw new Error('this Node has no zlib.crc32: no code cache can be made');
  return Buffer.concat([digest, script.createCachedData()]);
}
