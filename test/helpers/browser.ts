// Headless Debian Chromium driven by playwright-core, and the two ways the page is delivered:
// `i2pd-doctor serve`, and the static folder opened with no server at all.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { chromiumPath, chromiumProblem } from './chromium.js';

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  // launch() gives every run a fresh, temporary profile (it refuses --user-data-dir).
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export interface Target {
  name: string;
  /** The page's address. */
  url: string;
  /** Addresses of the page's own files: the only requests it may make. */
  own: string[];
  /** The prefix of the Blob URLs the page makes itself (its analyser's worker): memory, not network. */
  blob: string;
  stop: () => void;
}

export function staticTarget(): Target {
  const index = pathToFileURL(join(PACKAGE_ROOT, 'dist/site/index.html')).href;
  const base = index.replace(/index\.html$/, '');
  return { name: 'static', url: index, own: [index, `${base}analyser.js`, `${base}app.js`, `${base}style.css`, `${base}favicon.svg`], blob: 'blob:null/', stop: () => {} };
}

/** Starts `i2pd-doctor serve --port 0` from the build and waits for the address it prints. */
export async function serveTarget(): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { name: 'serve', url, own: [url, `${url}analyser.js`, `${url}app.js`, `${url}style.css`, `${url}favicon.svg`], blob: `blob:${new URL(url).origin}/`, stop: () => child.kill() };
}
