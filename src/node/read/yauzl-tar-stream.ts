// Archives read in memory, never extracted: each member is handed on as a stream named
// `report.zip!logs/i2pd.log`. Member names are only names: `../` or absolute paths in them are
// never used to touch the file system.
import { Readable } from 'node:stream';
// Loaded when an archive turns up: most runs read plain logs, and start-up is part of every run.
import type yauzl from 'yauzl';
import type { SourceSink } from './sources.js';
import { type Budget, LimitError, formatBytes } from './limits.js';
import { type ArchiveKind, corruptArchiveMessage, skipMember, noteArchive, tarEntryKind, type Tally, zipMemberProblem, zipTooLargeMessage } from '../analyze/archive-kind.js';
import { sourceLabel } from '../report/safe-text.js';

export { archiveKind } from '../analyze/archive-kind.js';

/** Reads one member: the same path as a file (sniff, gunzip, archive, config or log). */
export type ReadMember = (name: string, stream: Readable) => Promise<'read' | 'binary'>;

async function readAll(name: string, stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > max) throw new LimitError(zipTooLargeMessage(name, formatBytes(max)));
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodeName(raw: Buffer | string, utf8: boolean): string {
  if (typeof raw === 'string') return raw;
  return raw.toString(utf8 ? 'utf8' : 'latin1');
}

export async function readZip(c: SourceSink, name: string, stream: Readable, budget: Budget, readMember: ReadMember): Promise<void> {
  const tally: Tally = { read: 0, skipped: 0 };
  const stats = c.archiveSource(name, 'zip');
  try {
    await zipMembers(name, await readAll(name, stream, budget.limits.maxArchiveBytes), budget, readMember, tally);
  } catch (e) {
    stats.errors.push(archiveError(name, 'zip', e as Error));
  }
  noteArchive(stats, name, tally, budget);
}

async function zipMembers(name: string, buf: Buffer, budget: Budget, readMember: ReadMember, tally: Tally): Promise<void> {
  // decodeStrings: false keeps yauzl from refusing the whole archive over one `../` name: such a
  // name is shown, never used as a path.
  const { default: yauzlLib } = await import('yauzl');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzlLib.fromBuffer(buf, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          if (!budget.entry()) {
            zip.close();
            resolve();
            return;
          }
          const path = sourceLabel(decodeName(entry.fileName as unknown as Buffer, (entry.generalPurposeBitFlag & 0x800) !== 0));
          if (path.endsWith('/') || skipMember(path)) {
            if (!path.endsWith('/')) tally.skipped++;
            zip.readEntry();
            return;
          }
          const member = `${name}!${path}`;
          // One member no reader here can open (bzip2, LZMA, a password) is named; the rest go on.
          const why = zipMemberProblem(member, entry.compressionMethod, (entry.generalPurposeBitFlag & 1) !== 0);
          if (why) {
            (tally.notes ??= []).push(why);
            zip.readEntry();
            return;
          }
          const rs = await new Promise<Readable>((res, rej) => zip.openReadStream(entry, (err, s) => (err ? rej(err) : res(s))));
          const metered = rs.pipe(budget.stream(member, () => entry.compressedSize));
          rs.on('error', (e) => metered.destroy(e));
          const r = await readMember(member, metered);
          if (r === 'binary') tally.skipped++;
          else tally.read++;
          if (budget.exhausted) {
            zip.close();
            resolve();
          } else zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
}

export async function readTar(c: SourceSink, name: string, stream: Readable, budget: Budget, readMember: ReadMember): Promise<void> {
  const tally: Tally = { read: 0, skipped: 0 };
  const stats = c.archiveSource(name, 'tar');
  let current: string | undefined;
  const { default: tar } = await import('tar-stream');
  const extract = tar.extract();
  stream.on('error', (e) => extract.destroy(e));
  try {
    await new Promise<void>((resolve, reject) => {
      extract.on('error', reject);
      extract.on('finish', resolve);
      extract.on('entry', (header, entry, next) => {
        void (async () => {
          if (!budget.entry()) {
            entry.resume();
            stream.unpipe(extract);
            stream.resume();
            resolve();
            return;
          }
          const path = sourceLabel(header.name.replace(/^(\.\/)+/, ''));
          current = path;
          if ((header.type !== 'file' && header.type !== 'contiguous-file') || skipMember(path)) {
            if (header.type === 'file' || header.type === 'contiguous-file') tally.skipped++;
            else {
              const what = tarEntryKind(header.type, header.linkname && sourceLabel(header.linkname));
              if (what) (tally.others ??= []).push(`${path} (${what})`);
            }
            entry.resume();
            next();
            return;
          }
          let ended = false;
          entry.once('end', () => (ended = true));
          const r = await readMember(`${name}!${path}`, Readable.from(entry));
          if (r === 'binary') tally.skipped++;
          else tally.read++;
          // Whatever the reader left unread must be drained before tar-stream moves on.
          entry.resume();
          if (budget.exhausted) {
            stream.unpipe(extract);
            stream.resume();
            resolve();
            return;
          }
          if (ended) next();
          else entry.once('end', () => next());
        })().catch(reject);
      });
      stream.pipe(extract);
    });
  } catch (e) {
    // A limit hit while gunzipping the whole tar names the member being read at the time.
    const msg = archiveError(name, 'tar', e as Error);
    stats.errors.push(e instanceof LimitError && current !== undefined && msg.startsWith(`${name}: `) ? `${name}!${current}: ${msg.slice(name.length + 2)}` : msg);
  }
  noteArchive(stats, name, tally, budget);
}

function archiveError(name: string, kind: ArchiveKind, e: Error): string {
  if (e instanceof LimitError) return e.message;
  return corruptArchiveMessage(name, kind, e.message);
}
