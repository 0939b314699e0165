// Which findings of a followed log are news: one that fires for the first time, one whose status
// changed (likely → confirmed), and one that fires again in a new run of i2pd (a start banner
// after the last report, and evidence after that banner). Everything else is quiet, however
// often the rules run. Memory: one entry per rule that ever fired.
import type { Diagnosis, EvidenceLine, Facts } from '../../model.js';
import { factsOf, type Rule } from '../../rules/rule.js';

export type ChangeKind = 'new' | 'changed' | 'again';

export interface FindingEvent {
  type: 'finding';
  event: ChangeKind;
  rule: string;
  title: string;
  severity: Diagnosis['severity'];
  status: Diagnosis['status'];
  /** The status reported before, for `changed`. */
  previous?: Diagnosis['status'];
  /** Start banners seen so far (0: the log began after i2pd had started). */
  run: number;
  /** The log's own time of its last line when the finding was seen. */
  logTime?: string;
  evidence: EvidenceLine[];
  missing: string[];
  article: string;
  followsFrom: string[];
}

interface Reported {
  status: Diagnosis['status'];
  run: number;
}

export class FindingTracker {
  private readonly reported = new Map<string, Reported>();

  constructor(
    private readonly rules: ReadonlyMap<string, Rule>,
    /** Ids of the signatures that open a run (`marks: run-start`). */
    private readonly runStarts: readonly string[],
  ) {}

  update(diagnoses: readonly Diagnosis[], facts: Facts): FindingEvent[] {
    const run = facts.stats.starts;
    const runLine = this.lastLine(this.runStarts, facts);
    const out: FindingEvent[] = [];
    for (const d of diagnoses) {
      const before = this.reported.get(d.rule);
      let event: ChangeKind | undefined;
      if (!before) event = 'new';
      else if (before.status !== d.status) event = 'changed';
      else if (run > before.run && runLine !== undefined && (this.evidenceLine(d, facts) ?? -1) > runLine) event = 'again';
      if (!event) continue;
      this.reported.set(d.rule, { status: d.status, run });
      out.push({
        type: 'finding', event, rule: d.rule, title: d.title, severity: d.severity, status: d.status,
        ...(event === 'changed' ? { previous: before!.status } : {}),
        run, logTime: facts.stats.lastTime, evidence: d.evidence, missing: d.missing.map((m) => m.ask), article: d.article, followsFrom: d.followsFrom,
      });
    }
    return out;
  }

  /** The line of the rule's latest evidence: the last occurrence of any signal it reads. */
  private evidenceLine(d: Diagnosis, facts: Facts): number | undefined {
    const rule = this.rules.get(d.rule);
    return rule ? this.lastLine(factsOf(rule.conditions), facts) : undefined;
  }

  private lastLine(ids: readonly string[], facts: Facts): number | undefined {
    let line: number | undefined;
    for (const id of ids) {
      const s = facts.signals[id];
      if (s?.last && (line === undefined || s.last.line > line)) line = s.last.line;
    }
    return line;
  }
}
