// The one comment triage keeps on an issue: the markdown report of the issue's case (findings,
// what would confirm them, the articles' cause and fix, the evidence), the earlier issues it
// looks like, and the labels its findings suggest. It opens with a hidden marker that carries a
// digest of the rest, so a later run finds its own comment, edits it, and leaves it alone when
// nothing changed. It says nothing at all when it has nothing to tell the reporter.
import { fnv1a, type CaseTemplate } from '../facts/templates.js';
import type { Article } from '../kb/article.js';
import type { Diagnosis } from '../model.js';
import { renderCaseMarkdown, type MarkdownOptions } from '../report/markdown.js';
import type { CaseReport } from '../report/report-model.js';
import { inlineCode } from '../report/safe-text.js';
import { count } from '../report/words.js';
import type { Rule } from '../rules/rule.js';
import type { DuplicateMatch, Fingerprint } from './fingerprint.js';
import type { IssueComment } from './issue.js';
import type { Attachment } from './text.js';

export const MARKER = '<!-- i2pd-doctor:triage';

export interface TriageReport {
  report: CaseReport;
  /** The case's unknown messages. */
  templates: CaseTemplate[];
  fingerprint: Fingerprint;
  duplicates: DuplicateMatch[];
  labels: string[];
  attachments: { read: Attachment[]; missing: Attachment[] };
}

export interface CommentOptions extends MarkdownOptions {
  version: string;
}

/** A finding (even a harmless message explained) or an earlier issue like this one. */
export function worthSaying(r: Pick<TriageReport, 'report' | 'duplicates'>): boolean {
  return r.report.diagnoses.length > 0 || r.duplicates.length > 0;
}

/** GitHub refuses a comment longer than this. */
export const MAX_COMMENT = 65_536;
/** An evidence line is cut here: a log line can be 256 KiB, a comment is read by a person. */
const MAX_EVIDENCE = 500;

/**
 * The comment, within GitHub's limit: when the whole is too long the articles' cause and fix go
 * first (each finding still links its article), then the last findings, which are counted.
 */
export function renderComment(r: TriageReport, articles: Map<string, Article>, o: CommentOptions): string {
  const report = { ...r.report, diagnoses: r.report.diagnoses.map((d) => ({ ...d, evidence: d.evidence.map((e) => ({ ...e, text: clip(e.text) })) })) };
  let body = compose({ ...r, report }, articles, o, 0);
  if (body.length <= MAX_COMMENT) return body;
  const all = report.diagnoses;
  for (let keep = all.length; keep >= 1; keep--) {
    body = compose({ ...r, report: { ...report, diagnoses: all.slice(0, keep) } }, articles, { ...o, brief: true }, all.length - keep);
    if (body.length <= MAX_COMMENT) return body;
  }
  return body.slice(0, MAX_COMMENT);
}

function clip(text: string): string {
  return text.length <= MAX_EVIDENCE ? text : `${text.slice(0, MAX_EVIDENCE)}… (${text.length - MAX_EVIDENCE} characters more)`;
}

function compose(r: TriageReport, articles: Map<string, Article>, o: CommentOptions, left: number): string {
  const out: string[] = [renderCaseMarkdown(r.report, articles, o).trimEnd(), ''];
  if (left) out.push(`_${count(left, 'more finding')} ${left === 1 ? 'is' : 'are'} left out to fit in one comment; run \`i2pd-doctor analyze\` on the text for all of them._`, '');
  if (r.duplicates.length) {
    out.push('#### Earlier reports like this one', '');
    for (const d of r.duplicates) out.push(`- Looks like #${d.number} (${stateOf(d)}): ${shared(d, r.templates)}`);
    out.push('');
  }
  if (r.attachments.missing.length) {
    out.push(`> Not read: ${r.attachments.missing.map((a) => inlineCode(a.name)).join(', ')}. Paste the text, or attach the file again if it was removed.`, '');
  }
  if (r.labels.length) out.push(`<sub>Suggested labels: ${r.labels.map((l) => inlineCode(l)).join(', ')}</sub>`, '');
  const read = r.attachments.read.length ? `, the reporter's comments and ${count(r.attachments.read.length, 'attachment')}` : " and the reporter's comments";
  const hidden = r.report.redaction ? ' Addresses, router hashes and user names are replaced by pseudonyms.' : '';
  out.push(`<sub>i2pd-doctor ${o.version} read the text of this issue${read}; it edits this comment when they change.${hidden}</sub>`);
  const body = out.join('\n') + '\n';
  return `${MARKER} digest=${fnv1a(body)} -->\n${body}`;
}

function stateOf(d: DuplicateMatch): string {
  if (d.state === 'open') return 'open';
  const how = d.stateReason ? `closed as ${d.stateReason}` : 'closed';
  return d.closedBy.length ? `${how}, fixed by ${d.closedBy.map((n) => `#${n}`).join(', ')}` : how;
}

function shared(d: DuplicateMatch, templates: readonly CaseTemplate[]): string {
  const bits: string[] = [];
  if (d.rules.length) bits.push(`the same finding${d.rules.length > 1 ? 's' : ''} ${d.rules.map((x) => inlineCode(x)).join(', ')}`);
  if (d.templates.length) {
    const texts = d.templates.map((id) => templates.find((t) => t.id === id)).filter((t) => t !== undefined).slice(0, 3);
    const what = d.templates.length === 1 ? 'the same unknown message' : `${d.templates.length} of the same unknown messages`;
    bits.push(`${what} ${texts.map((t) => inlineCode(t.module ? `${t.module}: ${t.template}` : t.template)).join(', ')}`.trimEnd());
  }
  return bits.join('; ');
}

/** The digest in our marker, or undefined for a comment without one. */
export function commentDigest(body: string): string | undefined {
  const m = /^<!-- i2pd-doctor:triage digest=([0-9a-f]{8}) -->/.exec(body.trimStart());
  return m?.[1];
}

/**
 * Ours: it opens with the marker and a bot wrote it (or one of the logins given, when triage
 * posts with a person's token). Anyone can type the marker; only we may be edited.
 */
export function isOwnComment(c: IssueComment, logins: readonly string[]): boolean {
  return c.body.trimStart().startsWith(MARKER) && (c.bot || (c.author !== undefined && logins.includes(c.author)));
}

/**
 * The labels of the rules behind confirmed and likely findings, first spelling first, without
 * those the issue already has (GitHub compares label names case-insensitively).
 */
export function suggestedLabels(diagnoses: ReadonlyArray<Pick<Diagnosis, 'rule' | 'status'>>, rules: ReadonlyMap<string, Pick<Rule, 'labels'>>, present: readonly string[]): string[] {
  const seen = new Set(present.map((l) => l.toLowerCase()));
  const out: string[] = [];
  for (const d of diagnoses) {
    if (d.status === 'cannot-tell') continue;
    for (const l of rules.get(d.rule)?.labels ?? []) {
      if (seen.has(l.toLowerCase())) continue;
      seen.add(l.toLowerCase());
      out.push(l);
    }
  }
  return out;
}
