// `i2pd-doctor triage index build|update`: the index of earlier issues, each fingerprinted by its
// findings and unknown messages, that `triage --index` finds duplicates in; and `--index` read
// by triage itself.
import { renameSync, writeFileSync } from 'node:fs';
import type { Content } from '../node/content/packs.js';
import { caseName, contentDigest, indexIssues } from '../node/triage/issue-cases.js';
import type { IndexedIssue } from '../triage/fingerprint.js';
import { isIndexData, mergeIndex, readIndex, type IndexMeta } from '../triage/index-file.js';
import { readIssueInput, readIssueList, type Issue, type IssueInput } from '../triage/issue.js';
import { InputError } from '../triage/json-reader.js';
import { contentFor } from './content.js';
import { readJson } from './json-file.js';
import { say } from './output.js';

export interface IndexRunOptions {
  rules?: string[];
  redact: boolean;
  version: string;
  jobs?: number;
}

function metaFor(content: Content, o: IndexRunOptions): IndexMeta {
  return { tool: o.version, content: contentDigest(content.knowledge, o.version), redacted: o.redact };
}

/** `--index`: a built index, or a `gh issue list` read (and analysed) on the spot. */
export async function loadIndex(file: string, content: Content, o: IndexRunOptions): Promise<IndexedIssue[] | undefined> {
  try {
    const data = readJson(file);
    if (isIndexData(data)) {
      const idx = readIndex(data, file);
      if (idx.content !== metaFor(content, o).content) say(`${file}: built with other rules or another version (${idx.tool}); run i2pd-doctor triage index update ${file} <issues.json> to bring its fingerprints up to date`);
      return idx.issues;
    }
    const issues = readIssueList(data, file);
    const run = await indexIssues(issues, content.knowledge, { redact: o.redact, packs: o.rules, jobs: o.jobs });
    say(`${file}: analysed ${run.analysed} issues for duplicates; i2pd-doctor triage index build ${file} keeps them ready for the next run`);
    return run.fresh;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    say(e.message);
    return undefined;
  }
}

/** Written whole or not at all: a run stopped half-way leaves the old index. */
function writeAtomic(file: string, data: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(data, null, 1) + '\n');
    renameSync(tmp, file);
  } catch (e) {
    throw new InputError(`${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check that its folder exists and is writable`);
  }
}

export async function indexBuildCommand(issuesFile: string, o: IndexRunOptions & { out: string }): Promise<number> {
  const content = contentFor(o);
  if (!content) return 2;
  try {
    const issues = readIssueList(readJson(issuesFile), issuesFile);
    const run = await indexIssues(issues, content.knowledge, { redact: o.redact, packs: o.rules, jobs: o.jobs });
    const idx = mergeIndex(undefined, run.fresh, metaFor(content, o));
    writeAtomic(o.out, idx);
    say(`indexed ${idx.issues.length} issues into ${o.out} (${withFindings(idx.issues)})`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    say(e.message);
    return 2;
  }
}

export async function indexUpdateCommand(indexFile: string, source: string, o: IndexRunOptions): Promise<number> {
  const content = contentFor(o);
  if (!content) return 2;
  try {
    const old = readIndex(readJson(indexFile), indexFile);
    const data = readJson(source);
    const issues = Array.isArray(data) ? readIssueList(data, source) : [issueOf(readIssueInput(data, source))];
    const meta = metaFor(content, o);
    const stale = old.content !== meta.content || old.redacted !== o.redact;
    const run = await indexIssues(issues, content.knowledge, { redact: o.redact, packs: o.rules, jobs: o.jobs, old: { issues: old.issues, stale } });
    const idx = mergeIndex(old, run.fresh, meta);
    writeAtomic(indexFile, idx);
    say(`updated ${indexFile}: ${idx.issues.length} issues, ${run.analysed} analysed, ${idx.issues.length - run.analysed} kept as they were (${withFindings(idx.issues)})`);
    if (stale) say(`the rules or options changed since ${indexFile} was built: every issue in ${source} was analysed again; the others keep their old fingerprints until a full update`);
    return 0;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    say(e.message);
    return 2;
  }
}

/** One issue from a payload or gh view: its number is required, and a payload's comment is the reporter's text too. */
function issueOf(input: IssueInput): Issue {
  if (input.issue.number === undefined) throw new InputError(`${caseName(input.issue)}: no issue number: ask gh for it (--json number,title,body,comments)`);
  return input.comment ? { ...input.issue, comments: [...input.issue.comments, input.comment] } : input.issue;
}

function withFindings(issues: readonly IndexedIssue[]): string {
  const found = issues.filter((i) => i.rules.length).length;
  const unknown = issues.filter((i) => !i.rules.length && i.templates.length).length;
  return `${found} with findings, ${unknown} more with unknown messages only`;
}
