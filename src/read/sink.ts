// Where the reader writes: a case (CaseAnalysis), or anything else that takes sources (the
// redactor). The reader knows only this interface; what a sink can do beyond it (profiling, a
// parallel read in Node) is declared here as optional members, never found by `instanceof`.
import type { Entry, SourceStats } from '../model.js';
import type { ConfigKind } from './source-kind.js';
import type { ArchiveKind } from './archive-kind.js';

/** One log source being read: the line parser, or a redactor's writer. */
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

/**
 * `--profile`: the stage timing of sampled chunks (StageProfile). The splitter runs a sampled
 * chunk stage by stage and tells it what each stage took.
 */
export interface ChunkProfile {
  batch?: Entry[];
  entryMs: number;
  sampleChunk(): boolean;
  addChunk(ms: number, bytes: number, sampled: boolean, lines: number, entries?: number): void;
  addSampled(stage: 'split' | 'parse' | 'match' | 'facts', ms: number): void;
  keep(entries: readonly Entry[]): void;
  addSource(ms: number): void;
}

export interface ReadSink {
  /** A source that could not be read at all: it is reported, and the case goes on. */
  failedSource(name: string, error: string, kind?: string): SourceStats;
  addConfig(name: string, text: string, kind: ConfigKind): SourceStats;
  /** An archive: its members are sources of their own; this one carries what was skipped. */
  archiveSource(name: string, kind: ArchiveKind): SourceStats;
  logSource(name: string): LogSink;
  /**
   * Whether text no file name marks is an i2pd.conf or a tunnels.conf, by what it holds: the
   * sink knows what it parses (parse/config's sniffConfig), the reader only asks.
   */
  sniffConfig(text: string): ConfigKind | undefined;
  /** With --profile: sampled chunks are timed stage by stage. */
  readonly profile?: ChunkProfile;
  /** With `profile`: matches entries again, alone, and returns the milliseconds it took. */
  timeMatch?(entries: Entry[]): number;
}
