// Turns the physical lines of one source into entries. Streaming: it holds at most one entry back,
// to join the physical lines a terminal wrapped (or a multi-line message) onto it.
import type { Entry, Level, SourceStats } from '../model.js';
import { isFence, stripAnsi, stripListMarker, stripPaste } from './clean.js';
import { classifyEvidence } from './evidence.js';
import { matchHost, type HostPrefix } from './hosts.js';
import { fileHead, moduleEnd, parseI2pdLine, scanFileLine, splitModule } from './i2pd-line.js';

/** Lines longer than this are counted as oversized and skipped; no i2pd message comes close. */
export const MAX_LINE = 64 * 1024;
const MAX_CONTINUATIONS = 8;
const MAX_ENTRY_TEXT = 16 * 1024;
/** A physical line at least this long that is followed by a fragment was most likely wrapped. */
const WRAP_WIDTH = 60;

export function newSourceStats(name: string, kind = 'log'): SourceStats {
  return { name, kind, formats: {}, lines: 0, parsed: 0, unparsed: 0, oversized: 0, errors: [], warnings: [] };
}

/**
 * Takes the plain debug/info lines that can only be counted without building their entries; most
 * lines of a busy router's log are such lines, and an entry costs more than the counting.
 */
export interface QuickSink {
  /** Whether a `HH:MM:SS@tid/level - text` line of this module at debug/info/none needs its entry. */
  wants(module: string, line: string, ascii: boolean): boolean;
  /** Counts a line it did not want, in the order entries are emitted. */
  addQuick(source: string, line: string, tod: number, level: Level): void;
}

export class LineParser {
  private pending: Entry | undefined;
  /** A line held back for continuation lines like `pending`, but without its entry (see QuickSink). */
  private quickLine: string | undefined;
  private quickNo = 0;
  private quickTod = 0;
  private quickLevel: Level = 'debug';
  private pendingWidth = 0;
  private continuations = 0;
  private inFence = false;
  private lineNo = 0;

  constructor(
    readonly stats: SourceStats,
    private readonly emit: (e: Entry) => void,
    private readonly quick?: QuickSink,
  ) {}

  /** A line too long to parse, passed on by a splitter that did not keep its text. */
  oversized(): void {
    this.lineNo++;
    this.stats.lines++;
    this.stats.oversized++;
    this.flush();
  }

  /** `ascii`: the caller knows the line holds only ASCII (a splitter that saw its bytes). */
  push(raw: string, ascii = false): void {
    // A lone CR (old Mac files, progress output captured from a terminal) ends a line, as it
    // does in editors; CRLF was split already.
    const cr = raw.indexOf('\r');
    if (cr !== -1 && cr < raw.length - 1 && raw.length <= MAX_LINE) {
      for (const part of raw.split(/\r(?!$)/)) this.pushLine(part, ascii);
      return;
    }
    this.pushLine(raw, ascii);
  }

  private pushLine(raw: string, ascii: boolean): void {
    if (raw.length > MAX_LINE) {
      this.oversized();
      return;
    }
    const n = ++this.lineNo;
    const st = this.stats;
    st.lines++;
    let s = raw;
    if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    if (s.indexOf('\x1b') !== -1) {
      s = stripAnsi(s);
      this.count('ANSI colour');
    }
    const c0 = s.charCodeAt(0);
    if (s.length === 0 || ((c0 === 96 || c0 === 126 || c0 === 32 || c0 === 62) && isFence(s))) {
      // Blank lines and code fences end any wrapped entry; they are accounted as unparsed.
      if (s.length !== 0) {
        this.inFence = !this.inFence;
        this.count('markdown paste');
      }
      st.unparsed++;
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
      this.flush();
      return;
    }

    if (this.quick && c0 >= 48 && c0 <= 57 && scanFileLine(s, ascii)) {
      const h = fileHead;
      // warn, error and critical lines always get entries: they feed OS hints and unknown messages.
      if (h.level === 'debug' || h.level === 'info' || h.level === 'none') {
        const colon = moduleEnd(s, h.message);
        if (!this.quick.wants(colon === -1 ? '' : s.slice(h.message, colon), s, ascii)) {
          this.flush();
          st.parsed++;
          this.count(h.tid === undefined ? 'i2pd (no thread id)' : 'i2pd');
          this.quickLine = s;
          this.quickNo = n;
          this.quickTod = h.tod;
          this.quickLevel = h.level;
          this.pendingWidth = raw.length;
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
      const unlisted = stripListMarker(text);
      if (unlisted !== undefined) {
        parsed = parseI2pdLine(unlisted);
        if (parsed) text = unlisted;
      }
    }

    if (parsed) {
      this.flush();
      st.parsed++;
      if (hostFormat) this.count(hostFormat);
      this.count(parsed.format);
      const { module, message } = splitModule(parsed.message);
      this.pending = {
        kind: 'log', source: st.name, line: n, module, message, text,
        time: parsed.time, tod: parsed.tod ?? host?.tod, day: parsed.day ?? host?.day,
        tid: parsed.tid, level: parsed.level ?? host?.level,
      };
      this.pendingWidth = raw.length;
      this.continuations = 0;
      return;
    }

    const kind = classifyEvidence(text, process);
    if (kind) {
      this.flush();
      st.parsed++;
      if (hostFormat) this.count(hostFormat);
      this.count(kind === 'console' ? 'web console text' : `${kind} messages`);
      this.emit({ kind, source: st.name, line: n, module: '', message: text.trim(), text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level });
      return;
    }

    // A fragment may join a line held without its entry: build the entry it would have had.
    if (this.quickLine !== undefined) this.pending = this.quickEntry();
    const p = this.pending;
    if (p && p.kind === 'log' && this.continuations < MAX_CONTINUATIONS && p.text.length + text.length < MAX_ENTRY_TEXT) {
      // A fragment right after a log entry: the rest of a line the terminal wrapped, or the next
      // line of a multi-line message. Wrapped text is joined as it was; anything else with a space.
      const sep = this.pendingWidth >= WRAP_WIDTH ? '' : ' ';
      const frag = hostFormat ? text : s;
      p.message += sep + frag;
      p.text += sep + frag;
      this.pendingWidth = raw.length;
      this.continuations++;
      st.parsed++;
      this.count('wrapped lines joined');
      return;
    }

    this.flush();
    st.unparsed++;
    this.emit({ kind: 'raw', source: st.name, line: n, module: '', message: text, text, tod: host?.tod, day: host?.day });
  }

  /** Emits the entry held back for continuation lines; call at the end of the source. */
  flush(): void {
    if (this.quickLine !== undefined) {
      const line = this.quickLine;
      this.quickLine = undefined;
      this.quick!.addQuick(this.stats.name, line, this.quickTod, this.quickLevel);
    } else if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      this.emit(p);
    }
  }

  private quickEntry(): Entry {
    const s = this.quickLine!;
    this.quickLine = undefined;
    scanFileLine(s);
    const h = fileHead;
    const { module, message } = splitModule(s.slice(h.message));
    return {
      kind: 'log', source: this.stats.name, line: this.quickNo, module, message, text: s,
      time: s.slice(0, 8), tod: h.tod, day: undefined, tid: h.tid, level: h.level,
    };
  }

  end(): void {
    this.flush();
  }

  private count(format: string): void {
    const f = this.stats.formats;
    f[format] = (f[format] ?? 0) + 1;
  }
}
