// Everything known about one case, built entry by entry. Per-entry work is bounded and cheap;
// the facts object is assembled once at the end for the rule engine.
import { LEVEL_BY_RANK, LEVEL_RANK, type Entry, type Facts, type Level, type Missing, type Stats } from '../model.js';
import type { Hit, Matcher } from '../match/matcher.js';
import type { Signature } from '../match/signature.js';
import { clockText, LogClock } from './clock.js';
import type { ParsedConfig } from '../parse/config.js';
import { applyComparisons, type Derivations } from './derivations.js';
import type { FactsPart } from './facts-part.js';
import { hiddenReason, rankOf } from './hidden-signals.js';
import { KnownValues } from './known-values.js';
import { addHint, guessOs, moduleOsAt, morePrecise, osHintsOf } from './os-hints.js';
import type { ParsedTunnels } from '../parse/tunnels.js';
import { emptySignal, SignalAccumulator } from './signals.js';
import { own } from '../parse/own.js';
import { OTHER_ROW, Timeline, UNTIMED } from './timeline.js';

export interface CaseFactsResult {
  facts: Facts;
  /** Signals whose absence proves nothing, and why. */
  hidden: Record<string, Missing['reason']>;
  /** When things happened; its report places the findings' evidence (Timeline.report). */
  timeline: Timeline;
}

export class CaseFacts {
  private readonly acc = new Map<string, SignalAccumulator>();
  private readonly clocks = new Map<string, LogClock>();
  /** The clock of the source the last entry came from: entries arrive source by source. */
  private clockSource?: string;
  private clock?: LogClock;
  private readonly hits: Hit[] = [];
  /** Entries per level rank, and the levels in the order first seen (the order the report lists them). */
  private readonly levelCounts = [0, 0, 0, 0, 0, 0];
  private readonly levelOrder: Level[] = [];
  /** OS hint -> lines that gave it, in order of first sight (ties go to the first). */
  private readonly osHints = new Map<string, number>();
  /** Config, derived values and environment, with the lines they came from. */
  private readonly known: KnownValues;
  private maxRank = -1;
  private logEntries = 0;
  private entries = 0;
  private starts = 0;
  /** Lines over time, and the runs of i2pd: a start after a run with no orderly stop is unclean. */
  private readonly timeline: Timeline;
  /** Per source: the last version banner, to tell a banner quoted again from a new start. */
  private readonly lastStart = new Map<string, { text: string; t: number | undefined }>();
  /** Per source: text other than i2pd's log came since that banner (a report, not a plain log). */
  private readonly pastedSinceStart = new Set<string>();
  private firstT?: number;
  private lastT?: number;
  private firstTime?: string;
  private lastTime?: string;
  /** Unmatched warn/error/critical entries, for whoever wants to learn new signatures. */
  onUnmatched?: (e: Entry) => void;

  constructor(
    private readonly matcher: Matcher,
    /** Platforms and what tells them, and the comparisons of derived facts (rules/derived/). */
    private readonly derivations: Derivations,
  ) {
    this.timeline = new Timeline(matcher.signatures);
    this.known = new KnownValues(derivations);
  }

  /** The signatures the entry given to `add` last matched (reused: read before the next add). */
  get lastHits(): readonly Hit[] {
    return this.hits;
  }

  /** Returns whether a signature matched the entry. */
  add(e: Entry): boolean {
    this.entries++;
    const hits = this.hits;
    this.matcher.match(e, hits);
    let t: number | undefined;
    if (e.tod !== undefined) {
      t = this.clockOf(e.source).at(e.tod, e.day);
      // i2pd's syslog mode, and systemd or kernel lines, carry only the host's time.
      if (t !== undefined) this.span(t, e.time ?? clockText(e.tod), undefined);
    }
    // On the timeline by level, else as other (syslog mode, host and crash text); unparsed text
    // only when a signature knew it.
    if (e.kind !== 'log') this.pastedSinceStart.add(e.source);
    const placed = e.kind !== 'raw' || hits.length > 0;
    const bucket = placed ? this.timeline.place(e.source, t, e.day !== undefined) : UNTIMED;
    let row = OTHER_ROW;
    if (e.kind === 'log') {
      this.logEntries++;
      // syslog mode carries no level; a matched signature printed at one level tells it. A message
      // quoted alone (no time, no thread) says nothing of the level the log was written at.
      const level = e.level ?? (e.tid !== undefined && hits.length > 0 && hits[0].signature.levels?.length === 1 ? hits[0].signature.levels[0] : undefined);
      // A line without a level (syslog mode) may be an error: its errno may tell the OS too.
      if (level === undefined) osHintsOf(e.message, this.osHints, this.derivations);
      else {
        const r = (row = this.countLevel(level));
        if (r >= 1 && r <= 3) osHintsOf(e.message, this.osHints, this.derivations);
      }
      if (hits.length === 0 && level !== undefined && LEVEL_RANK[level] >= 1 && LEVEL_RANK[level] <= 3) this.onUnmatched?.(e);
      const os = moduleOsAt(this.derivations, e.module, 0, e.module.length);
      if (os !== undefined) addHint(this.osHints, os);
    }
    for (let i = 0; i < hits.length; i++) this.record(hits[i], e, t, bucket);
    if (placed) this.timeline.count(bucket, row);
    return hits.length > 0;
  }

  /**
   * Whether a `HH:MM:SS@tid/level - Module: text` line at debug, info or none level (`rank`) needs
   * its entry (module: `line.slice(from, colon)`, none when colon is -1): only when a signature may
   * match it or its module tells the OS. Otherwise `addQuick` counts it exactly as `add` would.
   */
  wants(line: string, from: number, colon: number, rank: number, flags = 0): boolean {
    return moduleOsAt(this.derivations, line, from, colon) !== undefined || this.matcher.mayMatchAt(line, from, colon, rank, flags);
  }

  /** `wants` on the bytes of an ASCII line `text.slice(from, end)` (see QuickSink). */
  wantsBytes(b: Uint8Array, text: string, from: number, end: number, modFrom: number, colon: number, rank: number): boolean {
    return moduleOsAt(this.derivations, text, modFrom, colon) !== undefined || this.matcher.mayMatchBytes(b, text, from, end, modFrom, colon, rank);
  }

  /** A `log` line `wants` declined; its time is the 8 characters of `text` at `from`, `rank` its level's. */
  addQuick(source: string, text: string, from: number, tod: number, rank: number): void {
    this.entries++;
    const t = this.clockOf(source).at(tod, undefined);
    if (t !== undefined) this.span(t, undefined, text, from);
    this.logEntries++;
    this.countRank(rank, 1);
    this.timeline.quick(source, t, rank);
  }

  private clockOf(source: string): LogClock {
    let clock = source === this.clockSource ? this.clock : this.clocks.get(source);
    if (!clock) this.clocks.set(source, (clock = new LogClock()));
    this.clockSource = source;
    this.clock = clock;
    return clock;
  }

  /** Widens the time range; the printed time is `time`, or the 8 characters of `text` at `from` (sliced only when kept). */
  private span(t: number, time: string | undefined, text: string | undefined, from = 0): void {
    if (this.firstT === undefined || t < this.firstT) {
      this.firstT = t;
      this.firstTime = text === undefined ? time : own(text.slice(from, from + 8));
    }
    if (this.lastT === undefined || t > this.lastT) {
      this.lastT = t;
      this.lastTime = text === undefined ? time : own(text.slice(from, from + 8));
    }
  }

  /** Returns the level's rank. */
  private countLevel(level: Level): number {
    const r = LEVEL_RANK[level];
    this.countRank(r, 1);
    return r;
  }

  private countRank(r: number, n: number): void {
    if (this.levelCounts[r] === 0) this.levelOrder.push(LEVEL_BY_RANK[r]);
    this.levelCounts[r] += n;
    if (r > this.maxRank) this.maxRank = r;
  }

  private get levels(): Partial<Record<Level, number>> {
    const out: Partial<Record<Level, number>> = {};
    for (const l of this.levelOrder) out[l] = this.levelCounts[LEVEL_RANK[l]];
    return out;
  }

  private record(hit: Hit, e: Entry, t: number | undefined, bucket: number): void {
    const s = hit.signature;
    let a = this.acc.get(s.id);
    if (!a) this.acc.set(s.id, (a = new SignalAccumulator(s.id)));
    a.add({ source: e.source, line: e.line, text: own(e.text), t, time: e.time }, hit.captures);
    const tl = this.timeline;
    tl.hit(s.id, bucket);
    if (s.marks === 'run-start') {
      // The same banner at the same second again, after the reporter's own text, is the banner
      // quoted once more, not a start. A plain log (no other text) is read as written, so
      // parts of one read on threads add up exactly.
      const prev = this.lastStart.get(e.source);
      const pasted = this.pastedSinceStart.has(e.source);
      this.lastStart.set(e.source, { text: e.text, t });
      this.pastedSinceStart.delete(e.source);
      const quotedAgain = pasted && prev !== undefined && t !== undefined && prev.t === t && prev.text.trim() === e.text.trim();
      if (!quotedAgain) {
        this.starts++;
        tl.runStart(e.line, bucket);
      }
    } else if (s.marks === 'run-end') tl.runEnd(bucket);
    else if (s.marks === 'status') tl.statusLine(s.id, e.line, bucket, e.message);
    if (s.sets) this.known.apply(s, hit.captures, e);
  }

  /**
   * What one log source added, as plain data for another thread. Only for a case that holds that
   * one source: `merge` appends such parts in order (parallel reading of one large file).
   */
  state(): FactsPart {
    const clock = this.clocks.size === 1 ? [...this.clocks.values()][0].state() : undefined;
    return {
      signals: [...this.acc.values()].map((a) => a.state()), clock, levels: this.levels, osHints: [...this.osHints],
      config: this.known.config, configOrigin: this.known.configOrigin, derived: this.known.derived, lines: this.known.lines, env: this.known.env,
      maxRank: this.maxRank, logEntries: this.logEntries, entries: this.entries, starts: this.starts,
      firstT: this.firstT, lastT: this.lastT, firstTime: this.firstTime, lastTime: this.lastTime,
      timeline: this.timeline.state(),
    };
  }

  /** Appends a later part of the same source; `lines` is the number of lines before it. */
  merge(source: string, b: FactsPart, lines: number): void {
    let clock = this.clocks.get(source);
    if (!clock) this.clocks.set(source, (clock = new LogClock()));
    const seconds = b.clock ? clock.follow(b.clock) : 0;
    const shift = { lines, seconds };
    this.timeline.merge(source, b.timeline, shift);
    for (const st of b.signals) {
      let a = this.acc.get(st.id);
      if (!a) this.acc.set(st.id, (a = new SignalAccumulator(st.id)));
      a.merge(st, shift);
    }
    for (const [l, n] of Object.entries(b.levels) as Array<[Level, number]>) if (n > 0) this.countRank(LEVEL_RANK[l], n);
    for (const [h, n] of b.osHints) addHint(this.osHints, h, n);
    this.known.merge(b, lines);
    this.maxRank = Math.max(this.maxRank, b.maxRank);
    this.logEntries += b.logEntries;
    this.entries += b.entries;
    this.starts += b.starts;
    if (b.firstT !== undefined && (this.firstT === undefined || b.firstT + seconds < this.firstT)) {
      this.firstT = b.firstT + seconds;
      this.firstTime = b.firstTime;
    }
    if (b.lastT !== undefined && (this.lastT === undefined || b.lastT + seconds > this.lastT)) {
      this.lastT = b.lastT + seconds;
      this.lastTime = b.lastTime;
    }
  }

  /** `at`: where the config sits inside another source (a block pasted at a line of a paste). */
  addConfig(parsed: ParsedConfig, name: string, at?: { source: string; line: number }): void {
    this.known.addConfig(parsed, name, at);
  }

  /** A tunnels.conf's problems as derived facts (see KnownValues.addTunnels). */
  addTunnels(parsed: ParsedTunnels, name: string, at?: { source: string; line: number }): void {
    this.known.addTunnels(parsed, name, at);
  }

  /** Problems in an attached i2pd.conf become facts too: rules can diagnose them. */
  addConfigCheck(parsed: ParsedConfig): void {
    this.known.addConfigCheck(parsed);
  }

  /** A hint the reader's formats give (OpenWrt's logread, a docker prefix), counted like the others. */
  hint(os: string, n = 1): void {
    addHint(this.osHints, os, n);
  }

  finish(signatures: readonly Signature[]): CaseFactsResult {
    const { config, configOrigin, derived, lines, env } = this.known;
    const effectiveRank = Math.max(this.maxRank, rankOf(config.loglevel));
    const effectiveLevel = (Object.keys(LEVEL_RANK) as Level[]).find((l) => LEVEL_RANK[l] === effectiveRank);
    const signals: Facts['signals'] = {};
    const hidden: CaseFactsResult['hidden'] = {};
    for (const s of signatures) {
      const a = this.acc.get(s.id);
      if (a) {
        signals[s.id] = a.toSignal();
        continue;
      }
      signals[s.id] = emptySignal(s.id);
      const why = hiddenReason(s, this.logEntries, this.starts, effectiveRank);
      if (why !== undefined) hidden[s.id] = why;
    }
    const hints = new Map(this.osHints);
    this.timeline.finish();
    derived.uncleanRestarts = this.timeline.uncleanRestarts;
    // ssu2BufferCapped, and Linux's doubling of the SSU2 buffer as an OS hint (rules/derived/).
    applyComparisons(this.derivations, derived, hints);
    const guess = guessOs(hints, this.derivations);
    const os = env.os === undefined ? guess : guess === undefined ? env.os : morePrecise(env.os, guess, this.derivations);
    const stats: Stats = {
      lines: 0, parsed: 0, unparsed: 0, oversized: 0, entries: this.entries,
      levels: this.levels, effectiveLevel, starts: this.starts,
      firstTime: this.firstTime, lastTime: this.lastTime,
      spanSeconds: this.firstT !== undefined && this.lastT !== undefined ? this.lastT - this.firstT : undefined,
    };
    return {
      facts: {
        signals, config, configOrigin, derived, lines, stats,
        env: { ...env, os, osHints: [...hints.keys()] },
      },
      hidden,
      timeline: this.timeline,
    };
  }
}
