// Everything known about one case, built entry by entry. Per-entry work is bounded and cheap;
// the facts object is assembled once at the end for the rule engine.
import { LEVEL_BY_RANK, LEVEL_RANK, type ConfigValue, type Entry, type EvidenceLine, type Facts, type Level, type Missing, type Stats } from '../model.js';
import type { Hit, Matcher } from '../match/matcher.js';
import type { SetValue, Signature } from '../match/signature.js';
import { LogClock, type ClockState } from './clock.js';
import type { ParsedConfig } from '../parse/config.js';
import { TUNNEL_FACT, type ParsedTunnels } from '../parse/tunnels.js';
import { OPTIONS } from '../parse/config-options.js';
import { addHint, guessOs, morePrecise, osHintsOf } from './os-hints.js';
import { emptySignal, SignalAccumulator, type SignalState } from './signals.js';
import { own } from '../parse/own.js';
import { OTHER_ROW, Timeline, UNTIMED, type TimelineState } from './timeline.js';

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
  private readonly config: Record<string, ConfigValue> = Object.create(null);
  private readonly configOrigin: Record<string, string> = Object.create(null);
  private readonly derived: Record<string, ConfigValue> = Object.create(null);
  private readonly lines: Facts['lines'] = { config: Object.create(null), derived: Object.create(null) };
  private readonly env: Facts['env'] = {};
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

  constructor(private readonly matcher: Matcher) {
    this.timeline = new Timeline(matcher.signatures);
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
      if (level === undefined) osHintsOf(e.message, this.osHints);
      else {
        const r = (row = this.countLevel(level));
        if (r >= 1 && r <= 3) osHintsOf(e.message, this.osHints);
      }
      if (hits.length === 0 && level !== undefined && LEVEL_RANK[level] >= 1 && LEVEL_RANK[level] <= 3) this.onUnmatched?.(e);
      if (isWindowsModule(e.module)) addHint(this.osHints, 'windows');
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
    return isWindowsModuleAt(line, from, colon) || this.matcher.mayMatchAt(line, from, colon, rank, flags);
  }

  /** `wants` on the bytes of an ASCII line `text.slice(from, end)` (see QuickSink). */
  wantsBytes(b: Uint8Array, text: string, from: number, end: number, modFrom: number, colon: number, rank: number): boolean {
    return isWindowsModuleAt(text, modFrom, colon) || this.matcher.mayMatchBytes(b, text, from, end, modFrom, colon, rank);
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
    if (s.sets) this.apply(s, hit.captures, e);
  }

  private apply(s: Signature, captures: Record<string, string> | undefined, e: Entry): void {
    for (const [path, spec] of Object.entries(s.sets ?? {})) {
      const value = resolveSet(spec, captures);
      if (value === undefined) continue;
      const dot = path.indexOf('.');
      const scope = path.slice(0, dot);
      const key = path.slice(dot + 1);
      if (scope === 'config') {
        // An attached i2pd.conf says what was configured; a log line only fills what it did not.
        if (this.configOrigin[key] === undefined || this.configOrigin[key] === 'log') {
          this.config[key] = value;
          this.configOrigin[key] = 'log';
          this.lines.config[key] = { source: e.source, line: e.line, text: own(e.text) };
        }
      } else if (scope === 'derived') {
        this.derived[key] = value;
        this.lines.derived[key] = { source: e.source, line: e.line, text: own(e.text) };
      }
      else if (scope === 'env' && key === 'version') this.env.version = String(value);
      else if (scope === 'env' && key === 'os') this.env.os = morePrecise(this.env.os, String(value));
    }
  }

  /**
   * What one log source added, as plain data for another thread. Only for a case that holds that
   * one source: `merge` appends such parts in order (parallel reading of one large file).
   */
  state(): FactsPart {
    const clock = this.clocks.size === 1 ? [...this.clocks.values()][0].state() : undefined;
    return {
      signals: [...this.acc.values()].map((a) => a.state()), clock, levels: this.levels, osHints: [...this.osHints],
      config: this.config, configOrigin: this.configOrigin, derived: this.derived, lines: this.lines, env: this.env,
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
    for (const [k, v] of Object.entries(b.config)) {
      if (this.configOrigin[k] === undefined || this.configOrigin[k] === 'log') {
        this.config[k] = v;
        this.configOrigin[k] = b.configOrigin[k];
      }
    }
    Object.assign(this.derived, b.derived);
    const move = (e: EvidenceLine) => ({ ...e, line: e.line + lines });
    for (const [k, e] of Object.entries(b.lines.config)) if (this.configOrigin[k] === 'log' || this.lines.config[k] === undefined) this.lines.config[k] = move(e);
    for (const [k, e] of Object.entries(b.lines.derived)) this.lines.derived[k] = move(e);
    Object.assign(this.env, b.env);
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
    for (const [k, v] of Object.entries(parsed.values)) {
      this.config[k] = v;
      this.configOrigin[k] = name;
      this.lines.config[k] = { source: at?.source ?? name, line: (at ? at.line - 1 : 0) + parsed.lines[k], text: parsed.texts[k] };
    }
    // With the config file in hand, an option it does not set has i2pd's default: known, not
    // unknown. (The command line could still override it; reports name the origin.)
    for (const [k, [, dflt]] of Object.entries(OPTIONS)) {
      if (dflt === undefined || (this.configOrigin[k] !== undefined && this.configOrigin[k] !== 'log')) continue;
      if (this.configOrigin[k] === 'log') continue;
      this.config[k] = dflt;
      this.configOrigin[k] = 'default';
    }
  }

  /**
   * A tunnels.conf's problems as derived facts, one per kind (the first of each), with the line
   * it was found on as evidence; `derived.tunnels` counts the tunnels read.
   */
  addTunnels(parsed: ParsedTunnels, name: string, at?: { source: string; line: number }): void {
    this.derived.tunnels = (typeof this.derived.tunnels === 'number' ? this.derived.tunnels : 0) + parsed.tunnels.length;
    for (const p of parsed.problems) {
      const key = TUNNEL_FACT[p.kind];
      if (this.derived[key] !== undefined) continue;
      this.derived[key] = p.message;
      this.lines.derived[key] = { source: at?.source ?? name, line: (at ? at.line - 1 : 0) + p.line, text: (parsed.texts[p.line - 1] ?? '').trim() };
    }
  }

  /** Problems in an attached i2pd.conf become facts too: rules can diagnose them. */
  addConfigCheck(parsed: ParsedConfig): void {
    this.derived.configUnknownOptions = parsed.unknownOptions.join(',');
    this.derived.configProblems = parsed.problems.length;
  }

  /** A hint the reader's formats give (OpenWrt's logread, a docker prefix), counted like the others. */
  hint(os: string, n = 1): void {
    addHint(this.osHints, os, n);
  }

  finish(signatures: readonly Signature[]): CaseFactsResult {
    const effectiveRank = Math.max(this.maxRank, rankOf(this.config.loglevel));
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
      if (s.kind !== 'log') continue;
      if (this.logEntries === 0) hidden[s.id] = 'no-log';
      else if (s.startup && this.starts === 0) hidden[s.id] = 'no-startup';
      else if (s.levels && s.levels.length > 0 && Math.min(...s.levels.map((l) => LEVEL_RANK[l])) > effectiveRank) hidden[s.id] = 'log-level';
    }
    const hints = new Map(this.osHints);
    this.timeline.finish();
    this.derived.uncleanRestarts = this.timeline.uncleanRestarts;
    const req = this.derived.ssu2RequestedBuffer;
    const got = this.derived.ssu2GotBuffer;
    // Linux doubles the buffer size it stores, so `got` exceeds what was asked; no other kernel does.
    if (typeof req === 'number' && typeof got === 'number') {
      if (got > req) hints.set('linux', (hints.get('linux') ?? 0) + 2);
      // Linux stores twice what it grants, so less than twice the request means its sysctl cap cut it.
      this.derived.ssu2BufferCapped = got < 2 * req;
    }
    const guess = guessOs(hints);
    const os = this.env.os === undefined ? guess : guess === undefined ? this.env.os : morePrecise(this.env.os, guess);
    const stats: Stats = {
      lines: 0, parsed: 0, unparsed: 0, oversized: 0, entries: this.entries,
      levels: this.levels, effectiveLevel, starts: this.starts,
      firstTime: this.firstTime, lastTime: this.lastTime,
      spanSeconds: this.firstT !== undefined && this.lastT !== undefined ? this.lastT - this.firstT : undefined,
    };
    return {
      facts: {
        signals, config: this.config, configOrigin: this.configOrigin, derived: this.derived, lines: this.lines, stats,
        env: { ...this.env, os, osHints: [...hints.keys()] },
      },
      hidden,
      timeline: this.timeline,
    };
  }
}

/** Seconds of the day as HH:MM:SS, the way i2pd prints its time. */
function clockText(tod: number): string {
  const s = Math.floor(tod);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, '0')).join(':');
}

function isWindowsModule(module: string): boolean {
  return isWindowsModuleAt(module, 0, module.length);
}

/** Whether the module `line.slice(from, colon)`, without the slice, exists only on Windows. */
function isWindowsModuleAt(line: string, from: number, colon: number): boolean {
  const n = colon - from;
  return (n === 8 && line.startsWith('NetState', from)) || (n === 12 && line.startsWith('Win32Service', from));
}

function rankOf(v: ConfigValue | undefined): number {
  return typeof v === 'string' && v.toLowerCase() in LEVEL_RANK ? LEVEL_RANK[v.toLowerCase() as Level] : -1;
}

function resolveSet(spec: SetValue, captures: Record<string, string> | undefined): ConfigValue | undefined {
  if (typeof spec !== 'object') return spec;
  const raw = captures?.[spec.capture];
  if (raw === undefined) return undefined;
  if (spec.as === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return raw;
}

export interface FactsPart {
  signals: SignalState[];
  clock?: ClockState;
  levels: Partial<Record<Level, number>>;
  osHints: Array<[string, number]>;
  config: Record<string, ConfigValue>;
  configOrigin: Record<string, string>;
  derived: Record<string, ConfigValue>;
  lines: Facts['lines'];
  env: Facts['env'];
  maxRank: number;
  logEntries: number;
  entries: number;
  starts: number;
  firstT?: number;
  lastT?: number;
  firstTime?: string;
  lastTime?: string;
  timeline: TimelineState;
}
