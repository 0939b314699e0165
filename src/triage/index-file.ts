// The index of earlier issues that duplicates are looked up in: each issue's fingerprint and the
// little the comment says of it (title, state, what closed it), never its text. It records the
// content it was built with, so that an index made by other rules is known to be stale, and each
// issue's digest, so that `index update` reads again only the issues whose text changed.
import { fnv1a } from '../facts/templates.js';
import type { IndexedIssue } from './fingerprint.js';
import { reporterComments, type Issue } from './issue.js';
import { isObj, JsonReader, shown } from './json-reader.js';

export const INDEX_FORMAT = 'i2pd-doctor-issue-index';
export const INDEX_VERSION = 1;

export interface IndexMeta {
  /** The i2pd-doctor version that built it. */
  tool: string;
  /** Digest of the rules and signatures it was built with (contentDigest). */
  content: string;
  /** Whether the texts were redacted before analysis (templates are taken from what was analysed). */
  redacted: boolean;
}

export interface IssueIndex extends IndexMeta {
  format: typeof INDEX_FORMAT;
  version: number;
  issues: IndexedIssue[];
}

const REBUILD = 'rebuild it with `i2pd-doctor triage index build issues.json --out <index>`';

/** An index rather than a `gh issue list` (an array of issues). */
export function isIndexData(data: unknown): boolean {
  return isObj(data) && data.format === INDEX_FORMAT;
}

export function readIndex(data: unknown, file: string): IssueIndex {
  const r: JsonReader = new JsonReader(file);
  if (!isObj(data) || data.format !== INDEX_FORMAT) {
    r.fail(isObj(data) ? '$.format' : '$', `expected "${INDEX_FORMAT}" (an index written by i2pd-doctor triage index build), got ${shown(isObj(data) ? data.format : data)}; ${REBUILD}`);
  }
  if (data.version !== INDEX_VERSION) r.fail('$.version', `this i2pd-doctor reads index version ${INDEX_VERSION}, the file is version ${shown(data.version)}; ${REBUILD}`);
  const redacted = data.redacted;
  if (typeof redacted !== 'boolean') r.fail('$.redacted', `expected true or false, got ${shown(redacted)}; ${REBUILD}`);
  const issues = r.list(data, 'issues', '$').map((v, i): IndexedIssue => {
    const at = `$.issues[${i}]`;
    if (!isObj(v)) r.fail(at, `expected an issue, got ${shown(v)}`);
    const state = v.state;
    if (state !== 'open' && state !== 'closed') r.fail(`${at}.state`, `expected "open" or "closed", got ${shown(state)}`);
    const reason = r.text(v, 'stateReason', at);
    return {
      number: r.int(v, 'number', at),
      title: r.text(v, 'title', at),
      state,
      ...(reason ? { stateReason: reason } : {}),
      closedBy: r.ints(v, 'closedBy', at),
      digest: r.text(v, 'digest', at),
      rules: r.texts(v, 'rules', at),
      templates: r.texts(v, 'templates', at),
    };
  });
  return { format: INDEX_FORMAT, version: INDEX_VERSION, tool: r.text(data, 'tool', '$'), content: r.text(data, 'content', '$'), redacted, issues };
}

/** The issues of `fresh` replace those of the same number; the others stay. */
export function mergeIndex(old: IssueIndex | undefined, fresh: readonly IndexedIssue[], meta: IndexMeta): IssueIndex {
  const by = new Map<number, IndexedIssue>();
  for (const i of old?.issues ?? []) by.set(i.number, i);
  for (const i of fresh) by.set(i.number, i);
  return { format: INDEX_FORMAT, version: INDEX_VERSION, ...meta, issues: [...by.values()].sort((a, b) => a.number - b.number) };
}

/** Of the text the analysis reads: the body and the reporter's comments. */
export function issueDigest(issue: Issue): string {
  return fnv1a([issue.body, ...reporterComments(issue).map((c) => c.body)].join('\u0000'));
}
