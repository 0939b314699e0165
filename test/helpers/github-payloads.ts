// Issues, comments and events in the shapes GitHub sends them: webhook payloads as Actions writes
// them to $GITHUB_EVENT_PATH (issues opened / edited, issue_comment created), REST objects, and
// what `gh issue view --json` and `gh issue list --json` print. Every field GitHub documents for
// these objects is present, so the reader is tested against the noise of the real shape too.

export const REPO = 'example/i2pd-reports';
const API = 'https://api.github.com';
const WEB = 'https://github.com';

export function user(login: string, type: 'User' | 'Bot' = 'User', id = 1000 + login.length): Record<string, unknown> {
  return {
    login, id, node_id: `MDQ6VXNlcj${id}`, avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`, gravatar_id: '',
    url: `${API}/users/${login}`, html_url: `${WEB}/${login}`, followers_url: `${API}/users/${login}/followers`,
    following_url: `${API}/users/${login}/following{/other_user}`, gists_url: `${API}/users/${login}/gists{/gist_id}`,
    starred_url: `${API}/users/${login}/starred{/owner}{/repo}`, subscriptions_url: `${API}/users/${login}/subscriptions`,
    organizations_url: `${API}/users/${login}/orgs`, repos_url: `${API}/users/${login}/repos`, events_url: `${API}/users/${login}/events{/privacy}`,
    received_events_url: `${API}/users/${login}/received_events`, type, user_view_type: 'public', site_admin: false,
  };
}

export const BOT = user('github-actions[bot]', 'Bot', 41898282);

const reactions = (url: string) => ({ url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 });

export interface IssueSpec {
  number: number;
  title?: string;
  body?: string | null;
  author?: string;
  /** GitHub's count of comments on the issue. */
  comments?: number;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  pullRequest?: boolean;
  repo?: string;
}

export function label(name: string, i = 0): Record<string, unknown> {
  return { id: 208045946 + i, node_id: `MDU6TGFiZWwyMDgwNDU5NDY${i}`, url: `${API}/repos/${REPO}/labels/${encodeURIComponent(name)}`, name, color: 'f29513', default: false, description: null };
}

/** An issue as the REST API and webhook payloads carry it. */
export function issue(s: IssueSpec): Record<string, unknown> {
  const repo = s.repo ?? REPO;
  const url = `${API}/repos/${repo}/issues/${s.number}`;
  const closed = s.state === 'closed';
  return {
    url, repository_url: `${API}/repos/${repo}`, labels_url: `${url}/labels{/name}`, comments_url: `${url}/comments`,
    events_url: `${url}/events`, html_url: `${WEB}/${repo}/issues/${s.number}`, id: 2000000000 + s.number, node_id: `I_kwDOAbCdEf${s.number}`,
    number: s.number, title: s.title ?? `Issue ${s.number}`, user: user(s.author ?? 'reporter'), labels: (s.labels ?? []).map(label),
    state: s.state ?? 'open', locked: false, assignee: null, assignees: [], milestone: null, comments: s.comments ?? 0,
    created_at: '2025-03-01T10:00:00Z', updated_at: '2025-03-01T10:00:00Z', closed_at: closed ? '2025-03-09T10:00:00Z' : null,
    author_association: 'NONE', type: null, active_lock_reason: null, sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    body: s.body === undefined ? '' : s.body, closed_by: closed ? user('maintainer') : null, reactions: reactions(url),
    timeline_url: `${url}/timeline`, performed_via_github_app: null, state_reason: s.stateReason ?? null,
    ...(s.pullRequest ? { pull_request: { url: `${API}/repos/${repo}/pulls/${s.number}`, html_url: `${WEB}/${repo}/pull/${s.number}`, diff_url: `${WEB}/${repo}/pull/${s.number}.diff`, patch_url: `${WEB}/${repo}/pull/${s.number}.patch`, merged_at: null } } : {}),
  };
}

export function comment(id: number, issueNumber: number, body: string, author: Record<string, unknown> = user('reporter'), repo = REPO): Record<string, unknown> {
  const url = `${API}/repos/${repo}/issues/comments/${id}`;
  return {
    url, html_url: `${WEB}/${repo}/issues/${issueNumber}#issuecomment-${id}`, issue_url: `${API}/repos/${repo}/issues/${issueNumber}`,
    id, node_id: `IC_kwDOAbCdEf${id}`, user: author, created_at: '2025-03-01T11:00:00Z', updated_at: '2025-03-01T11:00:00Z',
    author_association: author.type === 'Bot' ? 'CONTRIBUTOR' : 'NONE', body, reactions: reactions(url), performed_via_github_app: null,
  };
}

export function repository(fullName = REPO): Record<string, unknown> {
  const [owner, name] = fullName.split('/');
  return {
    id: 35129377, node_id: 'MDEwOlJlcG9zaXRvcnkzNTEyOTM3Nw==', name, full_name: fullName, private: false, owner: user(owner),
    html_url: `${WEB}/${fullName}`, description: null, fork: false, url: `${API}/repos/${fullName}`,
    issues_url: `${API}/repos/${fullName}/issues{/number}`, comments_url: `${API}/repos/${fullName}/comments{/number}`,
    created_at: '2015-05-05T23:40:12Z', updated_at: '2025-03-01T10:00:00Z', pushed_at: '2025-03-01T10:00:00Z',
    default_branch: 'main', has_issues: true, open_issues_count: 3, visibility: 'public',
  };
}

/** `issues` event: opened, edited (with `changes`), closed… */
export function issuesEvent(action: string, s: IssueSpec, changes?: Record<string, unknown>): Record<string, unknown> {
  const repo = s.repo ?? REPO;
  return { action, issue: issue(s), ...(changes ? { changes } : {}), repository: repository(repo), sender: user(s.author ?? 'reporter') };
}

/** `issue_comment` event: a comment created on an issue (or on a pull request, which GitHub also calls an issue). */
export function issueCommentEvent(action: string, s: IssueSpec, c: Record<string, unknown>): Record<string, unknown> {
  const repo = s.repo ?? REPO;
  return { action, issue: issue(s), comment: c, repository: repository(repo), sender: c.user };
}

interface GhComment {
  author: string;
  body: string;
  id?: number;
  bot?: boolean;
}

function ghAuthor(login: string, bot = false): Record<string, unknown> {
  return bot ? { id: 'BOT_kgDOAKg', is_bot: true, login: 'app/github-actions', name: 'GitHub Actions' } : { id: `MDQ6VXNlcj${login.length}`, is_bot: false, login, name: '' };
}

/** `gh issue view N --json title,body,comments,labels` (and the other fields a caller asks for). */
export function ghIssue(s: IssueSpec & { ghComments?: GhComment[]; closedBy?: number[] }, fields = ['number', 'title', 'body', 'author', 'comments', 'labels', 'state', 'stateReason']): Record<string, unknown> {
  const repo = s.repo ?? REPO;
  const all: Record<string, unknown> = {
    number: s.number,
    title: s.title ?? `Issue ${s.number}`,
    body: s.body ?? '',
    author: ghAuthor(s.author ?? 'reporter'),
    comments: (s.ghComments ?? []).map((c, i) => ({
      id: `IC_kwDOAbCdEf${c.id ?? i}`, author: ghAuthor(c.author, c.bot), authorAssociation: c.bot ? 'CONTRIBUTOR' : 'NONE', body: c.body,
      createdAt: '2025-03-01T11:00:00Z', includesCreatedEdit: false, isMinimized: false, minimizedReason: '', reactionGroups: [],
      url: `${WEB}/${repo}/issues/${s.number}#issuecomment-${c.id ?? 5000 + i}`, viewerDidAuthor: false,
    })),
    labels: (s.labels ?? []).map((name, i) => ({ id: `LA_kwDOAbCdEf${i}`, name, description: '', color: 'f29513' })),
    state: (s.state ?? 'open').toUpperCase(),
    stateReason: s.stateReason ? s.stateReason.toUpperCase() : '',
    closedByPullRequestsReferences: (s.closedBy ?? []).map((n) => ({ id: `PR_kwDOAbCdEf${n}`, number: n, url: `${WEB}/${repo}/pull/${n}`, repository: { id: 'R_kgDOAbCdEf', name: repo.split('/')[1], owner: { id: 'O_1', login: repo.split('/')[0] } } })),
    url: `${WEB}/${repo}/issues/${s.number}`,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}
