// Splits a byte stream into lines without split2's per-chunk regex split and string concatenation:
// each chunk is decoded once up to its last newline and cut with indexOf. A line that grows past
// the parser's limit stops being buffered; it is reported as one oversized line when it ends, so
// a 100 MB line costs at most OVERSIZED_BYTES of memory and every line is still accounted for.
// The CLI and the page use it alike; a Node Buffer's own indexOf (memchr) is used when the chunks
// are Buffers, and Node's ByteText (isAscii, latin1) when it is given.
import { LINE_ASCII, LINE_CLEAN, MAX_LINE } from './line-flags.js';
import { concatBytes, webText, type ByteText } from './bytes.js';

/**
 * A UTF-8 line of more than 4 * MAX_LINE bytes decodes to more than MAX_LINE UTF-16 units (no
 * sequence yields fewer than one unit per 4 bytes), so it is oversized whatever its content; below
 * this the line is decoded and the parser decides, exactly as it does for split2's lines.
 */
export const OVERSIZED_BYTES = 4 * MAX_LINE;

export interface LineSink {
  /** `flags`: LINE_ASCII or LINE_CLEAN when the whole chunk was seen to be so, else 0. */
  line(s: string, flags: number): void;
  /** A line too long to keep; nothing of it is passed on. */
  oversized(): void;
  /**
   * When given, takes whole LINE_CLEAN pieces instead of their lines: `text`, each line ending
   * with a newline, and its bytes (see LineParser.pushClean).
   */
  clean?(b: Uint8Array, text: string): void;
}

/**
 * Bytes decoded into one string at a time. V8 puts a string of more than 128 KiB in large-object
 * space, where making one costs several times as much per byte (measured: 256 KiB pieces decode
 * at about 1 GB/s, 16-64 KiB pieces at 5-6 GB/s). Smaller is better for memory too: the piece in
 * hand survives each young-generation collection, and what survives makes V8 grow that
 * generation over a long run (1 GB log, one thread: peak RSS 92-97 MB with 16 KiB pieces,
 * 115 MB with 64 KiB ones, at the same speed).
 */
const PIECE = 16 * 1024;

export class LineSplitter {
  private carry: Uint8Array[] = [];
  private carryLen = 0;
  private skipping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly text: ByteText = webText,
  ) {}

  push(chunk: Uint8Array): void {
    const first = chunk.indexOf(10);
    if (first === -1) {
      this.hold(chunk);
      return;
    }
    let start = 0;
    if (this.carryLen > 0 || this.skipping) {
      this.hold(chunk.subarray(0, first));
      this.release();
      start = first + 1;
    }
    const last = chunk.lastIndexOf(10);
    for (let from = start; from <= last; ) {
      // A piece of at most PIECE bytes at a time, ending on a newline (a longer line is one piece).
      let to = last - from < PIECE ? last : chunk.lastIndexOf(10, from + PIECE - 1);
      if (to < from) to = chunk.indexOf(10, from + PIECE);
      this.lines(chunk.subarray(from, to + 1));
      from = to + 1;
    }
    if (last + 1 < chunk.length) this.hold(chunk.subarray(last + 1));
  }

  /** Complete lines, each ending with a newline. */
  private lines(bytes: Uint8Array): void {
    // One vectorised pass per piece spares the parser per-line tests: for non-ASCII text, and
    // (two more passes) for CR and ESC. ASCII decodes as latin1, a plain copy.
    const ascii = this.text.isAscii(bytes);
    const text = ascii ? this.text.ascii(bytes) : this.text.utf8(bytes);
    const flags = !ascii ? 0 : text.indexOf('\r') === -1 && text.indexOf('\x1b') === -1 ? LINE_CLEAN : LINE_ASCII;
    const sink = this.sink;
    if (flags === LINE_CLEAN && sink.clean) {
      sink.clean(bytes, text);
      return;
    }
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      // split2 splits on \r?\n; so do we, so line lengths match.
      const end = flags !== LINE_CLEAN && nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      sink.line(text.slice(from, end), flags);
      from = nl + 1;
    }
  }

  /** Passes on the last line when the input does not end with a newline. */
  end(): void {
    if (this.carryLen > 0 || this.skipping) this.release();
  }

  private hold(part: Uint8Array): void {
    if (this.skipping || part.length === 0) return;
    if (this.carryLen + part.length > OVERSIZED_BYTES) {
      this.skipping = true;
      this.carry = [];
      this.carryLen = 0;
      return;
    }
    // A copy: a view would keep the whole read chunk alive.
    this.carry.push(new Uint8Array(part));
    this.carryLen += part.length;
  }

  private release(): void {
    if (this.skipping) {
      this.skipping = false;
      this.sink.oversized();
      return;
    }
    let s = this.text.utf8(concatBytes(this.carry, this.carryLen));
    this.carry = [];
    this.carryLen = 0;
    if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    this.sink.line(s, 0);
  }
}
