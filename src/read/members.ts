// The member loop of an archive, for both edges: each member is read as a source of its own,
// named `report.zip!logs/i2pd.log`, under the case's budget; nothing is extracted, and a member's
// name is only a name (`../` or an absolute path never touches a file system). The edges supply
// only the entries (yauzl and tar-stream in Node, fflate and modern-tar on the page).
import { type ArchiveKind, corruptArchiveMessage, noteArchive, skipMember, tarEntryKind, type Tally, zipMemberProblem, zipTooLargeMessage } from './archive-kind.js';
import { type Budget, formatBytes, LimitError, metered } from './limits.js';
import type { ReadSink } from './sink.js';
import { concatBytes } from './bytes.js';

export interface ArchiveEntry {
  /** As the archive gives it, decoded and made a one-line label (the edge's sourceLabel): only ever shown. */
  name: string;
  /** 'file', 'directory', or what else a tar entry is (symlink, link, fifo…). */
  type: string;
  /** A link's target, labelled as `name` is. */
  linkname?: string;
  /** A zip member's compression method and encryption, which decide whether it can be read. */
  method?: number;
  encrypted?: boolean;
  /** A zip member's compressed bytes so far: the member is metered on its own, for the ratio. */
  compressed?: () => number;
  body(): AsyncIterable<Uint8Array>;
  /** Drops what is left of the body, so the archive can go on (or stop). */
  skip(): Promise<void>;
}

export interface ArchiveEntries {
  /** A zip is read whole into memory (its directory is at the end). */
  zip(bytes: Uint8Array): AsyncIterable<ArchiveEntry>;
  tar(source: AsyncIterable<Uint8Array>): AsyncIterable<ArchiveEntry>;
}

/** Reads one member: the same path as any source (sniff, gunzip, archive, config or log). */
export type ReadMember = (name: string, bytes: AsyncIterable<Uint8Array>) => Promise<'read' | 'binary'>;

async function readAll(name: string, source: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > max) throw new LimitError(zipTooLargeMessage(name, formatBytes(max)));
    chunks.push(chunk);
  }
  return concatBytes(chunks, size);
}

/**
 * A limit hit in the gzip layer around a tar fails the member being read as well; the archive
 * reports it once, naming the member, so the member's own bytes just end there.
 */
async function* quietOnLimit(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
  }
}

export async function readArchive(c: ReadSink, kind: ArchiveKind, name: string, source: AsyncIterable<Uint8Array>, budget: Budget, edge: ArchiveEntries, readMember: ReadMember): Promise<void> {
  const tally: Tally = { read: 0, skipped: 0 };
  const stats = c.archiveSource(name, kind);
  let current: string | undefined;
  try {
    const entries = kind === 'zip' ? edge.zip(await readAll(name, source, budget.limits.maxArchiveBytes)) : edge.tar(source);
    for await (const e of entries) {
      if (!budget.entry()) {
        await e.skip();
        break;
      }
      const path = kind === 'tar' ? e.name.replace(/^(\.\/)+/, '') : e.name;
      current = path;
      if (e.type !== 'file' || skipMember(path)) {
        if (e.type === 'file') tally.skipped++;
        else {
          const what = tarEntryKind(e.type, e.linkname);
          if (what) (tally.others ??= []).push(`${path} (${what})`);
        }
        await e.skip();
        continue;
      }
      const member = `${name}!${path}`;
      // One member no reader here can open (bzip2, LZMA, a password) is named; the rest go on.
      const why = e.method === undefined ? undefined : zipMemberProblem(member, e.method, e.encrypted ?? false);
      if (why) {
        (tally.notes ??= []).push(why);
        await e.skip();
        continue;
      }
      const body = e.compressed ? metered(e.body(), budget.meter(member, e.compressed)) : quietOnLimit(e.body());
      const r = await readMember(member, body);
      if (r === 'binary') tally.skipped++;
      else tally.read++;
      await e.skip();
      // A member that met a limit ends the archive here. A tar metered as one stream (its gzip
      // layer) may meet it ahead of the member being read: it ends itself where that stream
      // stopped, in the member the limit fell in.
      if (budget.exhausted && e.compressed) break;
    }
  } catch (e) {
    // A limit hit while gunzipping the whole tar names the member being read at the time.
    const msg = e instanceof LimitError ? e.message : corruptArchiveMessage(name, kind, e instanceof Error ? e.message : String(e));
    stats.errors.push(e instanceof LimitError && current !== undefined && msg.startsWith(`${name}: `) ? `${name}!${current}: ${msg.slice(name.length + 2)}` : msg);
  }
  noteArchive(stats, name, tally, budget);
}
