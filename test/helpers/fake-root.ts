// Fake machines for `collect --root`: a folder per platform layout with etc/, proc/, var/log …
// and stub commands (shell scripts that print what the real tool prints) in its own bin folders,
// plus a stub web console on 127.0.0.1, so that collect runs its real code on them.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import type { Run } from './cli.js';

/** A file's text, or a stub command: `{ sh }` is the body of a /bin/sh script (builtins only). */
export type Entry = string | { sh: string } | { dir: true };

export function fakeRoot(files: Record<string, Entry>): string {
  const root = mkdtempSync(join(tmpdir(), 'i2pd-doctor-root-'));
  for (const [path, e] of Object.entries(files)) {
    const full = join(root, path);
    if (typeof e === 'object' && 'dir' in e) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    if (typeof e === 'string') writeFileSync(full, e);
    else {
      writeFileSync(full, `#!/bin/sh\n${e.sh}\n`);
      chmodSync(full, 0o755);
    }
  }
  return root;
}

/** A command that prints `text` whatever its arguments (printf, a /bin/sh builtin). */
export function prints(text: string, code = 0): { sh: string } {
  return { sh: `printf '%s' '${text.replace(/'/g, `'\\''`)}'\nexit ${code}` };
}

/** A command that prints per first arguments: `{ '--version': '…' }`; anything else fails. */
export function answers(byArgs: Record<string, string>): { sh: string } {
  const cases = Object.entries(byArgs).map(([args, text]) => `  "${args}") printf '%s' '${text.replace(/'/g, `'\\''`)}' ;;`);
  return { sh: `case "$*" in\n${cases.join('\n')}\n  *) echo "unexpected arguments: $*" >&2; exit 64 ;;\nesac` };
}

/** A digest of every file under the folder (path, mode, content): collect must leave it unchanged. */
export function treeDigest(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full);
      h.update(`${full.slice(root.length)}\0${st.mode}\0`);
      if (st.isDirectory()) walk(full);
      else h.update(readFileSync(full));
    }
  };
  walk(root);
  return h.digest('hex');
}

/** An i2pd web console's main page, as daemon/HTTPServer.cpp writes it. */
export function consolePage(o: { status: string; ident: string; external: string }): string {
  return [
    '<!DOCTYPE html>\r\n<html lang="en">\r\n<head>\r\n<meta charset="UTF-8">\r\n<title>Purple I2P Webconsole</title>\r\n</head>\r\n<body>',
    '<div class="header"><b>i<span class="header">2</span>pd </b>webconsole</div>',
    '<div class="wrapper">\r\n<div class="menu">\r\n<a href="/">Main page</a><br><br>\r\n<a href="/?page=router_info">Router info</a><br>\r\n</div>\r\n<div class="content">',
    '<b>Uptime:</b> 2 hours, 5 minutes, 11 seconds<br>\r\n',
    `<b>Network status:</b> ${o.status}<br>\r\n`,
    `<b>Network status v6:</b> ${o.status}<br>\r\n`,
    '<b>Tunnel creation success rate:</b> 31%<br>\r\n',
    '<b>Received:</b> 12.50 MiB (30.12 KiB/s)<br>\r\n',
    '<b>Data path:</b> /var/lib/i2pd<br>\r\n',
    '<div class="slide"><label for="slide-info">Hidden content. Press on text to see.</label>\r\n<input type="checkbox" id="slide-info" />\r\n<div class="slidecontent">\r\n',
    `<b>Router Ident:</b> ${o.ident}<br>\r\n`,
    '<b>Our external address:</b><br>\r\n<table class="extaddr"><tbody>\r\n',
    `<tr>\r\n<td>NTCP2</td>\r\n<td>${o.external}</td>\r\n</tr>\r\n`,
    '</tbody></table>\r\n</div>\r\n</div>\r\n',
    '<b>Routers:</b> 3012&nbsp;<b>Floodfills:</b> 512&nbsp;<b>LeaseSets:</b> 3<br>\r\n',
    '<b>Client Tunnels:</b> 12&nbsp;<b>Transit Tunnels:</b> 280<br>\r\n<br>\r\n',
    '</div>\r\n</div>\r\n</body>\r\n</html>\r\n',
  ].join('');
}

/** A stub console on 127.0.0.1 (a free port); it records the Host header of each request. */
export async function stubConsole(page: string): Promise<{ port: number; hosts: string[]; close: () => Promise<void> }> {
  const hosts: string[] = [];
  const server: Server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  const port = typeof a === 'object' && a ? a.port : 0;
  return { port, hosts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The built CLI, run asynchronously: the stub console in this process must keep answering. */
export function cliAsync(args: string[], o: { env?: Record<string, string>; cwd?: string; input?: string; timeout?: number; uid?: number; gid?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), ...args], {
      cwd: o.cwd ?? PACKAGE_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...o.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: o.timeout ?? 180_000,
      ...(o.uid !== undefined ? { uid: o.uid, gid: o.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(o.input ?? '');
  });
}

/** The members of a .tar.gz as path → text. */
export async function readBundle(file: string): Promise<Map<string, string>> {
  const { default: tar } = await import('tar-stream');
  const extract = tar.extract();
  const out = new Map<string, string>();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (b: Buffer) => chunks.push(b));
    stream.on('end', () => {
      out.set(header.name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
    stream.resume();
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from(readFileSync(file)).pipe(createGunzip()).pipe(extract);
  });
  return out;
}
