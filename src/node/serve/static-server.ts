// Serves the built page (dist/site/) read-only: GET and HEAD of the files in that one folder,
// with a Content-Security-Policy that allows no inline script and no connection anywhere.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { PACKAGE_ROOT } from '../content/content-loader.js';

export const SITE_DIR = join(PACKAGE_ROOT, 'dist', 'site');

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; worker-src blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

/** The request path as a file name in the site folder, or undefined when it is not one. */
export function siteFile(urlPath: string): string | undefined {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (p === '/' || p === '') p = '/index.html';
  // Only flat names: the site is one folder, so no path may leave it or reach a dotfile.
  const m = /^\/([A-Za-z0-9][A-Za-z0-9_-]*\.[a-z0-9]+)$/.exec(p);
  return m && TYPES[extname(m[1])] ? m[1] : undefined;
}

export function createSiteServer(dir = SITE_DIR): Server {
  return createServer((req, res) => {
    const send = (code: number, body: string | Buffer, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { ...HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(405, 'only GET and HEAD\n');
      return;
    }
    const name = siteFile(req.url ?? '/');
    if (!name) {
      send(404, 'not found\n');
      return;
    }
    readFile(join(dir, name)).then(
      (body) => send(200, body, TYPES[extname(name)]),
      () => send(404, 'not found\n'),
    );
  });
}
