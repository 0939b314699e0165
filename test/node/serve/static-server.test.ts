import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSiteServer, CSP, SITE_DIR, siteFile } from '../../../src/node/serve/static-server.js';

test('only flat file names of the site folder are served', (t) => {
  t.is(siteFile('/'), 'index.html');
  t.is(siteFile('/app.js?v=1'), 'app.js');
  for (const bad of ['/../package.json', '/%2e%2e/package.json', '/.env', '/a/b.js', '/%E0%A4%A', '/index.html/', '/x.exe', '/..%2fsecret.js']) {
    t.is(siteFile(bad), undefined, bad);
  }
});

test('the server sends the CSP and refuses what is not a page file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const server = createSiteServer(dir);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await fetch(`${base}/`);
    t.is(page.status, 200);
    t.is(page.headers.get('content-security-policy'), CSP);
    t.notRegex(CSP, /unsafe-inline|unsafe-eval/);
    t.is(page.headers.get('content-type'), 'text/html; charset=utf-8');
    t.is((await fetch(`${base}/../../etc/passwd`)).status, 404);
    t.is((await fetch(`${base}/missing.js`)).status, 404);
    const post = await fetch(`${base}/`, { method: 'POST', body: 'log' });
    t.is(post.status, 405);
  } finally {
    server.close();
  }
});

test('the built page names its icon, and every file it names is served (no favicon 404)', async (t) => {
  const index = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
  t.regex(index, /<link rel="icon" href="[^"]+"/, 'without one, a browser asks for /favicon.ico and gets a 404');
  const server = createSiteServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const named = [...index.matchAll(/(?:href|src)="([^"#:]+)"/g)].map((m) => m[1]);
    t.true(named.length >= 3, named.join(', '));
    for (const f of named) t.is((await fetch(`${base}/${f}`)).status, 200, f);
  } finally {
    server.close();
  }
});
