// The page's archive readers: zip with fflate's streaming Unzip, tar with modern-tar's decoder,
// both pure JavaScript on web streams. Like the CLI's (src/node/archive.ts), nothing is extracted:
// each member is handed on as a stream named `report.zip!logs/i2pd.log`, under the case's budget.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { createTarDecoder } from 'modern-tar';
import type { SourceStats } from '../model.js';
import { type ArchiveKind, corruptArchiveMessage, skipMember, noteArchive, tarEntryKind, type Tally, zipMemberProblem, zipTooLargeMessage } from '../analyze/archive-kind.js';
import { sourceLabel } from '../report/safe-text.js';
import { type Budget, LimitError, formatBytes } from '../analyze/limits.js';

type Bytes = ReadableStream<Uint8Array>;

/** Reads one member: the same path as a dropped file (sniff, gunzip, archive, config or log). */
export type ReadMember = (name: string, stream: Bytes) => Promise<'read' | 'binary'>;

export interface ArchiveSink {
  archiveSource(name: string, kind: ArchiveKind): SourceStats;
}

function archiveError(name: string, kind: ArchiveKind, e: unknown): string {
  if (e instanceof LimitError) return e.message;
  return corruptArchiveMessage(name, kind, e instanceof Error ? e.message : String(e));
}

async function readAll(name: string, stream: Bytes, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.length;
    if (size > max) {
      await reader.cancel();
      throw new LimitError(zipTooLargeMessage(name, formatBytes(max)));
    }
    chunks.push(r.value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

/**
 * A member's bytes as a stream fed from fflate's synchronous callbacks; `drained` lets the feeder
 * wait for the reader, so at most a chunk or two of a member is held at once.
 */
class Feed {
  readonly stream: Bytes;
  private ctl!: ReadableStreamDefaultController<Uint8Array>;
  private wake: (() => void) | undefined;
  private done = false;

  constructor() {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (ctl) => {
          this.ctl = ctl;
        },
        pull: () => this.wakeUp(),
        cancel: () => {
          this.done = true;
          this.wakeUp();
        },
      },
      { highWaterMark: 1 },
    );
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  push(chunk: Uint8Array): void {
    if (!this.done && chunk.length) this.ctl.enqueue(chunk);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.ctl.close();
    this.wakeUp();
  }

  fail(e: unknown): void {
    if (this.done) return;
    this.done = true;
    this.ctl.error(e);
    this.wakeUp();
  }

  drained(): Promise<void> {
    if (this.done || (this.ctl.desiredSize ?? 0) > 0) return Promise.resolve();
    return new Promise((r) => (this.wake = r));
  }
}

// Small slices keep one push's output bounded: deflate expands at most about 1,000 times.
const SLICE = 16 * 1024;

export async function readZip(c: ArchiveSink, name: string, stream: Bytes, budget: Budget, readMember: ReadMember): Promise<void> {
  const tally: Tally = { read: 0, skipped: 0 };
  const stats = c.archiveSource(name, 'zip');
  try {
    await zipMembers(name, await readAll(name, stream, budget.limits.maxArchiveBytes), budget, readMember, tally);
  } catch (e) {
    stats.errors.push(archiveError(name, 'zip', e));
  }
  noteArchive(stats, name, tally, budget);
}

async function zipMembers(name: string, bytes: Uint8Array, budget: Budget, readMember: ReadMember, tally: Tally): Promise<void> {
  let at = 0;
  let stop = false;
  let current: Feed | undefined;
  // Members are read one after another, in archive order, as the CLI reads them.
  let reading: Promise<void> = Promise.resolve();
  const unzip = new Unzip((file: UnzipFile) => {
    if (stop || budget.exhausted || !budget.entry()) {
      stop = true;
      return;
    }
    const path = sourceLabel(file.name);
    if (path.endsWith('/') || skipMember(path)) {
      if (!path.endsWith('/')) tally.skipped++;
      return;
    }
    const member = `${name}!${path}`;
    const why = zipMemberProblem(member, file.compression, false);
    if (why) {
      (tally.notes ??= []).push(why);
      return;
    }
    const feed = new Feed();
    const start = at;
    // The declared compressed size when the local header has it, else what was fed so far.
    const count = budget.meter(member, () => file.size || at - start);
    file.ondata = (err, chunk, final) => {
      if (err) return feed.fail(err);
      try {
        count(chunk.length);
      } catch (e) {
        stop = true;
        file.terminate();
        return feed.fail(e);
      }
      feed.push(chunk);
      if (final) feed.end();
    };
    current = feed;
    reading = reading.then(async () => {
      // A member queued before the limit stopped the case is not read.
      if (budget.exhausted && budget.entries <= budget.limits.maxEntries) {
        await feed.stream.cancel();
        return;
      }
      const r = await readMember(member, feed.stream);
      if (r === 'binary') tally.skipped++;
      else tally.read++;
    });
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    if (bytes.length === 0) unzip.push(bytes, true);
    while (at < bytes.length && !stop && !budget.exhausted) {
      const end = Math.min(at + SLICE, bytes.length);
      const slice = bytes.subarray(at, end);
      at = end;
      unzip.push(slice, end === bytes.length);
      if (current) await current.drained();
    }
  } finally {
    // A member cut short by a corrupt or truncated archive ends where its data ends.
    current?.end();
    await reading;
  }
}

export async function readTar(c: ArchiveSink, name: string, stream: Bytes, budget: Budget, readMember: ReadMember): Promise<void> {
  const tally: Tally = { read: 0, skipped: 0 };
  const stats = c.archiveSource(name, 'tar');
  let current: string | undefined;
  const decoder = createTarDecoder();
  // Its failure also fails the decoder's output, which is where it is reported.
  stream.pipeTo(decoder.writable).catch(() => {});
  const entries = decoder.readable.getReader();
  try {
    for (let r = await entries.read(); !r.done; r = await entries.read()) {
      const { header, body } = r.value;
      if (!budget.entry()) {
        await body.cancel();
        await entries.cancel();
        break;
      }
      const path = sourceLabel(header.name.replace(/^(\.\/)+/, ''));
      current = path;
      const file = header.type === undefined || header.type === 'file';
      if (!file || skipMember(path)) {
        if (file) tally.skipped++;
        else {
          const what = tarEntryKind(header.type, header.linkname && sourceLabel(header.linkname));
          if (what) (tally.others ??= []).push(`${path} (${what})`);
        }
        await body.cancel();
        continue;
      }
      const res = await readMember(`${name}!${path}`, quietOnLimit(body));
      if (res === 'binary') tally.skipped++;
      else tally.read++;
      if (budget.exhausted) {
        await entries.cancel();
        break;
      }
    }
  } catch (e) {
    // A limit hit while gunzipping the whole tar names the member being read at the time.
    const msg = archiveError(name, 'tar', e);
    stats.errors.push(e instanceof LimitError && current !== undefined && msg.startsWith(`${name}: `) ? `${name}!${current}: ${msg.slice(name.length + 2)}` : msg);
  }
  noteArchive(stats, name, tally, budget);
}

/**
 * A limit hit in the gzip layer around a tar fails the member being read as well; the archive
 * reports it once, naming the member, so the member's own stream just ends there.
 */
function quietOnLimit(body: Bytes): Bytes {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(ctl) {
      try {
        const r = await reader.read();
        if (r.done) ctl.close();
        else ctl.enqueue(r.value);
      } catch (e) {
        if (e instanceof LimitError) ctl.close();
        else ctl.error(e);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
