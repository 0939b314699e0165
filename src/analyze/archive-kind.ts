// Which archive a source is, by its first bytes, and which members a diagnosis never needs.
// Shared by the CLI's archive reader (src/node/archive.ts) and the page's (src/web/archive.ts).

import type { SourceStats } from '../model.js';
import type { Budget } from './limits.js';

export type ArchiveKind = 'zip' | 'tar';

/** What one archive's reader did with its members. */
export interface Tally {
  read: number;
  skipped: number;
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
