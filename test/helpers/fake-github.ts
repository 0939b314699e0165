// A stand-in for GitHub's REST API on 127.0.0.1: the endpoints triage uses (an issue's comments,
// creating and editing a comment, the repository's labels, adding labels), answered in GitHub's
// shapes, with every request recorded. Answers can be scripted ahead (a rate limit, a 502) to
// test what the client does with them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT, comment, label } from './github-payloads.js';

export interface Recorded {
  method: string;
  /** Path and query, as sent. */
  url: string;
  authorization?: string;
  accept?: string;
  apiVersion?: string;
  body?: unknown;
}

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class FakeGitHub {
  readonly requests: Recorded[] = [];
  /** Comments per issue number, REST-shaped. */
  readonly comments = new Map<number, Record<string, unknown>[]>();
  readonly repoLabels: string[] = [];
  readonly issueLabels = new Map<number, string[]>();
  /** Answers given, in order, before any real one. */
  readonly script: Scripted[] = [];
  /** Comments per page when listing (GitHub's is what per_page asks, at most 100). */
  pageSize?: number;
  /** Where the Link header of a comment list points (to test that the token never leaves the API). */
  linkBase?: string;
  url = '';
  private server?: Server;
  private nextId = 9000;

  constructor(readonly token = 'test-token') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    // fetch keeps connections alive; close them rather than wait for their timeout.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The requests that changed something. */
  get writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  addComment(issue: number, body: string, author: Record<string, unknown> = BOT): Record<string, unknown> {
    const c = comment(this.nextId++, issue, body, author);
    this.comments.set(issue, [...(this.comments.get(issue) ?? []), c]);
    return c;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    this.requests.push({
      method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, accept: req.headers.accept,
      apiVersion: req.headers['x-github-api-version'] as string | undefined, body,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    const scripted = this.script.shift();
    if (scripted) return send(scripted.status, scripted.body ?? { message: 'scripted', documentation_url: 'https://docs.github.com/rest' }, scripted.headers);
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const u = new URL(req.url ?? '/', this.url);
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(u.pathname))) {
      const all = this.comments.get(Number(m[1])) ?? [];
      const per = Math.min(this.pageSize ?? 100, Number(u.searchParams.get('per_page') ?? 30));
      const page = Number(u.searchParams.get('page') ?? 1);
      const items = all.slice((page - 1) * per, page * per);
      const headers: Record<string, string> = {};
      if (page * per < all.length) headers.link = `<${this.linkBase ?? this.url}${u.pathname}?per_page=${per}&page=${page + 1}>; rel="next", <${this.linkBase ?? this.url}${u.pathname}?per_page=${per}&page=${Math.ceil(all.length / per)}>; rel="last"`;
      return send(200, items, headers);
    }
    if (req.method === 'POST' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(u.pathname))) {
      const b = (body as { body?: unknown } | undefined)?.body;
      if (typeof b !== 'string') return send(422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.' });
      return send(201, this.addComment(Number(m[1]), b));
    }
    if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(u.pathname))) {
      const id = Number(m[1]);
      for (const list of this.comments.values()) {
        const c = list.find((x) => x.id === id);
        if (c) {
          c.body = (body as { body: string }).body;
          c.updated_at = '2025-03-02T10:00:00Z';
          return send(200, c);
        }
      }
      return send(404, { message: 'Not Found' });
    }
    if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/labels$/.test(u.pathname)) return send(200, this.repoLabels.map(label));
    if (req.method === 'POST' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(u.pathname))) {
      const n = Number(m[1]);
      const labels = [...(this.issueLabels.get(n) ?? []), ...((body as { labels: string[] }).labels ?? [])];
      this.issueLabels.set(n, labels);
      return send(200, labels.map(label));
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }
}
