// An issue as GitHub delivers it, in one shape: an Actions event payload ($GITHUB_EVENT_PATH for
// `issues` and `issue_comment`), a REST issue, or what `gh issue view/list --json` prints. The
// input is untrusted JSON, so each field is checked and a bad one is named by its JSON path.
import { isObj, JsonReader, shown } from './json-reader.js';

export interface IssueComment {
  /** The REST id, which editing needs (gh gives it only inside the comment's URL). */
  id?: number;
  author?: string;
  /** A GitHub App or the Actions bot: never the reporter. */
  bot: boolean;
  body: string;
}

export interface Issue {
  /** Absent only when `gh issue view` was asked for fields without it. */
  number?: number;
  title: string;
  body: string;
  author?: string;
  state: 'open' | 'closed';
  /** `completed`, `not planned`, `duplicate`, `reopened`, as words. */
  stateReason?: string;
  labels: string[];
  /** The comments the input holds; an event payload holds none (see commentCount). */
  comments: IssueComment[];
  /** How many comments GitHub counts on the issue. */
  commentCount: number;
  /** Pull requests that closed it (gh's closedByPullRequestsReferences). */
  closedBy: number[];
  /** issue_comment events fire on pull requests too, which GitHub calls issues. */
  pullRequest: boolean;
}

export interface IssueInput {
  /** The webhook event, for a payload; undefined for gh's or the REST API's issue. */
  event?: 'issues' | 'issue_comment';
  action?: string;
  issue: Issue;
  /** The comment an issue_comment event is about. */
  comment?: IssueComment;
  /** `owner/name`, from the payload's repository. */
  repo?: string;
  /** Whether `issue.comments` holds every comment (gh does; a payload holds only a count). */
  commentsComplete: boolean;
}

/** The fields of issues and comments, in every shape GitHub gives them. */
class Reader extends JsonReader {
  login(o: Record<string, unknown>, key: string, at: string): { login?: string; bot: boolean } {
    const v = o[key];
    if (v === undefined || v === null) return { bot: false };
    if (!isObj(v) || typeof v.login !== 'string') this.fail(`${at}.${key}`, `expected an object with a "login" (the user), got ${shown(v)}`);
    // REST and payloads say type "Bot"; gh says is_bot, and names apps app/<slug>.
    const bot = v.type === 'Bot' || v.is_bot === true || v.login.endsWith('[bot]') || v.login.startsWith('app/');
    return { login: v.login, bot };
  }

  comment(v: unknown, at: string): IssueComment {
    if (!isObj(v)) this.fail(at, `expected a comment object, got ${shown(v)}`);
    const who = this.login(v, v.user !== undefined ? 'user' : 'author', at);
    let id: number | undefined;
    if (typeof v.id === 'number') id = this.int(v, 'id', at);
    else if (typeof v.url === 'string') {
      const m = /#issuecomment-(\d+)$/.exec(v.url);
      if (m) id = Number(m[1]);
    }
    return { ...(id !== undefined ? { id } : {}), ...(who.login !== undefined ? { author: who.login } : {}), bot: who.bot, body: this.text(v, 'body', at, true) };
  }

  issue(v: unknown, at: string, needNumber: boolean): { issue: Issue; complete: boolean } {
    if (!isObj(v)) this.fail(at, `expected an issue object, got ${shown(v)}`);
    const number = needNumber || v.number !== undefined ? this.int(v, 'number', at) : undefined;
    const who = this.login(v, v.user !== undefined ? 'user' : 'author', at);
    const state = this.text(v, 'state', at).toLowerCase();
    if (state && state !== 'open' && state !== 'closed') this.fail(`${at}.state`, `expected "open" or "closed", got ${shown(v.state)}`);
    const reason = this.text(v, v.state_reason !== undefined ? 'state_reason' : 'stateReason', at, true).toLowerCase().replace(/_/g, ' ');
    const labels = this.list(v, 'labels', at).map((l, i) => {
      if (typeof l === 'string') return l;
      if (isObj(l) && typeof l.name === 'string') return l.name;
      return this.fail(`${at}.labels[${i}]`, `expected a label (text, or an object with a "name"), got ${shown(l)}`);
    });
    const comments = Array.isArray(v.comments) ? v.comments.map((c, i) => this.comment(c, `${at}.comments[${i}]`)) : [];
    if (v.comments !== undefined && !Array.isArray(v.comments)) this.int(v, 'comments', at);
    const closedBy = this.list(v, 'closedByPullRequestsReferences', at).map((r, i) => {
      if (!isObj(r)) this.fail(`${at}.closedByPullRequestsReferences[${i}]`, `expected a pull request reference, got ${shown(r)}`);
      return this.int(r, 'number', `${at}.closedByPullRequestsReferences[${i}]`);
    });
    const issue: Issue = {
      ...(number !== undefined ? { number } : {}),
      title: this.text(v, 'title', at, true),
      body: this.text(v, 'body', at, true),
      ...(who.login !== undefined ? { author: who.login } : {}),
      state: state === 'closed' ? 'closed' : 'open',
      ...(reason ? { stateReason: reason } : {}),
      labels,
      comments,
      commentCount: typeof v.comments === 'number' ? v.comments : comments.length,
      closedBy,
      pullRequest: isObj(v.pull_request),
    };
    return { issue, complete: Array.isArray(v.comments) };
  }
}

/** An event payload, a REST issue or `gh issue view --json` output. */
export function readIssueInput(data: unknown, file: string): IssueInput {
  const r: Reader = new Reader(file);
  if (!isObj(data)) {
    r.fail('$', 'expected an Actions event payload ($GITHUB_EVENT_PATH of an `issues` or `issue_comment` event) or the output of `gh issue view N --json title,body,comments,labels`');
  }
  if (isObj(data.issue)) {
    const { issue } = r.issue(data.issue, '$.issue', true);
    const comment = data.comment !== undefined ? r.comment(data.comment, '$.comment') : undefined;
    const repository = isObj(data.repository) && typeof data.repository.full_name === 'string' ? data.repository.full_name : undefined;
    return {
      event: comment ? 'issue_comment' : 'issues',
      ...(typeof data.action === 'string' ? { action: data.action } : {}),
      issue,
      ...(comment ? { comment } : {}),
      ...(repository ? { repo: repository } : {}),
      commentsComplete: false,
    };
  }
  if (data.title === undefined && data.body === undefined && data.number === undefined) {
    r.fail('$', 'no "issue", "title" or "body": expected an Actions event payload ($GITHUB_EVENT_PATH) or the output of `gh issue view N --json title,body,comments,labels`');
  }
  const { issue, complete } = r.issue(data, '$', false);
  return { issue, commentsComplete: complete };
}

/** `gh issue list --state all --json number,title,body,comments,state,stateReason`. */
export function readIssueList(data: unknown, file: string): Issue[] {
  const r: Reader = new Reader(file);
  if (!Array.isArray(data)) r.fail('$', 'expected an array of issues (gh issue list --state all --json number,title,body,author,comments,state,stateReason)');
  return data.map((v, i) => r.issue(v, `$[${i}]`, true).issue);
}

/**
 * The comments that belong to the report: the issue author's. Without an author (gh asked for
 * fewer fields) every comment by a person counts. Bots never do.
 */
export function reporterComments(issue: Issue): IssueComment[] {
  return issue.comments.filter((c) => !c.bot && (issue.author === undefined || c.author === issue.author));
}
