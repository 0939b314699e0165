// Which archive a source is, by its first bytes, and which members a diagnosis never needs.
// Used by the member loop (members.ts) for the CLI and the page alike.

import type { SourceStats } from '../model.js';
import type { Budget } from './limits.js';

export type ArchiveKind = 'zip' | 'tar';

/** What one archive's reader did with its members. */
export interface Tally {
  read: number;
  skipped: number;
  /** Members that could not be read, each with why (a compression method no reader has). */
  notes?: string[];
  /** Entries that are no file (links, devices, FIFOs), as `name (what)`. */
  others?: string[];
}

const ZIP_METHODS: Record<number, string> = { 1: 'Shrink', 6: 'Implode', 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'xz', 98: 'PPMd', 99: 'AES encryption' };

/** Why a zip member cannot be read here, or undefined: only stored (0) and deflated (8) members are. */
export function zipMemberProblem(member: string, method: number, encrypted: boolean): string | undefined {
  if (encrypted || method === 99) return `${member}: encrypted; skipped. Ask for the archive without a password, or unpack it with the password (unzip, 7z) and attach the files`;
  if (method === 0 || method === 8) return undefined;
  return `${member}: compressed with ${ZIP_METHODS[method] ?? 'an unknown method'} (method ${method}), which this reader does not support; skipped. Unpack the archive (unzip, 7z x) and analyse the files`;
}

/** What a tar entry that is not a file is, for the archive's note; undefined for a folder. */
export function tarEntryKind(type: string | undefined | null, linkname?: string | null): string | undefined {
  switch (type) {
    case 'directory':
      return undefined;
    case 'link':
      return `a hard link to ${linkname ?? '?'}`;
    case 'symlink':
      return 'a symbolic link';
    case 'character-device':
      return 'a character device';
    case 'block-device':
      return 'a block device';
    case 'fifo':
      return 'a FIFO';
    default:
      return `a ${type ?? 'special'} entry`;
  }
}

export function archiveKind(head: Uint8Array): ArchiveKind | undefined {
  // PK\3\4 a local file header; PK\5\6 the end record of an empty zip.
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar';
  return undefined;
}

// Parts of an i2pd data directory that hold no text a diagnosis reads: router infos, profiles,
// keys, certificates, the address book. Skipping them keeps a zipped data directory quick.
const SKIP_DIRS = /(^|\/)(netDb|peerProfiles|certificates|tags|addressbook|destinations|\.git)\//i;
const SKIP_EXT = /\.(dat|key|keys|crt|pem|der|csv|db|sqlite|png|jpe?g|gif|webp|ico|pdf|exe|dll|so|dylib|bin|b32)$/i;

export function skipMember(path: string): boolean {
  return SKIP_DIRS.test(path) || SKIP_EXT.test(path);
}

/** Writes the tally onto the archive's own source: members read, skipped, the entry limit. */
export function noteArchive(s: SourceStats, name: string, t: Tally, budget: Budget): void {
  s.lines = t.read;
  if (t.skipped) s.warnings.push(`${t.skipped} member${t.skipped > 1 ? 's' : ''} skipped: binary or data-directory files (netDb, keys, certificates, images)`);
  s.warnings.push(...(t.notes ?? []));
  const others = t.others ?? [];
  if (others.length) s.warnings.push(`${others.length} entr${others.length > 1 ? 'ies' : 'y'} not read: ${others.slice(0, 10).join(', ')}${others.length > 10 ? ', …' : ''} (links and special files hold no log)`);
  const entries = budget.entriesError(name);
  if (entries) s.errors.push(entries);
}

export function zipTooLargeMessage(name: string, max: string): string {
  return `${name}: a zip archive larger than ${max}; unpack it and analyse the log inside`;
}

export function nestedMessage(name: string, max: number): string {
  return `${name}: archives nested more than ${max} deep; unpack it first`;
}

export function corruptArchiveMessage(name: string, kind: ArchiveKind, detail: string): string {
  return `${name}: not a readable ${kind} archive (${detail}); it is corrupt or cut short: ask for it again, or for the log file itself`;
}
