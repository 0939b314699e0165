// Turns the physical lines of one source into entries. Streaming: it holds at most one entry back,
// to join the physical lines a terminal wrapped (or a multi-line message) onto it. This class
// cleans a line (separators, CR, ANSI, paste markup), keeps a pasted config apart, and reads i2pd's
// own lines under any host prefix; the quick path and the held entry are QuickLines', the rest of
// a paste PasteText's.
import type { ConfigKind } from '../read/source-kind.js';
import { CONFIG_SHAPE as CONFIG_LINE, ELISION, sniffConfig } from './config.js';
import type { Entry, SourceStats } from '../model.js';
import { isFence, stripAnsi, stripListMarker, stripPaste } from './clean.js';
import { matchHost, type HostPrefix } from './hosts.js';
import { fileHead, LINE_CLEAN, moduleEnd, parseI2pdLine, scanFileLine, splitModule } from './i2pd-line.js';
import { MAX_BLOCK_CHARS, MAX_BLOCK_LINES, startsConfig } from './pasted-config.js';
import { PasteText } from './paste-text.js';
import { parseBare, stripTicks } from './quoted.js';
import { MAX_LINE, QUICK_FORMATS, type QuickSink } from './quick-lines.js';

export { MAX_LINE, type QuickSink } from './quick-lines.js';

const SEPARATORS = /[\u2028\u2029]/;
const SEPARATORS_ALL = /[\u2028\u2029]/g;

export function newSourceStats(name: string, kind = 'log'): SourceStats {
  return { name, kind, formats: {}, lines: 0, parsed: 0, unparsed: 0, oversized: 0, classes: {}, errors: [], warnings: [] };
}

export class LineParser extends PasteText {
  /** Lines of a block that turned out not to be a config are read again: no block may start then. */
  private replaying = false;
  private inFence = false;

  constructor(
    stats: SourceStats,
    emit: (e: Entry) => boolean | void,
    quick?: QuickSink,
    /** A fenced block of the paste that is an i2pd.conf or tunnels.conf, and its first line. */
    private readonly onConfig?: (text: string, line: number, kind: ConfigKind) => void,
    onLine?: (line: number, cls: string, text: string) => void,
  ) {
    super(stats, emit, quick, onLine);
  }

  /** A line too long to parse, passed on by a splitter that did not keep its text. */
  oversized(): void {
    if (this.block?.config) this.closeBlock();
    this.block = undefined;
    this.lineNo++;
    this.stats.lines++;
    this.stats.oversized++;
    this.lineText = '';
    this.cls('oversized');
    this.flush();
  }

  /** `flags`: LINE_ASCII or LINE_CLEAN when the caller knows (a splitter that saw the bytes), else 0. */
  push(raw: string, flags = 0): void {
    // i2pd never writes U+2028 or U+2029, but JavaScript's `.` and `$` stop at them as at a line
    // break: inside a line they read as a space, or the line would not parse (ASCII has neither).
    if (flags === 0 && SEPARATORS.test(raw)) raw = raw.replace(SEPARATORS_ALL, ' ');
    // A lone CR (old Mac files, progress output captured from a terminal) ends a line, as it
    // does in editors; CRLF was split already.
    const cr = flags === LINE_CLEAN ? -1 : raw.indexOf('\r');
    if (cr !== -1 && cr < raw.length - 1 && raw.length <= MAX_LINE) {
      for (const part of raw.split(/\r(?!$)/)) this.pushLine(part, flags);
      return;
    }
    this.pushLine(raw, flags);
  }

  protected override pushLine(raw: string, flags: number): void {
    if (raw.length > MAX_LINE) {
      this.oversized();
      return;
    }
    if (this.block && this.inBlock(raw, flags)) return;
    const n = ++this.lineNo;
    if (this.onLine) this.lineText = raw;
    const st = this.stats;
    st.lines++;
    let s = raw;
    if (flags !== LINE_CLEAN && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    if (flags !== LINE_CLEAN && s.indexOf('\x1b') !== -1) {
      s = stripAnsi(s);
      this.count('ANSI colour');
    }
    const c0 = s.charCodeAt(0);
    if (s.length === 0 || ((c0 === 96 || c0 === 126 || c0 === 32 || c0 === 62) && isFence(s))) {
      // Blank lines and code fences end any wrapped entry; they are accounted as unparsed.
      if (s.length !== 0) {
        // An opening fence starts a block that may turn out to be a config; a closing one ends it.
        this.inFence = !this.inFence;
        this.block = this.inFence && this.onConfig ? { config: false, fenced: true, lines: [], text: [], chars: 0 } : undefined;
        this.count('markdown paste');
        // A fence ends a shell transcript too: what follows is not its output.
        this.command = undefined;
      }
      st.unparsed++;
      this.cls('markup');
      this.addressTable = false;
      this.flush();
      return;
    }
    // stripPaste's own fast path, without the object it returns: most lines start with a digit.
    if (c0 === 62 || c0 === 32 || c0 === 9 || c0 === 96) {
      const paste = stripPaste(s);
      if (paste.pasted) this.count('markdown paste');
      s = paste.text;
    }
    const last = s.charCodeAt(s.length - 1);
    // trimEnd only when the line can end in white space (ASCII controls/space, or Unicode spaces).
    if (last <= 32 || last >= 0x80) s = s.trimEnd();
    if (s.length === 0) {
      st.unparsed++;
      this.cls('markup');
      this.flush();
      return;
    }
    // An i2pd.conf or tunnels.conf pasted without a fence, between other text: held like a
    // fenced block, from its first section or option line to the first line of anything else.
    if (!this.inFence && this.onConfig && !this.replaying && startsConfig(s)) {
      this.block = { config: true, fenced: false, lines: [], text: [], chars: 0 };
      // Counted when the block ends; a line the block does not take after all is read on here.
      if (this.inBlock(raw, flags)) {
        this.lineNo--;
        st.lines--;
        return;
      }
    }

    if (this.quick && c0 >= 48 && c0 <= 57 && scanFileLine(s, flags)) {
      const h = fileHead;
      // warn, error and critical lines always get entries: they feed OS hints and unknown messages.
      if (h.level === 'debug' || h.level === 'info' || h.level === 'none') {
        if (!this.quick.wants(s, h.message, moduleEnd(s, h.message), h.rank, flags)) {
          this.flush();
          st.parsed++;
          this.cls('i2pd log');
          const k = h.tid === undefined ? 1 : 0;
          // A keyed count per line costs more than the rest of the line; the sum waits for end().
          if (st.formats[QUICK_FORMATS[k]] === undefined) this.count(QUICK_FORMATS[k]);
          else this.quickFormats[k]++;
          this.quickText = s;
          this.quickFrom = 0;
          this.quickEnd = s.length;
          this.quickNo = n;
          this.quickTod = h.tod;
          this.quickRank = h.rank;
          this.pendingWidth = raw.length;
          this.pendingLast = raw.charCodeAt(raw.length - 1);
          this.continuations = 0;
          return;
        }
      }
    }

    let text = s;
    let hostFormat: string | undefined;
    let process: string | undefined;
    let host: HostPrefix | undefined;
    let parsed = parseI2pdLine(s);
    if (!parsed && (host = matchHost(s))) {
      hostFormat = host.format;
      process = host.process;
      text = host.payload;
      parsed = parseI2pdLine(text);
      // docker-compose inside journald, and similar stacks: peel one more layer.
      const inner = parsed ? undefined : matchHost(text);
      if (inner) {
        text = inner.payload;
        process = inner.process ?? process;
        host = { ...inner, level: inner.level ?? host.level, tod: inner.tod ?? host.tod, day: inner.day ?? host.day };
        parsed = parseI2pdLine(text);
      }
    }
    if (!parsed) {
      // A list item, or a code span left open over several lines (`12:00:00@1/error - …` and a
      // lone backtick further down), around an i2pd line; or its message alone, quoted.
      for (const t of [stripListMarker(text), stripTicks(text)]) {
        if (t === undefined || t === text) continue;
        if ((parsed = parseI2pdLine(t) ?? parseBare(t))) {
          text = t;
          break;
        }
      }
      parsed ??= parseBare(text);
    }

    if (parsed) {
      this.flush();
      st.parsed++;
      this.cls('i2pd log');
      this.command = undefined;
      if (hostFormat) this.count(hostFormat);
      this.count(parsed.format);
      const { module, message } = splitModule(parsed.message);
      this.pending = {
        kind: 'log', source: st.name, line: n, module, message, text,
        time: parsed.time, tod: parsed.tod ?? host?.tod, day: parsed.day ?? host?.day,
        tid: parsed.tid, level: parsed.level ?? host?.level,
      };
      this.pendingWidth = raw.length;
      this.pendingLast = raw.charCodeAt(raw.length - 1);
      this.continuations = 0;
      return;
    }
    this.readText(s, text, raw, n, host, hostFormat, process);
  }

  /**
   * A line while a fenced block is open: returns true when the block took it. The first non-blank
   * line decides: one that reads as config (`[section]`, `key = value`, a comment) makes a config
   * block, held back until its closing fence; anything else ends the block's special treatment.
   */
  private inBlock(raw: string, flags: number): boolean {
    const b = this.block!;
    // Read as pushLine reads it: a CRLF's CR would keep a code span's closing backticks.
    const clean = stripPaste(stripAnsi(raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw)).text;
    const t = clean.trim();
    if (!b.fenced) {
      // An unfenced block ends at the first line that is neither config nor blank, or at a fence.
      if (isFence(raw) || (t.length > 0 && !CONFIG_LINE.test(t) && !ELISION.test(t))) {
        this.closeBlock();
        return false;
      }
    } else if (!b.config) {
      if (t.length === 0 || isFence(raw)) return false;
      if (!CONFIG_LINE.test(t) && !ELISION.test(t)) {
        this.block = undefined;
        return false;
      }
      b.config = true;
    } else if (isFence(raw)) {
      this.closeBlock();
      return false;
    }
    b.lines.push([raw, flags]);
    b.text.push(clean);
    b.chars += raw.length;
    // Too long for a config: it is read as it would have been without the fence.
    if (b.lines.length > MAX_BLOCK_LINES || b.chars > MAX_BLOCK_CHARS) {
      this.block = undefined;
      this.replay(b.lines);
    }
    return true;
  }

  /** Ends a held config block: a config when it sniffs as one, else its lines are read as usual. */
  private closeBlock(): void {
    const b = this.block!;
    this.block = undefined;
    // Blank lines at the end of an unfenced block belong to what follows.
    let keep = b.lines.length;
    while (!b.fenced && keep > 0 && b.text[keep - 1].trim() === '') keep--;
    // An unfenced block stands among other text: one `key = value` line in it is not enough.
    const kind = sniffConfig(b.text.slice(0, keep).join('\n') + '\n', b.fenced ? 1 : 2);
    if (!kind) {
      this.replay(b.lines);
      return;
    }
    const tail = b.lines.slice(keep);
    b.lines.length = keep;
    this.flush();
    const first = this.lineNo + 1;
    const st = this.stats;
    for (let i = 0; i < b.lines.length; i++) {
      this.lineNo++;
      if (this.onLine) this.lineText = b.lines[i][0];
      st.lines++;
      st.unparsed++;
      this.cls('config');
      this.count(`${kind} in the paste`);
    }
    this.onConfig!(b.text.slice(0, keep).join('\n') + '\n', first, kind);
    this.replay(tail);
  }

  /** Reads held lines as they would have been read without the block. */
  private replay(lines: Array<[string, number]>): void {
    const was = this.replaying;
    this.replaying = true;
    try {
      for (const [l, f] of lines) this.pushLine(l, f);
    } finally {
      this.replaying = was;
    }
  }

  end(): void {
    // A paste cut off inside a config block: the block still counts.
    if (this.block?.config) this.closeBlock();
    this.block = undefined;
    this.flush();
    this.endQuick();
  }
}
