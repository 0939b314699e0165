// `analyze --lines`: what each line of a case was read as, and which signatures it matched, so a
// contributor sees why a line was not read. Bounded: a paste is small, a huge log is cut short.
export const MAX_LOGGED_LINES = 100_000;

interface LoggedLine {
  line: number;
  cls: string;
  text: string;
  signatures: string[];
}

export class LineLog {
  private readonly bySource = new Map<string, Map<number, LoggedLine>>();
  private count = 0;
  /** Lines left out once the cap was reached. */
  dropped = 0;

  record(source: string, line: number, cls: string, text: string): void {
    let lines = this.bySource.get(source);
    if (!lines) this.bySource.set(source, (lines = new Map()));
    const had = lines.get(line);
    // A physical line read twice (a held block replayed) keeps its final class.
    if (had) {
      had.cls = cls;
      return;
    }
    if (this.count >= MAX_LOGGED_LINES) {
      this.dropped++;
      return;
    }
    this.count++;
    lines.set(line, { line, cls, text, signatures: [] });
  }

  matched(source: string, line: number, ids: readonly string[]): void {
    const l = this.bySource.get(source)?.get(line);
    if (l) for (const id of ids) if (!l.signatures.includes(id)) l.signatures.push(id);
  }

  /** `source`, then one row a line: number, class, text, and the signatures after an arrow. */
  render(width = 100): string {
    const out: string[] = [];
    for (const [source, lines] of this.bySource) {
      out.push(source);
      const rows = [...lines.values()].sort((a, b) => a.line - b.line);
      const w = String(rows.at(-1)?.line ?? 1).length;
      for (const r of rows) {
        const text = r.text.length > width ? `${r.text.slice(0, width - 1)}…` : r.text;
        out.push(`${String(r.line).padStart(w)}  ${r.cls.padEnd(15)} ${text}${r.signatures.length ? `  ← ${r.signatures.join(', ')}` : ''}`);
      }
      out.push('');
    }
    if (this.dropped > 0) out.push(`(${this.dropped} more lines not listed: --lines shows the first ${MAX_LOGGED_LINES})`);
    return out.join('\n') + '\n';
  }
}
