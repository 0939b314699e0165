// The GitHub REST API, for the few endpoints triage needs: an issue's comments (listed over
// every page), creating and editing a comment, the repository's labels, adding labels. Plain
// fetch rather than @octokit/rest: five documented endpoints do not need a client of fifteen
// packages, and GitHub's advice for rate limits (Retry-After, x-ratelimit-reset, backoff) is a
// few lines here that tests can drive with a fake clock. The token goes to the API's own
// address and nowhere else, and no message ever holds it.
import { readIssueInput } from '../../triage/issue.js';
import type { IssueComment } from '../../triage/issue.js';

export interface GitHubOptions {
  /** The API's base URL: https://api.github.com, or GITHUB_API_URL (GHES). */
  api: string;
  token: string;
  userAgent: string;
  /** Retries after the first attempt, for rate limits, 5xx answers and network errors. */
  retries: number;
  /** The first backoff for a 5xx or a network error; it doubles with each retry. */
  backoffMs: number;
  /** A rate limit that resets later than this is reported instead of waited for. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told each retry and why. */
  onRetry?: (message: string) => void;
  now?: () => number;
}

export class GitHubError extends Error {}

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

const MAX_PAGES = 100;

export class GitHub {
  private readonly api: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly o: GitHubOptions) {
    this.api = o.api.replace(/\/+$/, '');
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = o.now ?? Date.now;
  }

  async listComments(repo: string, issue: number): Promise<IssueComment[]> {
    const out: IssueComment[] = [];
    let url: string | undefined = `${this.api}/repos/${repo}/issues/${issue}/comments?per_page=100`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const a = await this.request('GET', url);
      if (!Array.isArray(a.json)) throw new GitHubError(`GET ${this.path(url)}: GitHub answered something that is not a list of comments`);
      // The reader of payloads reads comments the API lists: one shape, one set of checks.
      out.push(...readIssueInput({ title: '', comments: a.json }, `GET ${this.path(url)}`).issue.comments);
      url = nextLink(a.headers.get('link'));
      if (url && !url.startsWith(`${this.api}/`)) throw new GitHubError(`GET ${this.path(url)}: the next page points outside ${this.api}; not followed, so the token stays with the API`);
    }
    return out;
  }

  async createComment(repo: string, issue: number, body: string): Promise<{ id: number; url: string }> {
    return comment(await this.request('POST', `${this.api}/repos/${repo}/issues/${issue}/comments`, { body }));
  }

  async updateComment(repo: string, id: number, body: string): Promise<{ id: number; url: string }> {
    return comment(await this.request('PATCH', `${this.api}/repos/${repo}/issues/comments/${id}`, { body }));
  }

  async listLabels(repo: string): Promise<string[]> {
    const out: string[] = [];
    let url: string | undefined = `${this.api}/repos/${repo}/labels?per_page=100`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const a = await this.request('GET', url);
      for (const l of Array.isArray(a.json) ? a.json : []) if (typeof (l as { name?: unknown })?.name === 'string') out.push((l as { name: string }).name);
      url = nextLink(a.headers.get('link'));
      if (url && !url.startsWith(`${this.api}/`)) break;
    }
    return out;
  }

  async addLabels(repo: string, issue: number, labels: string[]): Promise<void> {
    await this.request('POST', `${this.api}/repos/${repo}/issues/${issue}/labels`, { labels });
  }

  private path(url: string): string {
    return url.startsWith(this.api) ? url.slice(this.api.length).replace(/\?.*$/, '') : url;
  }

  private async request(method: string, url: string, body?: unknown): Promise<Answer> {
    const what = `${method} ${this.path(url)}`;
    const attempts = this.o.retries + 1;
    for (let attempt = 1; ; attempt++) {
      const backoff = this.o.backoffMs * 2 ** (attempt - 1);
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.o.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': this.o.userAgent,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: 'error',
          signal: AbortSignal.timeout(30_000),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (e as Error).message;
        if (attempt < attempts) {
          this.o.onRetry?.(`${what}: ${why}; retrying in ${seconds(backoff)} (attempt ${attempt + 1} of ${attempts})`);
          await this.sleep(backoff);
          continue;
        }
        throw new GitHubError(`${what}: no answer from ${this.api} (${why}) after ${count(attempts)}; check GITHUB_API_URL (or --api-url) and the network`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.ok) {
        if (text && json === undefined) throw new GitHubError(`${what}: GitHub answered ${res.status} with something that is not JSON; is ${this.api} GitHub's API?`);
        return { status: res.status, headers: res.headers, json };
      }
      const message = typeof (json as { message?: unknown })?.message === 'string' ? (json as { message: string }).message.split('\n')[0].slice(0, 200) : res.statusText;
      const wait = this.retryWait(res, message, backoff);
      if (!wait) throw new GitHubError(`${what}: ${explain(res.status, message)}`);
      if (wait.ms > this.o.maxWaitMs) {
        const at = new Date(this.now() + wait.ms).toISOString().replace(/\.\d+Z$/, 'Z');
        throw new GitHubError(`${what}: GitHub's rate limit (${wait.why}) resets at ${at} (in ${Math.round(wait.ms / 1000)} s), later than --max-wait ${Math.round(this.o.maxWaitMs / 1000)} allows; run again after that`);
      }
      if (attempt >= attempts) throw new GitHubError(`${what}: GitHub answered ${res.status} (${message}) after ${count(attempts)}; run again later (--retries raises the attempts)`);
      this.o.onRetry?.(`GitHub answered ${res.status} (${wait.why}) to ${what}; retrying in ${seconds(wait.ms)} (attempt ${attempt + 1} of ${attempts})`);
      await this.sleep(wait.ms);
    }
  }

  /**
   * How long to wait before trying again, after GitHub's documented advice: Retry-After when
   * given; the reset time when the primary limit is spent; a minute for a secondary limit that
   * says neither; backoff for a server error. Undefined: trying again will not help.
   */
  private retryWait(res: Response, message: string, backoff: number): { ms: number; why: string } | undefined {
    const after = res.headers.get('retry-after');
    const afterMs = after !== null && /^\d+$/.test(after.trim()) ? Number(after) * 1000 : undefined;
    if (res.status >= 500) return { ms: afterMs ?? backoff, why: message || 'server error' };
    if (res.status !== 403 && res.status !== 429) return undefined;
    const secondary = /secondary rate limit/i.test(message);
    const kind = secondary ? 'secondary rate limit' : 'rate limit';
    if (afterMs !== undefined) return { ms: afterMs, why: `${kind}, Retry-After ${after} s` };
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (res.headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
      return { ms: Math.max(0, reset * 1000 - this.now()), why: `${kind}, none left until x-ratelimit-reset` };
    }
    if (res.status === 429 || /rate limit/i.test(message)) return { ms: Math.max(60_000, backoff), why: kind };
    return undefined;
  }
}

function explain(status: number, message: string): string {
  switch (status) {
    case 401:
      return `${status} ${message}: the token was refused; pass the workflow's token as GITHUB_TOKEN (env: GITHUB_TOKEN: \${{ github.token }})`;
    case 403:
      return `${status} ${message}: the token may not do this; the workflow needs \`permissions: issues: write\` (and the issue must not be locked)`;
    case 404:
      return `${status} ${message}: check the repository (--repo), the issue number, and that the token can see them`;
    case 410:
      return `${status} ${message}: issues are disabled in this repository`;
    default:
      return `GitHub answered ${status} (${message})`;
  }
}

function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

function comment(a: Answer): { id: number; url: string } {
  const c = a.json as { id?: unknown; html_url?: unknown } | undefined;
  if (typeof c?.id !== 'number') throw new GitHubError(`GitHub answered ${a.status} without the comment's id`);
  return { id: c.id, url: typeof c.html_url === 'string' ? c.html_url : '' };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function count(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`;
}
