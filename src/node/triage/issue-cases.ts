// An issue as one case: its body and the reporter's comments as in-memory sources, the linked
// attachments that exist as local files as file sources, analysed by the same path as `analyze`
// (batch/run-case.ts). Also the index of earlier issues, built on the batch pool.
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fnv1a } from '../../facts/templates.js';
import type { Knowledge } from '../../knowledge.js';
import { suggestedLabels, type TriageReport } from '../../triage/comment.js';
import { findDuplicates, fingerprint, type IndexedIssue } from '../../triage/fingerprint.js';
import { issueDigest } from '../../triage/index-file.js';
import { reporterComments, type Issue } from '../../triage/issue.js';
import { attachmentLinks, pastedText, type Attachment } from '../../triage/text.js';
import type { CaseSpec } from '../batch/cases.js';
import { runBatch } from '../batch/pool.js';
import { runCase, type CaseOutcome, type CaseRun } from '../batch/run-case.js';
import type { SourceRef } from '../read/sources.js';

export interface IssueCaseOptions {
  /** A folder holding local copies of linked attachments, as `<id>-<name>` or `<name>`. */
  attachments?: string;
  /** GitHub's web address (GITHUB_SERVER_URL), where attachment links point. */
  server?: string;
}

export interface IssueCase {
  spec: CaseSpec;
  read: Attachment[];
  missing: Attachment[];
}

export function caseName(issue: Pick<Issue, 'number'>): string {
  return issue.number === undefined ? 'issue' : `#${issue.number}`;
}

export function issueCaseSpec(issue: Issue, o: IssueCaseOptions = {}): IssueCase {
  const name = caseName(issue);
  const texts: Array<[string, string]> = [[name, issue.body]];
  reporterComments(issue).forEach((c, i) => texts.push([`${name} comment ${i + 1}`, c.body]));
  const refs: SourceRef[] = texts.filter(([, t]) => t.trim() !== '').map(([n, t]) => ({ name: n, text: pastedText(t) }));
  const read: Attachment[] = [];
  const missing: Attachment[] = [];
  const seen = new Set<string>();
  for (const [, t] of texts) {
    for (const a of attachmentLinks(t, o.server)) {
      if (seen.has(a.url)) continue;
      seen.add(a.url);
      // Only plain names inside the folder: a link's name is the reporter's to choose.
      const names = [a.file, a.name].filter((f) => f === basename(f) && f !== '..' && f !== '.');
      const path = o.attachments === undefined ? undefined : names.map((f) => join(o.attachments!, f)).find(isFile);
      if (path) {
        // Two attachments of one name (i2pd.log in the body and in a comment) keep their ids.
        refs.push({ name: texts.some(([, t]) => attachmentLinks(t, o.server).some((b) => b.name === a.name && b.url !== a.url)) ? a.file : a.name, path });
        read.push(a);
      } else missing.push(a);
    }
  }
  return { spec: { name, refs }, read, missing };
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

export interface IssueTriageOptions extends IssueCaseOptions, Pick<CaseRun, 'limits' | 'redact'> {
  /** Earlier issues, for duplicates. */
  index?: readonly IndexedIssue[];
}

export async function triageIssue(issue: Issue, knowledge: Knowledge, o: IssueTriageOptions): Promise<TriageReport> {
  const c = issueCaseSpec(issue, o);
  const out = await runCase(c.spec, knowledge, { limits: o.limits, redact: o.redact });
  const fp = fingerprintOf(out);
  const rules = new Map(knowledge.rules.map((r) => [r.id, r]));
  return {
    report: out.report,
    templates: out.templates,
    fingerprint: fp,
    duplicates: o.index ? findDuplicates(fp, o.index, issue.number) : [],
    labels: suggestedLabels(out.report.diagnoses, rules, issue.labels),
    attachments: { read: c.read, missing: c.missing },
  };
}

function fingerprintOf(out: CaseOutcome) {
  return fingerprint(out.report.diagnoses, out.templates);
}

/** What the fingerprints depend on: a change to a rule or a signature makes an index stale. */
export function contentDigest(knowledge: Knowledge, version: string): string {
  const rules = knowledge.rules.map(({ file: _f, ...r }) => r);
  const signatures = knowledge.signatures.map(({ file: _f, regex: _r, ...s }) => s);
  return fnv1a(JSON.stringify({ version, rules, signatures }));
}

export interface IndexRun {
  fresh: IndexedIssue[];
  /** Issues analysed (new, changed, or all when the content changed); the others were kept. */
  analysed: number;
}

export interface IndexOptions extends Pick<CaseRun, 'limits' | 'redact'> {
  jobs?: number;
  /** The packs beyond the bundled one (--rules), for the worker threads to load the same content. */
  packs?: string[];
  /** The index so far: issues whose digest is unchanged are not read again. */
  old?: { issues: readonly IndexedIssue[]; stale: boolean };
}

/** Fingerprints of issues (pull requests skipped), on the batch pool. */
export async function indexIssues(issues: readonly Issue[], knowledge: Knowledge, o: IndexOptions): Promise<IndexRun> {
  const before = new Map((o.old?.stale ? [] : o.old?.issues ?? []).map((i) => [i.number, i]));
  const todo: Issue[] = [];
  const fresh: IndexedIssue[] = [];
  for (const issue of issues) {
    if (issue.pullRequest || issue.number === undefined) continue;
    const digest = issueDigest(issue);
    const prev = before.get(issue.number);
    if (prev && prev.digest === digest) {
      // The text is as indexed; its state may have changed since (closed, reopened).
      fresh.push({ ...prev, ...meta(issue, digest) });
    } else todo.push(issue);
  }
  const outcomes = await runBatch(todo.map((i) => issueCaseSpec(i).spec), { jobs: o.jobs, content: { knowledge: () => knowledge, packs: o.packs }, run: { limits: o.limits, redact: o.redact } });
  todo.forEach((issue, k) => fresh.push({ ...meta(issue, issueDigest(issue)), ...fingerprintOf(outcomes[k]) }));
  return { fresh, analysed: todo.length };
}

function meta(issue: Issue, digest: string): Omit<IndexedIssue, 'rules' | 'templates'> {
  return { number: issue.number!, title: issue.title, state: issue.state, ...(issue.stateReason ? { stateReason: issue.stateReason } : {}), closedBy: issue.closedBy, digest };
}
