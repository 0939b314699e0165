// Reads a byte range of a log file (starting and ending on line boundaries) into facts of its
// own: one part of a parallel read, on a worker thread or on the main one.
import { TemplateCollector, type CaseTemplate } from '../facts/templates.js';
import { CaseFacts, type FactsPart } from '../facts/case-facts.js';
import type { Matcher } from '../match/matcher.js';
import type { SourceStats } from '../model.js';
import { LineParser, newSourceStats } from '../parse/line-parser.js';
import { fileChunks } from './file-chunks.js';
import { LineSplitter, readSize } from './line-splitter.js';

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

export async function readRange(task: RangeTask, matcher: Matcher): Promise<Part> {
  const facts = new CaseFacts(matcher);
  const templates = task.templatesFor === undefined ? undefined : new TemplateCollector(task.templatesFor);
  if (templates) facts.onUnmatched = (e) => templates.add(e);
  const stats = newSourceStats(task.name);
  const parser = new LineParser(stats, (e) => facts.add(e), facts);
  let first = task.start === 0;
  const splitter = new LineSplitter({
    line(s, flags) {
      if (first) {
        first = false;
        if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      }
      parser.push(s, flags);
    },
    oversized() {
      first = false;
      parser.oversized();
    },
    // ASCII: no byte-order mark to strip.
    clean(b, text) {
      first = false;
      parser.pushClean(b, text);
    },
  });
  if (task.end > task.start) {
    for await (const chunk of fileChunks(task.path, readSize(task.end - task.start), task.start, task.end)) splitter.push(chunk);
  }
  splitter.end();
  parser.end();
  return { stats, facts: facts.state(), templates: templates?.state() };
}
