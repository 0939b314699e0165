// One followed log as one growing case: bytes are split and parsed on the path analyze takes
// (LineSplitter → LineParser → facts), and the rules run now and then on the facts so far —
// never per line. Windows and counts are on the log's own clock, as analyze has them, and the
// facts are bounded, so memory stays flat however long the log runs.
import { CaseAnalysis } from '../../analyze/case.js';
import type { Knowledge } from '../../knowledge.js';
import type { Diagnosis, Facts } from '../../model.js';
import type { LineParser } from '../../parse/line-parser.js';
import { LineSplitter } from '../../read/line-splitter.js';
import { bufferText } from '../read/buffer-text.js';
import { FindingTracker, type FindingEvent } from './changes.js';

export interface Evaluation {
  events: FindingEvent[];
  diagnoses: Diagnosis[];
  facts: Facts;
}

export class Watcher {
  private readonly c: CaseAnalysis;
  private readonly parser: LineParser;
  private readonly splitter: LineSplitter;
  private readonly tracker: FindingTracker;
  /** Lines arrived since the rules last ran. */
  private dirty = false;
  /** Bytes arrived since the last tick: the parser may still hold a line back for its continuation. */
  private fresh = false;
  private held = false;
  /** Wall-clock time of the last byte read (ms). */
  lastRead?: number;

  constructor(knowledge: Knowledge, name: string) {
    this.c = new CaseAnalysis(name, knowledge);
    this.parser = this.c.logSource(name);
    const parser = this.parser;
    this.splitter = new LineSplitter({
      line: (s, flags) => parser.push(s, flags),
      oversized: () => parser.oversized(),
      clean: (b, text) => parser.pushClean(b, text),
    }, bufferText);
    const runStarts = knowledge.signatures.filter((s) => s.marks === 'run-start').map((s) => s.id);
    this.tracker = new FindingTracker(knowledge.runner.byId, runStarts);
  }

  push(chunk: Buffer): void {
    this.splitter.push(chunk);
    this.dirty = this.fresh = this.held = true;
    this.lastRead = Date.now();
  }

  /**
   * Runs the rules when lines arrived. The parser holds the last entry back for lines that
   * continue it; once no byte came for a whole tick, it is let go so that a router's last words
   * (a crash) are not kept waiting for a next line that may never come.
   */
  async tick(): Promise<Evaluation | undefined> {
    if (!this.fresh && this.held) {
      this.parser.flush();
      this.held = false;
      this.dirty = true;
    }
    this.fresh = false;
    if (!this.dirty) return undefined;
    this.dirty = false;
    return this.evaluate();
  }

  /** The end of the input: the last line is let go and the rules run once more. */
  async end(): Promise<Evaluation> {
    this.splitter.end();
    this.parser.end();
    return this.evaluate();
  }

  private async evaluate(): Promise<Evaluation> {
    const r = await this.c.finish();
    return { events: this.tracker.update(r.diagnoses, r.facts), diagnoses: r.diagnoses, facts: r.facts };
  }
}
