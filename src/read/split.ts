// Bytes to a log source's lines through the one splitter, and, with --profile, a sampled chunk
// run stage by stage so each stage is timed over thousands of lines.
import type { ByteText } from './bytes.js';
import { LineSplitter } from './line-splitter.js';
import type { LogSink, ReadSink } from './sink.js';

/** `bom`: a byte-order mark may start the bytes (false for a byte range after a file's start). */
export async function splitBytes(c: Pick<ReadSink, 'profile' | 'timeMatch'>, bytes: AsyncIterable<Uint8Array>, parser: LogSink, text?: ByteText, bom = true): Promise<void> {
  let first = bom;
  /** --profile: a sampled chunk's lines and pieces, in order, to be parsed as a stage of their own. */
  let collect: Array<[string, number] | [Uint8Array, string]> | undefined;
  const splitter = new LineSplitter(
    {
      line(s, flags) {
        if (first) {
          first = false;
          if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
        }
        if (collect) collect.push([s, flags]);
        else parser.push(s, flags);
      },
      oversized() {
        first = false;
        parser.oversized();
      },
      // ASCII: no byte-order mark to strip.
      clean: !parser.pushClean
        ? undefined
        : (b, text) => {
            first = false;
            if (collect) collect.push([b, text]);
            else parser.pushClean!(b, text);
          },
    },
    text,
  );
  const prof = c.profile;
  if (!prof || !c.timeMatch) {
    for await (const chunk of bytes) splitter.push(chunk);
    splitter.end();
    return;
  }
  const start = performance.now();
  for await (const buf of bytes) {
    const t0 = performance.now();
    const before = parser.stats.lines;
    if (!prof.sampleChunk()) {
      splitter.push(buf);
      prof.addChunk(performance.now() - t0, buf.length, false, parser.stats.lines - before);
      continue;
    }
    collect = [];
    splitter.push(buf);
    const items = collect;
    collect = undefined;
    const t1 = performance.now();
    prof.batch = [];
    prof.entryMs = 0;
    for (const [a, b] of items) {
      if (typeof a === 'string') parser.push(a, b as number);
      else parser.pushClean!(a, b as string);
    }
    const entries = prof.batch;
    prof.batch = undefined;
    const t2 = performance.now();
    const match = c.timeMatch(entries);
    prof.addSampled('split', t1 - t0);
    prof.addSampled('parse', t2 - t1 - prof.entryMs);
    prof.addSampled('match', match);
    prof.addSampled('facts', Math.max(0, prof.entryMs - match));
    prof.keep(entries);
    prof.addChunk(performance.now() - t0 - match, buf.length, true, parser.stats.lines - before, entries.length);
  }
  splitter.end();
  prof.addSource(performance.now() - start);
}
