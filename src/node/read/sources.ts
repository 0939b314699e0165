// The file-system edge: expands paths and globs, reads files and stdin as streams, recognises
// gzip, zip and tar by their magic bytes and configs by their content, and feeds lines to a case. A source that
// cannot be read is reported with what to do; the other sources go on.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { CaseAnalysis } from '../analyze/case.js';
import { gunzipFileOffThread, offThreadMinBytes } from './gunzip.js';
import { fileChunks } from './file-chunks.js';
import { LineSplitter, readSize } from './line-splitter.js';
import { parallelMinBytes, readFileParallel } from './parallel-file.js';
import { binaryMessage, configKind as kindOf, configTooLargeMessage, depthMessage, isGzip, MAX_CONFIG_BYTES, packedBy, packedMessage, SNIFF_BYTES, textDecoder, textEncoding, type TextEncoding } from '../analyze/source-kind.js';
import { gunzipMembers } from './gunzip-members.js';
import { nestedMessage } from '../analyze/archive-kind.js';
import { archiveKind, readTar, readZip, type ReadMember } from './archive.js';
import { Budget, LimitError, counter } from './limits.js';
import type { SourceStats } from '../model.js';
import { labelOfBytes, sourceLabel } from '../report/safe-text.js';
import { globFiles, recoverBytes, walkFiles } from './walk.js';

/** Where a source's content goes: a case, or anything else that takes lines (the redactor). */
export type SourceSink = Pick<CaseAnalysis, 'failedSource' | 'addConfig' | 'archiveSource'> & {
  logSource(name: string): LogSink;
};

export interface LogSink {
  readonly stats: SourceStats;
  /** `flags`: what the splitter knows of the line (LINE_ASCII, LINE_CLEAN), which spares the parser tests. */
  push(line: string, flags?: number): void;
  /** A line too long to keep: counted, its text never read into memory. */
  oversized(): void;
  /** Whole lines of a LINE_CLEAN piece and its bytes (see LineParser.pushClean). */
  pushClean?(b: Uint8Array, text: string): void;
  end(): void;
}

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

/** Reads the first bytes of a stream and gives back a stream that still yields them. */
async function sniff(stream: Readable): Promise<{ head: Buffer; rest: Readable }> {
  const it = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    chunks.push(b);
    size += b.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay() {
    try {
      yield head;
      if (done) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value as Buffer;
      }
    } finally {
      // Destroyed early (the verdict is in): the source under it stops being read too.
      if (!done) await it.return?.();
    }
  }
  return { head, rest: Readable.from(replay(), { objectMode: false }) };
}

/**
 * Stops reading a stream whose verdict is in. A member of an archive is read to its end instead:
 * the archive's reader needs it drained to go on, and the case's limits bound it.
 */
function stop(rest: Readable, inArchive: boolean): void {
  if (inArchive) rest.resume();
  else rest.destroy();
}

function describeError(name: string, e: NodeJS.ErrnoException): string {
  if (e instanceof LimitError) return e.message;
  switch (e.code) {
    case 'ENOENT':
      return `${name}: vanished before it could be read; check the path`;
    case 'EACCES':
    case 'EPERM':
      return `${name}: permission denied; run as a user who can read it, or copy it somewhere readable (sudo cp ${name} /tmp/ && sudo chown $USER /tmp/…)`;
    case 'EISDIR':
      return `${name}: is a folder; give the files in it, or the folder itself as a case`;
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return `${name}: the gzip data is corrupt or truncated (${e.message}); attach the file again, uncompressed if possible`;
    default:
      return `${name}: cannot be read (${e.code ?? e.message}); check the file`;
  }
}

export interface ReadOptions {
  /** Read as this config kind whatever its content (`--config`). */
  as?: 'i2pd.conf' | 'tunnels.conf';
  /** One budget per case, shared by all its sources and archive members. */
  budget?: Budget;
}

/** Reads one source into the case: a file, stdin, or what a file contains. */
export async function readSource(c: SourceSink, ref: SourceRef, stdin: Readable = process.stdin, o: ReadOptions = {}): Promise<void> {
  let stream: Readable;
  const budget = o.budget ?? new Budget();
  let depth = 0;
  const notes: string[] = [];
  try {
    if (ref.text !== undefined) stream = Readable.from([Buffer.from(ref.text)]);
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
      if (text && c instanceof CaseAnalysis && c.splittable && st.size >= parallelMinBytes() && isPlainLog(ref.name, path, ref.as ?? o.as)) {
        if (await readFileParallel(c, ref.name, path, st.size, c.jobs)) return;
      }
      if (text && st.size >= offThreadMinBytes() && isGzipFile(path)) {
        // A large gzip file is inflated on a worker thread (gunzip.ts): the outer layer is peeled
        // here, under the same limits readStream applies to every layer.
        const g = gunzipFileOffThread(path, gunzipChunk(budget.limits.maxBytes), (n) => notes.push(trailingMessage(n)));
        stream = pipeline(g.stream, budget.stream(ref.name, g.compressed), () => {});
        depth = 1;
      } else if (isPlainLog(ref.name, path, ref.as ?? o.as)) {
        // What readStream would find (no gzip, archive, UTF-16, binary or config), so the file is
        // read straight into the splitter through reused buffers (file-chunks.ts).
        const parser = c.logSource(ref.name);
        await splitBytes(c, fileChunks(path, readSize(st.size)), parser).catch((e: NodeJS.ErrnoException) => {
          parser.stats.errors.push(describeError(parser.stats.name, e));
        });
        parser.end();
        return;
      } else stream = createReadStream(path, { highWaterMark: readSize(st.size) });
    } else stream = stdin;
  } catch (e) {
    c.failedSource(ref.name, describeError(ref.name, e as NodeJS.ErrnoException));
    return;
  }
  await readStream(c, ref.name, stream, { as: ref.as ?? o.as, budget, notes }, depth, false);
}

/** What a gzip with bytes after its data gets: the lines before them are read. */
export function trailingMessage(bytes: number): string {
  return `${bytes} bytes after the end of the gzip data are not gzip (trailing garbage); ignored: the lines before them are read`;
}

/**
 * Bytes gunzip hands on per call. 256 KiB rather than zlib's 16 KiB leaves a sixteenth of the
 * per-chunk work to every stage after it on this thread (inflating runs on libuv's pool): a 1 GB
 * gzip log went from 65-70 % to about the speed of the plain one. A small --max-bytes keeps small
 * chunks, so the limit still trips in the member that crosses it.
 */
function gunzipChunk(maxBytes: number): number {
  return Math.max(16 * 1024, Math.min(256 * 1024, 2 ** Math.floor(Math.log2(Math.max(1, maxBytes / 256)))));
}

/** Decoded text as UTF-8 bytes, for the one byte splitter (and its cap on a runaway line). */
function transcoded(rest: Readable, encoding: TextEncoding): Readable {
  const d = textDecoder(encoding);
  return Readable.from(
    (async function* () {
      for await (const chunk of rest) {
        const s = d.decode(chunk as Buffer, true);
        if (s) yield Buffer.from(s, 'utf8');
      }
      const tail = d.decode(new Uint8Array(0), false);
      if (tail) yield Buffer.from(tail, 'utf8');
    })(),
    { objectMode: false },
  );
}

/**
 * The one reading path for files, stdin and archive members: sniff -> gunzip -> archive or
 * config or log -> lines. Returns 'binary' for a binary member an archive only counts.
 */
async function readStream(c: SourceSink, name: string, stream: Readable, o: ReadOptions & { budget: Budget; notes?: string[] }, depth: number, inArchive: boolean): Promise<'read' | 'binary'> {
  const notes = o.notes ?? [];
  try {
    let { head, rest } = await sniff(stream);
    while (isGzip(head)) {
      if (++depth > o.budget.limits.maxDepth) {
        c.failedSource(name, depthMessage(name, o.budget.limits.maxDepth));
        stop(rest, inArchive);
        return 'read';
      }
      const input = counter();
      const opts = { chunkSize: gunzipChunk(o.budget.limits.maxBytes), onTrailing: (n: number) => notes.push(trailingMessage(n)) };
      const out = pipeline(rest, input, (source: AsyncIterable<Buffer>) => gunzipMembers(source, opts), o.budget.stream(name, () => input.bytes), () => {});
      ({ head, rest } = await sniff(out));
    }
    const archive = archiveKind(head);
    if (archive) {
      if (++depth > o.budget.limits.maxDepth) {
        c.failedSource(name, nestedMessage(name, o.budget.limits.maxDepth));
        stop(rest, inArchive);
        return 'read';
      }
      const member: ReadMember = (m, s) => readStream(c, m, s, { budget: o.budget }, depth, true);
      await (archive === 'zip' ? readZip : readTar)(c, name, rest, o.budget, member);
      return 'read';
    }
    const packed = packedBy(head);
    if (packed) {
      stop(rest, inArchive);
      c.failedSource(name, packedMessage(name, packed));
      return 'read';
    }
    const encoding = textEncoding(head);
    if (encoding === undefined) {
      // Binary: nothing after the first bytes changes that, so the rest is not read.
      stop(rest, inArchive);
      if (inArchive) return 'binary';
      c.failedSource(name, binaryMessage(name));
      return 'read';
    }
    const utf8 = encoding === 'utf-8';
    const text = utf8 ? rest : transcoded(rest, encoding);
    const kind = kindOf(name, utf8 ? head.toString('utf8') : textDecoder(encoding).decode(head, true), o.as);
    if (kind) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of text) {
        size += (chunk as Buffer).length;
        if (size > MAX_CONFIG_BYTES) {
          stop(text, inArchive);
          c.failedSource(name, configTooLargeMessage(name), kind);
          return 'read';
        }
        chunks.push(chunk as Buffer);
      }
      const stats = c.addConfig(name, Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''), kind);
      stats.warnings.push(...notes);
      return 'read';
    }
    const parser = c.logSource(name);
    await splitBytes(c, text, parser).catch((e: NodeJS.ErrnoException) => {
      parser.stats.errors.push(describeError(parser.stats.name, e));
    });
    parser.stats.warnings.push(...notes);
    parser.end();
  } catch (e) {
    c.failedSource(name, describeError(name, e as NodeJS.ErrnoException));
  }
  return 'read';
}

/**
 * Bytes (files, gunzipped data, stdin): the byte-level splitter, several times split2's speed on
 * large logs (`npm run bench` measures both), and bounded memory on a runaway line.
 */
async function splitBytes(c: SourceSink, bytes: AsyncIterable<Buffer>, parser: LogSink): Promise<void> {
  let first = true;
  /** --profile: a sampled chunk's lines and pieces, in order, to be parsed as a stage of their own. */
  let collect: Array<[string, number] | [Uint8Array, string]> | undefined;
  const splitter = new LineSplitter({
    line(s, flags) {
      if (first) {
        first = false;
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      if (collect) collect.push([s, flags]);
      else parser.push(s, flags);
    },
    oversized() {
      first = false;
      parser.oversized();
    },
    // ASCII: no byte-order mark to strip.
    clean: !parser.pushClean
      ? undefined
      : (b, text) => {
          first = false;
          if (collect) collect.push([b, text]);
          else parser.pushClean!(b, text);
        },
  });
  const prof = c instanceof CaseAnalysis ? c.profile : undefined;
  if (!prof || !(c instanceof CaseAnalysis)) {
    for await (const chunk of bytes) splitter.push(chunk as Buffer);
    splitter.end();
    return;
  }
  const start = performance.now();
  for await (const chunk of bytes) {
    const buf = chunk as Buffer;
    const t0 = performance.now();
    const before = parser.stats.lines;
    if (!prof.sampleChunk()) {
      splitter.push(buf);
      prof.addChunk(performance.now() - t0, buf.length, false, parser.stats.lines - before);
      continue;
    }
    // The same path as any run, stage by stage, so each stage is timed over thousands of lines.
    collect = [];
    splitter.push(buf);
    const items = collect;
    collect = undefined;
    const t1 = performance.now();
    prof.batch = [];
    prof.entryMs = 0;
    for (const [a, b] of items) {
      if (typeof a === 'string') parser.push(a, b as number);
      else parser.pushClean!(a, b as string);
    }
    const entries = prof.batch;
    prof.batch = undefined;
    const t2 = performance.now();
    const match = c.timeMatch(entries);
    prof.addSampled('split', t1 - t0);
    prof.addSampled('parse', t2 - t1 - prof.entryMs);
    prof.addSampled('match', match);
    prof.addSampled('facts', Math.max(0, prof.entryMs - match));
    prof.keep(entries);
    prof.addChunk(performance.now() - t0 - match, buf.length, true, parser.stats.lines - before, entries.length);
  }
  splitter.end();
  prof.addSource(performance.now() - start);
}

/** Whether a source is a config (by the name, else by its first bytes), and which. */
function configKind(name: string, head: Buffer, as: ReadOptions['as']): 'i2pd.conf' | 'tunnels.conf' | undefined {
  return kindOf(name, head.toString('utf8'), as);
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
function isPlainLog(name: string, path: string | Buffer, as: ReadOptions['as']): boolean {
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
  return !archiveKind(h) && !packedBy(h) && configKind(name, h, as) === undefined;
}
