// The web console's main page, read from this machine only: http.address and http.port from the
// config (or the command line), asked on 127.0.0.1 (or ::1) when i2pd listens there or on every
// address. Its status lines (`Network status: Firewalled`) are what the console signatures read,
// so the page becomes text: html-to-text lays out i2pd's `<b>Label:</b> value<br>` lines as the
// operator sees them, entities decoded.
import { request } from 'node:http';
import { convert } from 'html-to-text';
import type { ConfigValue } from '../../model.js';
import type { Got } from './host.js';
import { opt } from './locate.js';

const MAX_PAGE = 2 * 1024 * 1024;

export interface ConsoleTarget {
  url: string;
  host: string;
  port: number;
  hostHeader: string;
  auth?: string;
}

/** Where to ask, or why not to: collect reads only what answers on this machine. */
export function consoleTarget(o: Record<string, ConfigValue>): Got<ConsoleTarget> {
  if (o['http.enabled'] === false || o['http.enabled'] === 'false') return { ok: false, reason: 'the web console is off (http.enabled = false)' };
  const address = opt(o, 'http.address') ?? '127.0.0.1';
  const port = Number(opt(o, 'http.port') ?? 7070);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: `http.port = ${opt(o, 'http.port')} is not a port` };
  let host: string;
  if (address === '0.0.0.0' || address.startsWith('127.') || address === 'localhost') host = '127.0.0.1';
  else if (address === '::' || address === '::1') host = '::1';
  else return { ok: false, reason: `the console listens on ${address}, not on 127.0.0.1: collect reads only this machine's loopback (open http://${address}:${port}/ yourself and paste its status lines)` };
  // With strictheaders i2pd answers only a Host it knows (daemon/HTTPServer.cpp): http.hostname is one.
  const hostname = opt(o, 'http.hostname') ?? 'localhost';
  const auth = o['http.auth'] === true || o['http.auth'] === 'true' ? `${opt(o, 'http.user') ?? 'i2pd'}:${opt(o, 'http.pass') ?? ''}` : undefined;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { ok: true, value: { url: `http://${shown}:${port}/`, host, port, hostHeader: `${hostname}:${port}`, auth } };
}

export function fetchConsole(t: ConsoleTarget, timeoutMs = 3000): Promise<Got<string>> {
  return new Promise((resolve) => {
    const req = request(
      { host: t.host, port: t.port, path: '/', method: 'GET', headers: { Host: t.hostHeader, Accept: 'text/html' }, auth: t.auth, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (b: Buffer) => {
          size += b.length;
          if (size <= MAX_PAGE) chunks.push(b);
        });
        res.on('end', () => {
          if (res.statusCode === 401) resolve({ ok: false, reason: `${t.url} asks for a password the config does not give (http.auth)` });
          else if (res.statusCode !== 200) resolve({ ok: false, reason: `${t.url} answered ${res.statusCode} ${res.statusMessage ?? ''}`.trim() });
          else resolve({ ok: true, value: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => resolve({ ok: false, reason: `${t.url}: ${e.message}` }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ ok: false, reason: e.code === 'ECONNREFUSED' ? `nothing answers on ${t.url} (is i2pd running?)` : `${t.url}: ${e.code ?? e.message}` }),
    );
    req.end();
  });
}

/** The page as the text a user would copy from the browser, one status line per line. */
export function consoleText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  })
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n');
}
