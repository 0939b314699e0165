// Turns the physical lines of one source into entries. Streaming: it holds at most one entry back,
// to join the physical lines a terminal wrapped (or a multi-line message) onto it.
import type { ConfigKind } from '../analyze/source-kind.js';
import { CONFIG_SHAPE as CONFIG_LINE, ELISION, sniffConfig } from './config.js';
import { OPTIONS } from './config-options.js';
import type { Entry, SourceStats } from '../model.js';
import { isFence, stripAnsi, stripListMarker, stripPaste } from './clean.js';
import { consoleAddressRow, consoleLine, consoleState, isAddressHeading } from './console.js';
import { classifyEvidence } from './evidence.js';
import { englishSignal } from './signal-names.js';
import { matchHost, type HostPrefix } from './hosts.js';
import { fileHead, LINE_CLEAN, moduleEnd, moduleEndBytes, parseI2pdLine, scanFileBytes, scanFileLine, splitModule } from './i2pd-line.js';
import { isI2pdModule } from './modules.js';

/** Lines longer than this are counted as oversized and skipped; no i2pd message comes close. */
export const MAX_LINE = 64 * 1024;
const MAX_CONTINUATIONS = 8;
const MAX_ENTRY_TEXT = 16 * 1024;
/** A physical line at least this long that is followed by a fragment was most likely wrapped. */
const WRAP_WIDTH = 60;

const QUICK_FORMATS = ['i2pd', 'i2pd (no thread id)'] as const;
const SEPARATORS = /[\u2028\u2029]/;
const SEPARATORS_ALL = /[\u2028\u2029]/g;

const MAX_BLOCK_LINES = 2000;
const MAX_BLOCK_CHARS = 256 * 1024;

export function newSourceStats(name: string, kind = 'log'): SourceStats {
  return { name, kind, formats: {}, lines: 0, parsed: 0, unparsed: 0, oversized: 0, classes: {}, errors: [], warnings: [] };
}

/**
 * Takes the plain debug/info lines that can only be counted without building their entries; most
 * lines of a busy router's log are such lines, and an entry costs more than the counting.
 */
export interface QuickSink {
  /**
   * Whether a `HH:MM:SS@tid/level - text` line at debug/info/none (`rank`: LEVEL_RANK) needs its
   * entry. Its module is `line.slice(from, colon)` (colon -1: it has none); `flags` as
   * `LineParser.push` got them.
   */
  wants(line: string, from: number, colon: number, rank: number, flags: number): boolean;
  /**
   * `wants` for the line `text.slice(from, end)` of a piece known to be ASCII, read from its bytes
   * `b` (same offsets); the module is at `modFrom..colon`.
   */
  wantsBytes(b: Uint8Array, text: string, from: number, end: number, modFrom: number, colon: number, rank: number): boolean;
  /** Counts a line it did not want, in the order entries are emitted; its time is `text` at `from`. */
  addQuick(source: string, text: string, from: number, tod: number, rank: number): void;
}

export class LineParser {
  private pending: Entry | undefined;
  /** A line held back for continuation lines like `pending`, but without its entry (see QuickSink): `quickText.slice(quickFrom, quickEnd)`. */
  private quickText: string | undefined;
  private quickFrom = 0;
  private quickEnd = 0;
  private quickNo = 0;
  private quickTod = 0;
  private quickRank = 0;
  /** Quick lines counted under `QUICK_FORMATS[k]` after the first (which made the key, in order). */
  private readonly quickFormats = [0, 0];
  private pendingWidth = 0;
  /** The last character of the physical line held back: a wrap inside a word joins without a doubt. */
  private pendingLast = 0;
  private continuations = 0;
  /**
   * A fenced block of a paste: `undecided` until its first non-blank line, then `config` (held
   * back, whole, to be handed to `onConfig` when the fence closes) or done with (undefined).
   */
  private block: { config: boolean; fenced: boolean; lines: Array<[string, number]>; text: string[]; chars: number } | undefined;
  /** Under the console's `Our external address:` heading, until a line that is no row of it. */
  private addressTable = false;
  /** The command of the last shell prompt, while its output may follow. */
  private command: string | undefined;
  /** Lines of a block that turned out not to be a config are read again: no block may start then. */
  private replaying = false;
  private inFence = false;
  private lineNo = 0;

  constructor(
    readonly stats: SourceStats,
    /** Takes an entry; returns true when a signature matched it (an evidence line, not unparsed text). */
    private readonly emit: (e: Entry) => boolean | void,
    private readonly quick?: QuickSink,
    /** A fenced block of the paste that is an i2pd.conf or tunnels.conf, and its first line. */
    private readonly onConfig?: (text: string, line: number, kind: ConfigKind) => void,
    /** Each physical line with the class it was read as (`analyze --lines`; give no QuickSink). */
    private readonly onLine?: (line: number, cls: string, text: string) => void,
  ) {}

  /** The physical line being read, for onLine. */
  private lineText = '';

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

  /**
   * The lines of `text`, a piece a splitter decoded, each ending with a newline; `b` are its bytes.
   * Only for a piece that is ASCII with no CR and no ESC (LINE_CLEAN), so byte and char offsets
   * agree. Its common lines, plain `HH:MM:SS@tid/level - Module: text` at debug/info/none that no
   * signature can match, are read from the bytes and counted without making their strings; every
   * other line goes through `push` exactly as it would have.
   */
  pushClean(b: Uint8Array, text: string): void {
    const quick = this.quick;
    const st = this.stats;
    const name = st.name;
    // A run of quick lines lives in locals (registers), written back before any other line.
    let run = 0;
    let f0 = 0;
    let f1 = 0;
    let seen0 = false;
    let seen1 = false;
    let heldFrom = -1;
    let heldEnd = 0;
    let heldTod = 0;
    let heldRank = 0;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      // What pushLine would test first: length, no trailing space to trim, a leading digit.
      if (quick && this.block === undefined && nl - from <= MAX_LINE && b[nl - 1] > 32 && b[from] >= 48 && b[from] <= 57 && scanFileBytes(b, from, nl)) {
        const h = fileHead;
        if (h.rank >= 4 || h.rank === 0) {
          const colon = moduleEndBytes(b, h.message, nl);
          if (!quick.wantsBytes(b, text, from, nl, h.message, colon, h.rank)) {
            if (heldFrom !== -1) quick.addQuick(name, text, heldFrom, heldTod, heldRank);
            else this.flush();
            run++;
            // The first of a format goes through count(), which makes its key in order of sight.
            if (h.tid === undefined) {
              if (seen1) f1++;
              else (seen1 = true), this.count(QUICK_FORMATS[1]);
            } else if (seen0) f0++;
            else (seen0 = true), this.count(QUICK_FORMATS[0]);
            heldFrom = from;
            heldEnd = nl;
            heldTod = h.tod;
            heldRank = h.rank;
            from = nl + 1;
            continue;
          }
        }
      }
      if (run > 0) {
        this.endRun(run, f0, f1, text, heldFrom, heldEnd, heldTod, heldRank);
        run = f0 = f1 = 0;
        heldFrom = -1;
      }
      this.pushLine(text.slice(from, nl), LINE_CLEAN);
      from = nl + 1;
    }
    if (run > 0) this.endRun(run, f0, f1, text, heldFrom, heldEnd, heldTod, heldRank);
  }

  /** Writes a run of quick lines back: its counts, and its last line held as `push` would hold it. */
  private endRun(run: number, f0: number, f1: number, text: string, from: number, end: number, tod: number, rank: number): void {
    const st = this.stats;
    this.lineNo += run;
    st.lines += run;
    st.parsed += run;
    this.cls('i2pd log', run);
    this.quickFormats[0] += f0;
    this.quickFormats[1] += f1;
    this.quickText = text;
    this.quickFrom = from;
    this.quickEnd = end;
    this.quickNo = this.lineNo;
    this.quickTod = tod;
    this.quickRank = rank;
    this.pendingWidth = end - from;
    this.pendingLast = text.charCodeAt(end - 1);
    this.continuations = 0;
  }

  private pushLine(raw: string, flags: number): void {
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

    // The web console's status, in any language or old layout, reads as today's English text;
    // an old console's reason on the line under the status joins it (`Network status: Error`,
    // `Clock skew`).
    const pc = this.pending;
    const state = pc?.kind === 'console' && pc.message.startsWith('Network status') && !pc.message.includes(' - ') ? consoleState(s) : undefined;
    if (state !== undefined) {
      pc!.message += ` - ${state}`;
      pc!.text += `\n${s}`;
      st.parsed++;
      this.cls('console');
      return;
    }
    // The console's address table: its heading, then a row per address under it.
    if (isAddressHeading(text)) {
      this.flush();
      st.parsed++;
      this.cls('console');
      this.addressTable = true;
      return;
    }
    const row = this.addressTable ? consoleAddressRow(text) : undefined;
    if (row !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('console');
      this.emit({ kind: 'console', source: st.name, line: n, module: '', message: row, text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level });
      return;
    }
    this.addressTable = false;
    const shown = consoleLine(text);
    if (shown !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('console');
      if (hostFormat) this.count(hostFormat);
      this.count('web console text');
      this.pending = { kind: 'console', source: st.name, line: n, module: '', message: shown, text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level };
      this.pendingWidth = 0;
      return;
    }

    // The shell's report of a signal, in the user's language, reads as the English one.
    const signal = englishSignal(text);
    const kind = classifyEvidence(signal ?? text, process);
    if (kind) {
      this.flush();
      st.parsed++;
      this.cls(kind);
      if (hostFormat) this.count(hostFormat);
      this.count(kind === 'console' ? 'web console text' : `${kind} messages`);
      this.emit({ kind, source: st.name, line: n, module: '', message: (signal ?? text).trim(), text: text.trim(), tod: host?.tod, day: host?.day, level: host?.level });
      return;
    }

    // A shell transcript: the prompt and its command. A command whose output is one word
    // (`ulimit -n`, `sysctl -n …`, `echo $?`) reads as one entry, `ulimit -n => 1024`.
    if (!hostFormat && isEmptyPrompt(s)) {
      this.flush();
      st.parsed++;
      this.cls('shell');
      this.command = undefined;
      return;
    }
    const command = hostFormat ? undefined : shellCommand(s);
    if (command !== undefined) {
      this.flush();
      st.parsed++;
      this.cls('shell');
      this.count('shell prompt');
      this.command = command;
      this.pending = { kind: 'raw', source: st.name, line: n, module: '', message: `$ ${command}`, text: s, command };
      this.pendingWidth = 0;
      this.continuations = 0;
      return;
    }
    // The one word is joined onto its command, and read as a line of its own too (`aa-status`
    // printing a profile name is evidence alone).
    const sh = this.pending;
    let output = false;
    if (sh?.command !== undefined && sh.message === `$ ${sh.command}` && this.command === sh.command && /^\S{1,40}$/.test(s)) {
      sh.message += ` => ${s}`;
      sh.text += `\n${s}`;
      output = true;
    }

    // Log lines quoted inside prose: in backticks, after "I get:", as list items in a sentence.
    if (this.inline(text, n, host)) return;

    // A fragment may join a line held without its entry: build the entry it would have had.
    if (this.quickText !== undefined) this.pending = this.quickEntry();
    const p = this.pending;
    const wrapped = this.pendingWidth >= WRAP_WIDTH;
    // A sentence is the reporter's, not the rest of a message, unless a word was cut in two.
    const prose = looksLikeProse(s) && !(p?.kind === 'log' && wrapped && isWordChar(this.pendingLast) && isWordChar(s.charCodeAt(0)));
    if (p && p.kind === 'log' && !prose && this.continuations < MAX_CONTINUATIONS && p.text.length + text.length < MAX_ENTRY_TEXT) {
      // A fragment right after a log entry: the rest of a line the terminal wrapped, or the next
      // line of a multi-line message. Wrapped text is joined as it was; anything else with a space.
      const sep = wrapped ? '' : ' ';
      const frag = hostFormat ? text : s;
      p.message += sep + frag;
      p.text += sep + frag;
      this.pendingWidth = raw.length;
      this.pendingLast = raw.charCodeAt(raw.length - 1);
      this.continuations++;
      st.parsed++;
      this.cls('i2pd log');
      this.count('wrapped lines joined');
      return;
    }

    this.flush();
    st.unparsed++;
    if (prose) this.command = undefined;
    const known = this.emit({ kind: 'raw', source: st.name, line: n, module: '', message: text, text, tod: host?.tod, day: host?.day });
    this.cls(known === true ? 'evidence' : output ? 'shell' : prose ? 'prose' : 'unparsed');
  }

  /**
   * The i2pd lines and evidence quoted inside one line of prose, each an entry of its own on that
   * line: code spans, and the message after a colon ("I get: NTCP2: …"). Returns whether any was.
   */
  private inline(text: string, n: number, host: HostPrefix | undefined): boolean {
    const pieces = quotedPieces(text);
    if (pieces.length === 0) return false;
    const entries: Entry[] = [];
    const name = this.stats.name;
    for (const piece of pieces) {
      const parsed = parseI2pdLine(piece) ?? parseBare(piece);
      if (parsed) {
        const { module, message } = splitModule(parsed.message);
        entries.push({ kind: 'log', source: name, line: n, module, message, text: piece, time: parsed.time, tod: parsed.tod ?? host?.tod, day: parsed.day ?? host?.day, tid: parsed.tid, level: parsed.level ?? host?.level });
        continue;
      }
      const shown = consoleLine(piece);
      if (shown) {
        entries.push({ kind: 'console', source: name, line: n, module: '', message: shown, text: piece, tod: host?.tod, day: host?.day, level: host?.level });
        continue;
      }
      // A command the reporter says they ran (`After \`kill -HUP\` …`) reads as that command typed.
      if (SPAN_COMMAND.test(piece)) {
        entries.push({ kind: 'raw', source: name, line: n, module: '', message: `$ ${piece}`, text: piece, tod: host?.tod, day: host?.day });
        continue;
      }
      const signal = englishSignal(piece);
      const kind = classifyEvidence(signal ?? piece);
      if (kind) entries.push({ kind, source: name, line: n, module: '', message: signal ?? piece, text: piece, tod: host?.tod, day: host?.day, level: host?.level });
    }
    if (entries.length === 0) return false;
    this.flush();
    this.stats.parsed++;
    this.cls('quoted in prose');
    this.count('quoted in prose');
    for (const e of entries) this.emit(e);
    return true;
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

  /** Emits the entry held back for continuation lines; call at the end of the source. */
  flush(): void {
    if (this.quickText !== undefined) {
      const text = this.quickText;
      this.quickText = undefined;
      this.quick!.addQuick(this.stats.name, text, this.quickFrom, this.quickTod, this.quickRank);
    } else if (this.pending) {
      const p = this.pending;
      this.pending = undefined;
      this.emit(p);
    }
  }

  private quickEntry(): Entry {
    const t = this.quickText!;
    const s = this.quickFrom === 0 && this.quickEnd === t.length ? t : t.slice(this.quickFrom, this.quickEnd);
    this.quickText = undefined;
    scanFileLine(s);
    const h = fileHead;
    const { module, message } = splitModule(s.slice(h.message));
    return {
      kind: 'log', source: this.stats.name, line: this.quickNo, module, message, text: s,
      time: s.slice(0, 8), tod: h.tod, day: undefined, tid: h.tid, level: h.level,
    };
  }

  end(): void {
    // A paste cut off inside a config block: the block still counts.
    if (this.block?.config) this.closeBlock();
    this.block = undefined;
    this.flush();
    for (let k = 0; k < QUICK_FORMATS.length; k++) {
      if (this.quickFormats[k] > 0) this.stats.formats[QUICK_FORMATS[k]] += this.quickFormats[k];
      this.quickFormats[k] = 0;
    }
  }

  private cls(name: string, n = 1): void {
    const c = this.stats.classes;
    c[name] = (c[name] ?? 0) + n;
    this.onLine?.(this.lineNo, name, this.lineText);
  }

  private count(format: string): void {
    const f = this.stats.formats;
    f[format] = (f[format] ?? 0) + 1;
  }
}

/**
 * Whether a line outside a fence opens a pasted config: a section header or an option of
 * i2pd.conf or tunnels.conf. A lone `# …` (a root prompt as often as a comment) does not.
 */
function startsConfig(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 91 /* [ */) return /^\[[A-Za-z0-9_.-]+\]$/.test(s);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return false;
  const m = /^([A-Za-z0-9_.-]+)\s*=/.exec(s);
  return m !== null && (OPTIONS[m[1].toLowerCase()] !== undefined || TUNNEL_KEYS.has(m[1].toLowerCase()));
}

/** Keys of a tunnels.conf section (libi2pd_client/ClientContext.cpp). */
const TUNNEL_KEYS = new Set(['type', 'host', 'port', 'keys', 'destination', 'destinationport', 'address', 'inport', 'accesslist', 'gzip', 'signaturetype', 'inbound.length', 'outbound.length', 'inbound.quantity', 'outbound.quantity']);

/** An i2pd message with neither time nor level, as people quote it: `NTCP2: Failed to bind …`. */
function parseBare(s: string): { format: string; message: string; time?: string; tod?: number; day?: number; tid?: number; level?: undefined } | undefined {
  const colon = moduleEnd(s, 0);
  if (colon === -1 || !isI2pdModule(s.slice(0, colon)) || s.length - colon < 6) return undefined;
  return { format: 'i2pd (message only)', message: s };
}

/** A line with one backtick left open at its start or end, as a code span over several lines leaves it. */
function stripTicks(s: string): string | undefined {
  let t = s;
  if (t.charCodeAt(0) === 96 && t.charCodeAt(1) !== 96) t = t.slice(1);
  if (t.charCodeAt(t.length - 1) === 96 && t.charCodeAt(t.length - 2) !== 96) t = t.slice(0, -1);
  return t === s ? undefined : t.trim();
}

const SPAN = /`([^`]{6,}?)`/g;
const QUOTED = /["“«„]([^"“”«»„]{6,120}?)["”»“]/g;

/**
 * What a line of prose quotes: its code spans and the console's lines in quotation marks (`the
 * console shows "Data path: /root/.i2pd"`), else an i2pd line after its first colon (`I get: NTCP2: …`).
 */
function quotedPieces(text: string): string[] {
  const out: string[] = [];
  if (text.indexOf('`') !== -1) for (const m of text.matchAll(SPAN)) out.push(m[1].trim());
  if (/["“«„]/.test(text)) for (const m of text.matchAll(QUOTED)) if (consoleLine(m[1])) out.push(m[1].trim());
  if (out.length === 0) {
    const i = text.indexOf(': ');
    if (i > 0) {
      const rest = text.slice(i + 2).trimStart();
      if (parseI2pdLine(rest) || parseBare(rest) || classifyEvidence(englishSignal(rest) ?? rest) === 'crash') out.push(rest);
    }
  }
  return out;
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;

/**
 * A sentence of the reporter's (`After a restart the log shows:`) rather than the rest of a
 * message: a capitalised word followed by at least two more words, mostly letters.
 */
export function looksLikeProse(s: string): boolean {
  // A caption before a pasted block (`The log:`, `i2pd.conf:`) or a remark in parentheses.
  if (/^[A-Za-z][\w .'’/()-]{0,40}:$/.test(s) && s.split(' ').length <= 6) return true;
  if (/^\([^()]{3,120}\)$/.test(s)) return true;
  if (!/^[A-Z][a-z'’]+,? [A-Za-z'’(]/.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length < 3) return false;
  const letters = words.filter((w) => /^[A-Za-z'’(),.:;!?-]+$/.test(w)).length;
  return letters / words.length >= 0.7;
}

// Prompts as pasted from terminals: `$ cmd`, `user@host:~$ cmd`, `root@OpenWrt:~# cmd`,
// `[user@host ~]$ cmd`, `host:~ user$ cmd` (macOS), `~$ cmd` (the folder alone), `PS C:\> cmd`, `C:\Users\x> cmd`, `# cmd`.
const PROMPT = /^(?:\[[^\]\s]+@[^\]]+\]\s?[$#]|~[^\s$#]*\s?[$#]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?\s?[$#%]|[\w.-]+:[^\s$#]*\s[\w.-]+[$#%]|PS [A-Za-z]:\\[^>]*>|[A-Za-z]:\\[^>]*>|([$#%]))\s+(\S.*)$/;
// After a bare `#` the first word must be a command people run for a report: `# Problem` is a heading.
const COMMANDS = /^(?:sudo |doas )?(?:\.?\/|~\/|i2pd|systemctl|journalctl|service|rc-service|rc-update|sysctl|ulimit|cat|grep|egrep|tail|head|less|ls|ps|pgrep|pidof|top|ip|ifconfig|iptables|ip6tables|nft|ufw|pfctl|firewall-cmd|upnpc|netstat|ss|sockstat|lsof|docker|podman|kubectl|logread|uname|echo|curl|wget|ping6?|traceroute|dig|nslookup|apt|apt-get|dpkg|opkg|apk|pkg|dnf|yum|pacman|id|whoami|mkdir|chown|chmod|df|free|dmesg|aa-status|stat|file|ldd|gdb|coredumpctl|launchctl|brew|date|timedatectl|ntpq|chronyc|hwclock|which|cd|env|export|find|du|mount|cp|mv|rm|touch)\b/;

// A code span holding a command with its arguments: a word of COMMANDS, or a signal sent to i2pd.
const SPAN_COMMAND = /^(?:(?:sudo |doas )?(?:kill|pkill|killall) -\S+(?: \S+)*|(?:sudo |doas )?(?:systemctl|service|rc-service|sysctl|ulimit|journalctl|i2pd) \S.*)$/;

/** The command a shell prompt line runs, or undefined when the line is no prompt. */
/** A prompt with nothing typed after it (`root@host:~#`), as a transcript often ends. */
export function isEmptyPrompt(s: string): boolean {
  return /^(?:\[[^\]\s]+@[^\]]+\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?)\s?[$#%]$/.test(s);
}

// i2pd's own command line pasted without a prompt (`/usr/sbin/i2pd --conf=… --daemon`), as a start
// command, a unit's ExecStart or a process list shows it.
const I2PD_COMMAND = /^(?:sudo (?:-u \S+ )?)?(?:\.{0,2}\/\S*\/|\.\/|~\/\S*\/)?i2pd(?:\.exe)?(?: +--?[a-z][\w.-]*(?:[= ]\S+)?)+$/;

function shellCommand(s: string): string | undefined {
  const c = s.charCodeAt(0);
  if ((c === 47 || c === 46 || c === 105 || c === 115 || c === 126) && I2PD_COMMAND.test(s)) return s;
  // Every prompt starts with a sigil, a letter, '[' or '~': a log or a number never does.
  if (c === 36 || c === 35 || c === 37 || c === 91 || c === 126 || ((c | 32) >= 97 && (c | 32) <= 122)) {
    if (s.indexOf(' ') === -1) return undefined;
    const m = PROMPT.exec(s);
    if (!m) return undefined;
    const cmd = m[2].trim();
    if (m[1] === '#' && !COMMANDS.test(cmd)) return undefined;
    return cmd;
  }
  return undefined;
}
