// Shared vocabulary of the pipeline (see DESIGN.md "Words"): types, and the few lists and ranks
// that go with them.

export type Level = 'none' | 'critical' | 'error' | 'warn' | 'info' | 'debug';
/** Verbosity rank as i2pd orders levels: a message is written when rank(level) <= rank(threshold). */
export const LEVEL_RANK: Record<Level, number> = { none: 0, critical: 1, error: 2, warn: 3, info: 4, debug: 5 };
/** Every level, by rank. */
export const LEVEL_BY_RANK: readonly Level[] = ['none', 'critical', 'error', 'warn', 'info', 'debug'];

/** What a line is evidence of: an i2pd log line, or text from the host around it. */
export type EntryKind = 'log' | 'crash' | 'systemd' | 'kernel' | 'console' | 'raw';

export interface Entry {
  kind: EntryKind;
  source: string;
  /** 1-based physical line number where the entry starts. */
  line: number;
  /** Time of day as printed (may be redacted, e.g. XX:XX:XX). */
  time?: string;
  /** Seconds since local midnight, when the time was readable. */
  tod?: number;
  /** Days since 1970 when the line carries a date (CLF time, ISO journald), else undefined. */
  day?: number;
  tid?: number;
  level?: Level;
  /** Module prefix of the message (`SSU2`, `Daemon`…), '' when the message has none. */
  module: string;
  /** Message text after the module prefix. */
  message: string;
  /** A shell prompt's command (`ulimit -n`): the line is the command, not its output. */
  command?: string;
  /** The whole cleaned line as a user would quote it. */
  text: string;
}

export type Severity = 'critical' | 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3, critical: 4 };
export const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info'];

export interface EvidenceLine {
  source: string;
  line: number;
  text: string;
}

export interface Occurrence extends EvidenceLine {
  /** Seconds on the case's log clock (day rollover inferred); undefined without a time. */
  t?: number;
  time?: string;
}

export interface Signal {
  id: string;
  count: number;
  first?: Occurrence;
  last?: Occurrence;
  examples: EvidenceLine[];
  captures: Record<string, string[]>;
  /**
   * Per capture, the first lines that showed each of its shown values: the evidence of a condition
   * on one value (`reason` includes "Permission denied") is that value's lines, not any line.
   */
  valueLines: Record<string, Record<string, EvidenceLine[]>>;
  /** Capture values of the last occurrence (the state a log ends in). */
  lastCaptures: Record<string, string>;
  distinct: Record<string, number>;
  maxPerMinute: number;
  maxPer10Minutes: number;
}

export type ConfigValue = string | number | boolean;

export interface SourceStats {
  name: string;
  /** `log`, `i2pd.conf`, `tunnels.conf`. */
  kind: string;
  formats: Record<string, number>;
  lines: number;
  parsed: number;
  unparsed: number;
  oversized: number;
  /**
   * What each line was read as, one class a line (they add up to `lines`): `i2pd log`, an evidence
   * kind (`crash`, `systemd`, `kernel`, `console`), `evidence` (other text a signature knows:
   * shell output, sysctl values…), `shell` (a prompt and its command), `quoted in prose`,
   * `config`, `prose`, `markup` (blank lines, fences), `unparsed`, `oversized`.
   */
  classes: Record<string, number>;
  /** Problems reading this source (one line each, naming what to do). */
  errors: string[];
  warnings: string[];
}

export interface Stats {
  lines: number;
  parsed: number;
  unparsed: number;
  oversized: number;
  entries: number;
  levels: Partial<Record<Level, number>>;
  /** The most verbose level the log is known to contain, or undefined when no line tells. */
  effectiveLevel?: Level;
  firstTime?: string;
  lastTime?: string;
  spanSeconds?: number;
  /** Number of `i2pd v… starting` banners seen. */
  starts: number;
}

export interface Facts {
  signals: Record<string, Signal>;
  config: Record<string, ConfigValue>;
  /** Where each config value came from: the file name, or `log` for values a log line revealed. */
  configOrigin: Record<string, string>;
  env: { version?: string; os?: string; osHints?: string[] };
  derived: Record<string, ConfigValue>;
  /** The line each config option (attached or pasted) and each derived value was read from. */
  lines: { config: Record<string, EvidenceLine>; derived: Record<string, EvidenceLine> };
  stats: Stats;
}

export type DiagnosisStatus = 'confirmed' | 'likely' | 'cannot-tell';

export interface Missing {
  /** `config.floodfill`, `ssu2.socket-open-failed`… */
  fact: string;
  /** Why it is unknown: not given (attach/ask), or hidden by the log itself. */
  reason: 'not-given' | 'log-level' | 'no-startup' | 'no-log';
  ask: string;
}

export interface Diagnosis {
  rule: string;
  title: string;
  severity: Severity;
  status: DiagnosisStatus;
  missing: Missing[];
  article: string;
  tags: string[];
  references: string[];
  evidence: EvidenceLine[];
  /** Rules that fired too and whose finding this one explains. */
  explains: string[];
  /** Rules that fired too and explain this finding (root causes). */
  followsFrom: string[];
  upgrade?: { current: string; fixedIn: string };
}
