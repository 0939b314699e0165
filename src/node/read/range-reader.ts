// Reads a byte range of a log file (starting and ending on line boundaries) into facts of its
// own: one part of a parallel read, on a worker thread or on the main one.
import { TemplateCollector, type CaseTemplate } from '../../facts/templates.js';
import { CaseFacts } from '../../facts/case-facts.js';
import type { FactsPart } from '../../facts/facts-part.js';
import type { Derivations } from '../../facts/derivations.js';
import type { Matcher } from '../../match/matcher.js';
import type { SourceStats } from '../../model.js';
import { LineParser, newSourceStats } from '../../parse/line-parser.js';
import { fileChunks } from './file-chunks.js';
import { splitBytes } from '../../read/split.js';
import { bufferText, readSize } from './buffer-text.js';

export interface RangeTask {
  path: string;
  name: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** Collect unknown-message templates under this case name. */
  templatesFor?: string;
}

export interface Part {
  stats: SourceStats;
  facts: FactsPart;
  templates?: CaseTemplate[];
}

export async function readRange(task: RangeTask, matcher: Matcher, derivations: Derivations): Promise<Part> {
  const facts = new CaseFacts(matcher, derivations);
  const templates = task.templatesFor === undefined ? undefined : new TemplateCollector(task.templatesFor);
  if (templates) facts.onUnmatched = (e) => templates.add(e);
  const stats = newSourceStats(task.name);
  const parser = new LineParser(stats, (e) => facts.add(e), facts);
  const chunks = task.end > task.start ? fileChunks(task.path, readSize(task.end - task.start), task.start, task.end) : [];
  await splitBytes({}, chunks as AsyncIterable<Uint8Array>, parser, bufferText, task.start === 0);
  parser.end();
  return { stats, facts: facts.state(), templates: templates?.state() };
}
