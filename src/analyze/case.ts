// One case: its sources are read into one set of facts, then the rules run once.
import { CaseFacts } from '../facts/case-facts.js';
import type { FactsPart } from '../facts/facts-part.js';
import { parseI2pdConf, sniffConfig } from '../parse/config.js';
import { parseTunnelsConf } from '../parse/tunnels.js';
import type { Knowledge } from '../knowledge.js';
import type { Entry, SourceStats } from '../model.js';
import { LineParser, newSourceStats } from '../parse/line-parser.js';
import type { CaseTemplate, TemplateCollector } from '../facts/templates.js';
import type { Redactor } from '../redact/redactor.js';
import type { Hit } from '../match/matcher.js';
import type { StageProfile } from './profile.js';
import type { ConfigKind } from '../read/source-kind.js';
import type { ReadSink } from '../read/sink.js';
import type { LineLog } from './line-log.js';
import { count } from '../report/words.js';
import type { CaseResult } from '../report/report-model.js';

export class CaseAnalysis implements ReadSink {
  readonly sources: SourceStats[] = [];
  private readonly facts: CaseFacts;
  /** Per source and format, the lines already given to the platform hints. */
  private readonly hinted = new Map<string, number>();
  private collector?: TemplateCollector;

  readonly name: string;

  /**
   * With a redactor everything read is redacted as it enters — names, log entries, configs — so
   * no original reaches facts, evidence or any report.
   */
  constructor(
    name: string,
    readonly knowledge: Knowledge,
    private readonly redactor?: Redactor,
    /** `--profile`: time the stages. */
    readonly profile?: StageProfile,
    /** Threads for one large plain file (1: read on this thread only). */
    readonly jobs = 1,
    /** `--lines`: what each line was read as. */
    readonly lineLog?: LineLog,
  ) {
    this.name = this.hide(name);
    this.facts = new CaseFacts(knowledge.matcher, knowledge.derivations);
  }

  private hide(s: string): string {
    return this.redactor ? this.redactor.redact(s) : s;
  }

  /** Unmatched warn/error lines are passed here, for clustering unknown messages. */
  /** Unknown messages of the case; parts read on other threads bring theirs (see addLogParts). */
  get templates(): TemplateCollector | undefined {
    return this.collector;
  }

  set templates(t: TemplateCollector | undefined) {
    this.collector = t;
    this.facts.onUnmatched = t ? (e) => t.add(e) : undefined;
  }

  set onUnmatched(fn: ((e: Entry) => void) | undefined) {
    this.facts.onUnmatched = fn;
  }

  /**
   * Starts a log source; feed it lines with `push` and close it with `end`. Another `kind` (a
   * command's output collected from the host) is read the same way but is not counted as log.
   */
  logSource(name: string, kind = 'log'): LineParser {
    const stats = newSourceStats(this.hide(name), kind);
    this.sources.push(stats);
    const r = this.redactor;
    const prof = this.profile;
    const log = this.lineLog;
    const facts = this.facts;
    const shown = this.hide(name);
    const plain = r ? (e: Entry) => facts.add(redacted(r, e)) : (e: Entry) => facts.add(e);
    const add = log
      ? (e: Entry) => {
          const known = plain(e);
          if (known) log.matched(shown, e.line, facts.lastHits.map((h) => h.signature.id));
          return known;
        }
      : plain;
    // Signatures match redacted text, so with a redactor every line needs its (redacted) entry;
    // --lines lists every line, so each goes the whole way.
    const quick = r || log ? undefined : this.facts;
    const onLine = log ? (line: number, cls: string, text: string) => log.record(shown, line, cls, this.hide(text)) : undefined;
    // A config pasted into the same text (a fenced i2pd.conf in an issue) is read as a config.
    const config = (text: string, line: number, kind: ConfigKind) => this.addConfig(`${name} (${kind} at line ${line})`, text, kind, { source: this.hide(name), line });
    if (!prof) return new LineParser(stats, add, quick, config, onLine);
    // --profile runs the same path, timing what the entries of sampled chunks cost the facts.
    return new LineParser(
      stats,
      (e) => {
        const batch = prof.batch;
        if (!batch) return add(e);
        const t0 = performance.now();
        const known = add(e);
        prof.entryMs += performance.now() - t0;
        batch.push(e);
        return known;
      },
      quick,
      config,
    );
  }

  /** `--profile`: matches entries again, alone, and returns the milliseconds it took. */
  timeMatch(entries: Entry[]): number {
    const hits: Hit[] = [];
    const t0 = performance.now();
    for (const e of entries) this.knowledge.matcher.match(e, hits);
    return performance.now() - t0;
  }

  /** Whether a source may be read by other threads: they see the raw text, not the redacted. */
  get splittable(): boolean {
    // A plain onUnmatched callback cannot be fed from other threads; a template collector can.
    return this.redactor === undefined && !this.profile && !this.lineLog && this.jobs > 1 && (this.facts.onUnmatched === undefined || this.collector !== undefined);
  }

  /** A log source read elsewhere (worker threads) in parts: merged in order, lines numbered on. */
  addLogParts(name: string, parts: Array<{ stats: SourceStats; facts: FactsPart; templates?: CaseTemplate[] }>): void {
    const stats = newSourceStats(name);
    this.sources.push(stats);
    for (const p of parts) {
      this.facts.merge(name, p.facts, stats.lines);
      if (p.templates) this.collector?.merge(p.templates, stats.lines);
      stats.lines += p.stats.lines;
      stats.parsed += p.stats.parsed;
      stats.unparsed += p.stats.unparsed;
      stats.oversized += p.stats.oversized;
      for (const [f, n] of Object.entries(p.stats.formats)) stats.formats[f] = (stats.formats[f] ?? 0) + n;
      for (const [c, n] of Object.entries(p.stats.classes)) stats.classes[c] = (stats.classes[c] ?? 0) + n;
      stats.errors.push(...p.stats.errors);
      stats.warnings.push(...p.stats.warnings);
    }
  }

  /** A source that could not be read at all: it is reported, and the case goes on. */
  failedSource(name: string, error: string, kind = 'log'): SourceStats {
    const stats = newSourceStats(this.hide(name), kind);
    stats.errors.push(this.hide(error));
    this.sources.push(stats);
    return stats;
  }

  /** An archive: its members are sources of their own; this one carries what was skipped. */
  archiveSource(name: string, kind: 'zip' | 'tar'): SourceStats {
    const stats = newSourceStats(name, kind);
    this.sources.push(stats);
    return stats;
  }

  /** `at`: the paste and line a config block was found in, for the evidence lines. */
  sniffConfig(text: string): ConfigKind | undefined {
    return sniffConfig(text);
  }

  addConfig(name: string, text: string, kind: 'i2pd.conf' | 'tunnels.conf', at?: { source: string; line: number }): SourceStats {
    name = this.hide(name);
    text = this.hide(text);
    const stats = newSourceStats(name, kind);
    stats.lines = text.split(/\r\n|\r|\n/).length - (text.endsWith('\n') ? 1 : 0);
    stats.classes.config = stats.lines;
    this.sources.push(stats);
    if (kind === 'i2pd.conf') {
      const parsed = parseI2pdConf(text);
      stats.parsed = Object.keys(parsed.values).length;
      stats.unparsed = stats.lines - stats.parsed;
      for (const p of parsed.problems) stats.warnings.push(`line ${p.line}: ${p.message}`);
      if (parsed.unknownOptions.length) {
        stats.warnings.push(`unknown options (i2pd refuses to start with them): ${parsed.unknownOptions.slice(0, 10).join(', ')}`);
      }
      this.facts.addConfig(parsed, name, at);
      this.facts.addConfigCheck(parsed);
    } else {
      const parsed = parseTunnelsConf(text);
      stats.parsed = stats.lines;
      for (const p of parsed.problems) stats.warnings.push(`line ${p.line}: ${p.message}`);
      this.facts.addTunnels(parsed, name, at);
    }
    return stats;
  }

  async finish(): Promise<CaseResult> {
    // What the layout of the text says of the platform: OpenWrt's logread, a container's prefix.
    // A case finished again (`watch`) adds only the lines read since.
    for (const s of this.sources) {
      for (const [format, os] of FORMAT_PLATFORM) {
        const key = `${s.name}\0${format}`;
        const n = (s.formats[format] ?? 0) - (this.hinted.get(key) ?? 0);
        if (n > 0) {
          this.facts.hint(os, n);
          this.hinted.set(key, s.formats[format]);
        }
      }
    }
    const cf = this.facts.finish(this.knowledge.signatures);
    const stats = cf.facts.stats;
    // Standard input that brought nothing beside other sources (a config given alone, stdin not a
    // terminal) is no source of the case.
    const emptyStdin = this.sources.findIndex((s) => s.kind === 'log' && s.name === 'stdin' && s.lines === 0 && s.errors.length === 0);
    if (emptyStdin !== -1 && this.sources.length > 1) this.sources.splice(emptyStdin, 1);
    for (const s of this.sources) {
      if (s.kind !== 'log') continue;
      stats.lines += s.lines;
      stats.parsed += s.parsed;
      stats.unparsed += s.unparsed;
      stats.oversized += s.oversized;
      if (s.errors.length === 0) {
        // `watch` finishes the same case again and again: each warning is said once.
        const warn = (w: string) => s.warnings.includes(w) || s.warnings.push(w);
        if (s.lines === 0) warn('empty: nothing to analyse. Attach the log file itself, not an empty copy.');
        else if (s.parsed === 0) warn(`no i2pd log lines among its ${count(s.lines, 'line')}: is this an i2pd log? Attach /var/log/i2pd/i2pd.log or the output of \`journalctl -u i2pd\`.`);
      }
    }
    // A config and no log: say once what a log would add.
    if (cf.facts.stats.entries === 0 && this.sources.some((s) => s.kind !== 'log')) {
      const conf = this.sources.find((s) => s.kind !== 'log')!;
      conf.warnings.push("no log in this case: only what the config alone shows was checked. Attach i2pd's log (/var/log/i2pd/i2pd.log, or `journalctl -u i2pd --no-pager`) for the rest");
    }
    const t0 = performance.now();
    const diagnoses = await this.knowledge.runner.diagnose(cf);
    if (this.profile) this.profile.ms.rules += performance.now() - t0;
    // A finding's marks are the lines of the conditions that made it hold, as its evidence lines
    // are: all a signal saw, or its last line for a condition on the state the log ends in.
    const signals = cf.facts.signals;
    const timeline = cf.timeline.report(diagnoses.map((d) => {
      const from = this.knowledge.runner.evidenceOf(d);
      return {
        rule: d.rule, signatures: from.signals, lines: from.last.map((id) => signals[id]?.last?.t), derived: from.derived,
        count: (id: string) => signals[id]?.count ?? 0,
      };
    }));
    return { name: this.name, sources: this.sources, facts: cf.facts, diagnoses, timeline, redaction: this.redactor?.summary(), caseFacts: cf };
  }
}

function redacted(r: Redactor, e: Entry): Entry {
  // The line is the physical occurrence; its message is a part of it and must not count twice.
  const text = r.redact(e.text);
  return { ...e, message: r.redactRepeat(e.message), text };
}

const FORMAT_PLATFORM: ReadonlyArray<[string, string]> = [
  ['openwrt-logread', 'openwrt'],
  ['docker', 'docker'],
  ['kubernetes', 'docker'],
  ['android logcat', 'android'],
];
