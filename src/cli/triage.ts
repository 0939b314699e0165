// `i2pd-doctor triage`: answers an issue where it was filed. It reads the issue as GitHub delivers
// it (the Actions event payload, or gh's JSON), analyses the body and the reporter's comments as
// one case, and keeps one comment on the issue — created once, edited when the report changes,
// never posted when there is nothing to say. The index of earlier issues that duplicates are
// looked up in is triage-index.ts's.
import { join, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../node/content/content-loader.js';
import { GitHub, GitHubError } from '../node/triage/github.js';
import type { Content } from '../node/content/packs.js';
import { triageIssue } from '../node/triage/issue-cases.js';
import { DEFAULT_LIMITS } from '../read/limits.js';
import { commentDigest, isOwnComment, renderComment, worthSaying, type TriageReport } from '../triage/comment.js';
import type { IndexedIssue } from '../triage/fingerprint.js';
import { readIssueInput, reporterComments, type Issue, type IssueInput } from '../triage/issue.js';
import { InputError } from '../triage/json-reader.js';
import { attachmentLinks } from '../triage/text.js';
import { readJson } from './json-file.js';
import { say } from './output.js';
import { loadIndex } from './triage-index.js';
import { contentFor } from './content.js';

export interface TriageOptions {
  repo?: string;
  issue?: number;
  dryRun?: boolean;
  index?: string;
  attachments?: string;
  listAttachments?: boolean;
  rules?: string[];
  redact: boolean;
  addLabels?: boolean;
  kbUrl?: string;
  apiUrl?: string;
  author: string[];
  retries: number;
  backoff: number;
  maxWait: number;
  version: string;
}

/** An environment variable, '' counting as unset (a workflow may pass an empty input). */
function env(name: string): string | undefined {
  return process.env[name] || undefined;
}

const ACTIONS: Record<string, string[]> = { issues: ['opened', 'edited', 'reopened'], issue_comment: ['created', 'edited'] };

/** Why this event cannot change the report (so triage does nothing), or undefined. */
function skipReason(input: IssueInput): string | undefined {
  const { issue, event, action, comment } = input;
  if (issue.pullRequest) return `#${issue.number} is a pull request, not an issue`;
  if (event && action && !ACTIONS[event].includes(action)) return `a "${action}" event of ${event} changes nothing triage reads`;
  if (comment?.bot) return 'a comment by a bot';
  if (comment && issue.author !== undefined && comment.author !== issue.author) return `a comment by ${comment.author ?? 'someone'}, not the reporter`;
  return undefined;
}

function nothingToSay(r: TriageReport): string {
  const read = r.report.sources.some((s) => s.parsed > 0);
  return read ? 'no known problem, and no earlier issue like it' : 'no i2pd log, config or crash text';
}

/** Links to the bundled articles only: a pack's articles are not where --kb-url points. */
function articleLinker(c: Content, base: string | undefined): ((id: string) => string | undefined) | undefined {
  if (!base) return undefined;
  const bundled = join(PACKAGE_ROOT, 'kb') + sep;
  return (id) => {
    const file = c.knowledge.articles.get(id)?.file;
    return file && resolve(file).startsWith(bundled) ? `${base.replace(/\/+$/, '')}/${id}.md` : undefined;
  };
}

export async function triageCommand(inputArg: string | undefined, o: TriageOptions): Promise<number> {
  const file = inputArg ?? env('GITHUB_EVENT_PATH');
  if (!file) {
    say('no issue to read: give the event payload or gh issue view output as a file (or -), or run in a workflow (GITHUB_EVENT_PATH)');
    return 2;
  }
  let input: IssueInput;
  try {
    input = readIssueInput(readJson(file), file === '-' ? 'stdin' : file);
  } catch (e) {
    if (e instanceof InputError) {
      say(e.message);
      return 2;
    }
    throw e;
  }
  const issue: Issue = { ...input.issue };
  const server = env('GITHUB_SERVER_URL') ?? 'https://github.com';
  if (o.listAttachments) {
    const texts = [issue.body, ...reporterComments(issue).map((c) => c.body), ...(input.comment && !input.comment.bot ? [input.comment.body] : [])];
    const seen = new Set<string>();
    for (const a of texts.flatMap((t) => attachmentLinks(t, server))) {
      if (seen.has(a.url)) continue;
      seen.add(a.url);
      process.stdout.write(`${a.url}\t${a.file}\n`);
    }
    return 0;
  }
  const repo = o.repo ?? input.repo ?? env('GITHUB_REPOSITORY');
  const number = o.issue ?? issue.number;
  // gh issue view output names no repository: the issue is then just #N.
  const where = number === undefined ? (repo ?? 'the issue') : `${repo ?? ''}#${number}`;
  const skip = skipReason(input);
  if (skip) {
    say(`skipped ${where}: ${skip}`);
    return 0;
  }
  const token = env('GITHUB_TOKEN') ?? env('GH_TOKEN');
  if (!o.dryRun) {
    if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
      say(`which repository? ${repo ? `"${repo}" is not owner/name; ` : ''}give --repo owner/name (in a workflow GITHUB_REPOSITORY says it)`);
      return 2;
    }
    if (number === undefined) {
      say(`${file}: no issue number: ask gh for it (--json number,title,body,comments,labels) or give --issue N`);
      return 2;
    }
    if (!token) {
      say('no token: set GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }}), or use --dry-run to print the comment instead');
      return 2;
    }
  }
  const api = o.apiUrl ?? env('GITHUB_API_URL') ?? 'https://api.github.com';
  if (!o.dryRun && !/^https?:\/\/[^/\s]+/i.test(api)) {
    say(`${o.apiUrl ? '--api-url' : 'GITHUB_API_URL'} ${JSON.stringify(api)} is not an http(s) address; GitHub's is https://api.github.com`);
    return 2;
  }
  const content = contentFor(o);
  if (!content) return 2;
  const gh = o.dryRun
    ? undefined
    : new GitHub({
        api, token: token!, userAgent: `i2pd-doctor/${o.version}`,
        retries: o.retries, backoffMs: o.backoff, maxWaitMs: o.maxWait * 1000, onRetry: (m) => say(m),
      });
  // A payload holds the count of comments only: list them, for the reporter's and for ours.
  let listed = input.commentsComplete;
  if (!listed && gh && (input.event === undefined || issue.commentCount > 0)) {
    try {
      issue.comments = await gh.listComments(repo!, number!);
      listed = true;
    } catch (e) {
      if (!(e instanceof GitHubError)) throw e;
      say(`could not read the comments of ${where}: ${e.message}`);
      return 2;
    }
  }
  if (input.comment && !issue.comments.some((c) => c.id !== undefined && c.id === input.comment!.id)) issue.comments = [...issue.comments, input.comment];
  if (!listed && issue.commentCount > issue.comments.length) say(`dry run: the payload holds ${issue.comments.length} of the ${issue.commentCount} comments; the others are not read (gh issue view N --json title,body,comments,labels gives them all)`);

  let index: IndexedIssue[] | undefined;
  if (o.index) {
    const loaded = await loadIndex(o.index, content, o);
    if (!loaded) return 2;
    index = loaded;
  }
  const r = await triageIssue(issue, content.knowledge, { redact: o.redact, attachments: o.attachments, server, index, limits: DEFAULT_LIMITS });
  for (const s of r.report.sources) for (const e of s.errors) say(e);
  if (!worthSaying(r)) {
    say(`nothing to say on ${where}: ${nothingToSay(r)}`);
    return 0;
  }
  const body = renderComment(r, content.knowledge.articles, { version: o.version, articleLink: articleLinker(content, o.kbUrl) });
  if (!gh) {
    process.stdout.write(body);
    say(`dry run: would create a comment on ${where} (or edit the one it made before)${r.labels.length ? `; suggests the labels ${r.labels.join(', ')}` : ''}`);
    return 0;
  }
  try {
    const own = issue.comments.find((c) => isOwnComment(c, o.author));
    const link = (id: number) => `${server.replace(/\/+$/, '')}/${repo}/issues/${number}#issuecomment-${id}`;
    if (own?.id !== undefined && commentDigest(own.body) === commentDigest(body)) process.stdout.write(`unchanged ${link(own.id)}\n`);
    else if (own?.id !== undefined) process.stdout.write(`edited ${(await gh.updateComment(repo!, own.id, body)).url || link(own.id)}\n`);
    else {
      const made = await gh.createComment(repo!, number!, body);
      process.stdout.write(`created ${made.url || link(made.id)}\n`);
    }
    if (o.addLabels && r.labels.length) await addLabels(gh, repo!, number!, r.labels, where);
  } catch (e) {
    if (!(e instanceof GitHubError)) throw e;
    say(`could not post on ${where}: ${e.message}`);
    // The run's log keeps what would have been said.
    process.stdout.write(body);
    return 2;
  }
  return 0;
}

async function addLabels(gh: GitHub, repo: string, number: number, labels: string[], where: string): Promise<void> {
  // Adding a label the repository lacks would create it; only the maintainers' labels are used.
  const have = new Map((await gh.listLabels(repo)).map((l) => [l.toLowerCase(), l]));
  const add = labels.map((l) => have.get(l.toLowerCase())).filter((l): l is string => l !== undefined);
  const left = labels.filter((l) => !have.has(l.toLowerCase()));
  if (add.length) await gh.addLabels(repo, number, add);
  say(`labelled ${where}: ${add.join(', ') || 'none'}${left.length ? `; not in the repository, so not added: ${left.join(', ')}` : ''}`);
}
