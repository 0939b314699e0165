// `serve` through the CLI: Ctrl+C stops it at once, whatever a client left open. A half-sent
// request (headers never finished) or an idle keep-alive connection must not hold the server.
import test from 'ava';
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';

/** Starts `serve --port 0`; resolves with the child and its port once it prints the address. */
function serve(): Promise<{ child: ReturnType<typeof spawn>; port: number; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> }> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve({ child, port: Number(m[1]), exited });
    });
    void exited.then((e) => reject(new Error(`serve exited early (${e.code}): ${e.stderr}`)));
  });
}

function open(port: number, send: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(send);
      resolve(s);
    });
    s.on('error', reject);
  });
}

/** What the child did within `ms` of the signal: its exit, or 'still running' (then it is killed). */
async function afterSigint(child: ReturnType<typeof spawn>, exited: Promise<{ code: number | null }>, ms = 10_000): Promise<number | null | 'still running'> {
  child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([exited.then((e) => e.code), new Promise<'still running'>((res) => (timer = setTimeout(() => res('still running'), ms)))]);
  clearTimeout(timer);
  if (r === 'still running') child.kill('SIGKILL');
  return r;
}

test('serve stops on the first Ctrl+C with a half-sent request open', async (t) => {
  const { child, port, exited } = await serve();
  const half = await open(port, 'GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
  t.teardown(() => half.destroy());
  // The server has the connection before the signal comes.
  await new Promise((r) => setTimeout(r, 200));
  t.is(await afterSigint(child, exited), 0, 'it exits, with status 0');
});

test('serve stops on the first Ctrl+C with an idle keep-alive connection open', async (t) => {
  const { child, port, exited } = await serve();
  const idle = await open(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
  t.teardown(() => idle.destroy());
  // The full answer is back: the connection now waits idle for the next request.
  await new Promise<void>((r) => idle.once('data', () => r()));
  t.is(await afterSigint(child, exited), 0);
});
