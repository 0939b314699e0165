// The entry a parser holds back for continuation lines, and the quick path beside it: a busy
// router's plain debug/info lines counted from their bytes without building entries. This is the
// loop run per line of a 1 GB log, so it is the base of LineParser rather than an object it calls:
// one object, one hidden class, its state in fields and locals, no call through another object.
import type { Entry, SourceStats } from '../model.js';
import { LINE_CLEAN, MAX_LINE } from '../read/line-flags.js';
import { fileHead, moduleEndBytes, scanFileBytes, scanFileLine, splitModule } from './i2pd-line.js';
import type { PastedBlock } from './pasted-config.js';

export { MAX_LINE };

/** The formats of the lines the quick path takes: a thread id or none. */
export const QUICK_FORMATS = ['i2pd', 'i2pd (no thread id)'] as const;

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

export abstract class QuickLines {
  protected pending: Entry | undefined;
  /** A line held back for continuation lines like `pending`, but without its entry (see QuickSink): `quickText.slice(quickFrom, quickEnd)`. */
  protected quickText: string | undefined;
  protected quickFrom = 0;
  protected quickEnd = 0;
  protected quickNo = 0;
  protected quickTod = 0;
  protected quickRank = 0;
  /** Quick lines counted under `QUICK_FORMATS[k]` after the first (which made the key, in order). */
  protected readonly quickFormats = [0, 0];
  protected pendingWidth = 0;
  /** The last character of the physical line held back: a wrap inside a word joins without a doubt. */
  protected pendingLast = 0;
  protected continuations = 0;
  /** A block of a paste being held back (see PastedBlock): no quick line while one is open. */
  protected block: PastedBlock | undefined;
  protected lineNo = 0;
  /** The physical line being read, for onLine. */
  protected lineText = '';

  constructor(
    readonly stats: SourceStats,
    /** Takes an entry; returns true when a signature matched it (an evidence line, not unparsed text). */
    protected readonly emit: (e: Entry) => boolean | void,
    protected readonly quick?: QuickSink,
    /** Each physical line with the class it was read as (`analyze --lines`; give no QuickSink). */
    protected readonly onLine?: (line: number, cls: string, text: string) => void,
  ) {}

  /** Reads one physical line that is not a quick one, as LineParser does. */
  protected abstract pushLine(raw: string, flags: number): void;

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
              else {
                seen1 = true;
                this.count(QUICK_FORMATS[1]);
              }
            } else if (seen0) f0++;
            else {
              seen0 = true;
              this.count(QUICK_FORMATS[0]);
            }
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
  protected endRun(run: number, f0: number, f1: number, text: string, from: number, end: number, tod: number, rank: number): void {
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

  protected quickEntry(): Entry {
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

  /** Adds the quick lines' format counts, kept apart while reading; at the end of the source. */
  protected endQuick(): void {
    for (let k = 0; k < QUICK_FORMATS.length; k++) {
      if (this.quickFormats[k] > 0) this.stats.formats[QUICK_FORMATS[k]] += this.quickFormats[k];
      this.quickFormats[k] = 0;
    }
  }

  protected cls(name: string, n = 1): void {
    const c = this.stats.classes;
    c[name] = (c[name] ?? 0) + n;
    this.onLine?.(this.lineNo, name, this.lineText);
  }

  protected count(format: string): void {
    const f = this.stats.formats;
    f[format] = (f[format] ?? 0) + 1;
  }
}
