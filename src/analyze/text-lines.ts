// Splits decoded text into lines for the page's reader (the CLI's splits bytes: src/node/
// line-splitter.ts), the same way: on \n or \r\n, no trailing empty line, and a line past the
// parser's limit is dropped as it streams and counted once as oversized, so a runaway line costs
// at most MAX_LINE characters of memory and no quadratic concatenation.
import { MAX_LINE } from '../parse/line-parser.js';

export class TextLineSplitter {
  private parts: string[] = [];
  private length = 0;
  private skipping = false;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly oversized: () => void,
  ) {}

  push(text: string): void {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      this.hold(text, from, nl);
      this.release();
      from = nl + 1;
    }
    if (from < text.length) this.hold(text, from, text.length);
  }

  end(): void {
    if (this.length > 0 || this.skipping) this.release();
  }

  private hold(text: string, from: number, to: number): void {
    if (this.skipping || to === from) return;
    // One more for the CR of a CRLF line, which the line loses.
    if (this.length + (to - from) > MAX_LINE + 1) {
      this.skipping = true;
      this.parts = [];
      this.length = 0;
      return;
    }
    this.parts.push(from === 0 && to === text.length ? text : text.slice(from, to));
    this.length += to - from;
  }

  private release(): void {
    if (this.skipping) {
      this.skipping = false;
      this.oversized();
      return;
    }
    let line = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.length = 0;
    if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    this.emit(line);
  }
}
