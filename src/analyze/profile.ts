// `analyze --profile`: where the time goes, per stage, on the path every run takes. A clock read
// costs more than some stages spend on a line, so stages are timed over whole read chunks: one
// chunk in SAMPLE is run stage by stage (split it into lines, parse them all, which counts most
// lines outright and builds entries for the rest; the entries' time in the facts is summed, and
// they are matched again alone to part matching from recording), and the totals are scaled by
// bytes. Reading is the wait between chunks. Pure: performance.now exists in browsers and Node.
import type { Entry } from '../model.js';

export const SAMPLE = 8;
const KEEP_ENTRIES = 20_000;

export type Stage = 'read' | 'split' | 'parse' | 'match' | 'facts' | 'rules';
type LineStage = 'split' | 'parse' | 'match' | 'facts';

export class StageProfile {
  /** Milliseconds per stage. */
  readonly ms: Record<Stage, number> = { read: 0, split: 0, parse: 0, match: 0, facts: 0, rules: 0 };
  private readonly sampled: Record<LineStage, number> = { split: 0, parse: 0, match: 0, facts: 0 };
  private tick = 0;
  private chunkMs = 0;
  private sampledBytes = 0;
  lines = 0;
  bytes = 0;
  /** Entries of the chunk being run stage by stage, collected as they are added to the facts. */
  batch?: Entry[];
  /** Milliseconds the facts took for them (matching included). */
  entryMs = 0;
  /** Lines and entries of the sampled chunks: the share of lines that needed an entry. */
  sampledLines = 0;
  sampledEntries = 0;
  /** A copy of some entries, for the per-signature cost table. */
  readonly entries: Entry[] = [];

  /** Whether to run the next chunk stage by stage: the first one (small logs have one) and every SAMPLE-th. */
  sampleChunk(): boolean {
    return this.tick++ % SAMPLE === 0;
  }

  addSampled(stage: LineStage, ms: number): void {
    this.sampled[stage] += ms;
  }

  keep(entries: readonly Entry[]): void {
    for (const e of entries) {
      if (this.entries.length >= KEEP_ENTRIES) return;
      // Copies: a slice would keep its whole read chunk alive.
      this.entries.push({ ...e, message: copy(e.message), module: copy(e.module), text: '' });
    }
  }

  /** Time spent handling one read chunk, sampled or not. */
  addChunk(ms: number, bytes: number, sampled: boolean, lines: number, entries = 0): void {
    this.chunkMs += ms;
    this.bytes += bytes;
    this.lines += lines;
    if (sampled) {
      this.sampledBytes += bytes;
      this.sampledLines += lines;
      this.sampledEntries += entries;
    }
  }

  /** Wall time spent on one source, from open to end of stream. */
  addSource(ms: number): void {
    this.ms.read += Math.max(0, ms - this.chunkMs);
    this.chunkMs = 0;
    const scale = this.sampledBytes > 0 ? this.bytes / this.sampledBytes : 0;
    for (const s of Object.keys(this.sampled) as LineStage[]) this.ms[s] = this.sampled[s] * scale;
  }
}

function copy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
