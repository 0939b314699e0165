// The file-system edge of the reader: expands paths and globs, opens files and stdin, and hands
// their bytes to the one reading path (src/read/pipeline.ts). What only Node has is here: stat
// (pipes, devices, folders), reused read buffers for a plain log, the gunzip thread for a large
// gzip file, and parallel byte ranges. A source that cannot be read is reported with what to do;
// the other sources go on.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { gunzipFileOffThread, offThreadMinBytes } from './gunzip.js';
import { fileChunks } from './file-chunks.js';
import { bufferText, readSize } from './buffer-text.js';
import { parallelMinBytes, readFileParallel, type ParallelSink } from './parallel-file.js';
import { archiveKind } from '../../read/archive-kind.js';
import { configKind, isGzip, packedBy, SNIFF_BYTES, textEncoding, type ConfigKind } from '../../read/source-kind.js';
import { gunzipMembers } from './gunzip-members.js';
import { nodeEntries } from './yauzl-tar-stream.js';
import { Budget, metered } from '../../read/limits.js';
import { describeError, gunzipChunk, readBytes, trailingMessage, type ReadEdge } from '../../read/pipeline.js';
import type { ReadSink } from '../../read/sink.js';
import { splitBytes } from '../../read/split.js';
import { labelOfBytes, sourceLabel } from '../../report/safe-text.js';
import { globFiles, recoverBytes, walkFiles } from './walk.js';

/** What Node supplies to the reading path. */
const nodeEdge: ReadEdge = {
  ...nodeEntries,
  gunzip: gunzipMembers,
  text: bufferText,
};

/** A sink that may also take a large plain log read on several threads (a case). */
export type FileSink = ReadSink & Partial<ParallelSink>;

export interface SourceRef {
  /** Display name: the path as given (one line, controls made visible), or `stdin`. */
  name: string;
  /** A string, or the bytes of a name that is not UTF-8 (a Latin-1 file name). */
  path?: string | Uint8Array;
  /** Text already in memory (an issue's body or comment), read as a file with this content would be. */
  text?: string;
  /** Read as this config kind whatever its content (`--config`). */
  as?: 'i2pd.conf' | 'tunnels.conf';
}

export interface Expanded {
  sources: SourceRef[];
  errors: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;
/** A sample folder's own expectation file is not part of the case. */
export const IGNORED = (name: string) => name === 'expect.json' || name.endsWith('.expect.json');

/** fast-glob, loaded for a folder or a pattern only: a file given by name does without (start-up, issue 17). */
const glob = async () => (await import('fast-glob')).default;

export async function expandInputs(args: string[]): Promise<Expanded> {
  const out: Expanded = { sources: [], errors: [] };
  for (const arg of args) {
    if (arg === '-') {
      out.sources.push({ name: 'stdin' });
      continue;
    }
    let a: string | Buffer = arg;
    let st;
    try {
      st = statSync(a);
    } catch {
      const bytes = recoverBytes(arg);
      st = bytes && statSync(bytes, { throwIfNoEntry: false });
      if (st) a = bytes!;
    }
    const label = typeof a === 'string' ? sourceLabel(a) : labelOfBytes(a);
    if (st?.isFile() || (st && !st.isDirectory())) {
      out.sources.push({ name: label, path: a });
      continue;
    }
    if (st?.isDirectory()) {
      const w = walkFiles(typeof a === 'string' ? a : a.toString('utf8'), { ignore: IGNORED });
      out.errors.push(...w.errors);
      if (w.files.length === 0 && w.errors.length === 0) out.errors.push(`${label}: the folder has no files to analyse`);
      out.sources.push(...w.files);
      continue;
    }
    if (GLOB_CHARS.test(arg)) {
      const w = globFiles(arg, await glob());
      out.errors.push(...w.errors);
      if (w.files.length === 0 && w.errors.length === 0) out.errors.push(`${label}: no file matches this pattern; check the path`);
      out.sources.push(...w.files);
      continue;
    }
    out.errors.push(`${label}: no such file or folder; check the path (quote globs so the shell passes them on)`);
  }
  return out;
}

export interface SourceOptions {
  /** Read as this config kind whatever its content (`--config`). */
  as?: ConfigKind;
  /** One budget per case, shared by all its sources and archive members. */
  budget?: Budget;
}

/** Reads one source into the case: a file, stdin, or what a file contains. */
export async function readSource(c: FileSink, ref: SourceRef, stdin: Readable = process.stdin, o: SourceOptions = {}): Promise<void> {
  let bytes: AsyncIterable<Uint8Array>;
  const budget = o.budget ?? new Budget();
  const as = ref.as ?? o.as;
  let depth = 0;
  const notes: string[] = [];
  try {
    if (ref.text !== undefined) bytes = once(Buffer.from(ref.text));
    else if (ref.path !== undefined) {
      // A name's bytes come back from a worker thread as a plain Uint8Array, which fs refuses.
      const path = typeof ref.path === 'string' || Buffer.isBuffer(ref.path) ? ref.path : Buffer.from(ref.path);
      const st = statSync(path);
      if (st.isFIFO() || st.isSocket() || st.isCharacterDevice() || st.isBlockDevice()) {
        c.failedSource(ref.name, `${ref.name}: not a regular file (a pipe or device); skipped. Save the log to a file and analyse that`);
        return;
      }
      if (st.isDirectory()) {
        c.failedSource(ref.name, describeError(ref.name, Object.assign(new Error('a folder'), { code: 'EISDIR' })));
        return;
      }
      const text = typeof path === 'string';
      if (text && c.splittable && c.addLogParts && st.size >= parallelMinBytes() && isPlainLog(c, ref.name, path, as)) {
        if (await readFileParallel(c as ParallelSink, ref.name, path, st.size)) return;
      }
      if (text && st.size >= offThreadMinBytes() && isGzipFile(path)) {
        // A large gzip file is inflated on a worker thread (gunzip.ts): the outer layer is peeled
        // here, under the same limits the reading path applies to every layer.
        const g = gunzipFileOffThread(path, gunzipChunk(budget.limits.maxBytes), (n) => notes.push(trailingMessage(n)));
        bytes = metered(g.stream as AsyncIterable<Buffer>, budget.meter(ref.name, g.compressed));
        depth = 1;
      } else if (isPlainLog(c, ref.name, path, as)) {
        // What the reading path would find (no gzip, archive, UTF-16, binary or config), so the
        // file is read straight into the splitter through reused buffers (file-chunks.ts).
        const parser = c.logSource(ref.name);
        await splitBytes(c, fileChunks(path, readSize(st.size)), parser, bufferText).catch((e: unknown) => {
          parser.stats.errors.push(describeError(parser.stats.name, e));
        });
        parser.end();
        return;
      } else bytes = createReadStream(path, { highWaterMark: readSize(st.size) });
    } else bytes = stdin;
  } catch (e) {
    c.failedSource(ref.name, describeError(ref.name, e));
    return;
  }
  await readBytes(c, nodeEdge, ref.name, bytes, { as, budget, notes, depth });
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

function isGzipFile(path: string | Buffer): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, 2, 0) === 2 && isGzip(head);
  } finally {
    closeSync(fd);
  }
}

/** A plain UTF-8 text log, which parallel-file.ts may cut into byte ranges: no gzip, archive, UTF-16, binary or config. */
function isPlainLog(c: ReadSink, name: string, path: string | Buffer, as: ConfigKind | undefined): boolean {
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const h = head.subarray(0, n);
  if (n < 2 || isGzip(h) || textEncoding(h) !== 'utf-8') return false;
  return !archiveKind(h) && !packedBy(h) && configKind(name, h.toString('utf8'), (t) => c.sniffConfig(t), as) === undefined;
}
