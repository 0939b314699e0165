// The machine `collect` reads, seen through a root folder: `/` on a real host, a fake root in the
// tests. Every file is read under the root and every command is taken from the root's own bin
// folders, so a test never reads the real /etc or runs the real systemctl. It only reads: files
// are opened read-only, and commands run without a shell, from a fixed list (see commands.ts).
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync, readdirSync, readSync, readlinkSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export type Got<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Bin folders searched under the root, in the order a login shell's PATH has them. */
const BIN_DIRS = ['usr/local/sbin', 'usr/local/bin', 'usr/sbin', 'usr/bin', 'sbin', 'bin', 'opt/homebrew/bin', 'opt/homebrew/sbin'];

export interface RunResult {
  /** What the command printed, cut to `maxBytes` (the head, or the tail for logs). */
  stdout: string;
  stderr: string;
  code: number | null;
  /** Bytes left out by the cut. */
  cut: number;
}

export interface RunOptions {
  maxBytes?: number;
  /** Which end to keep when the output is longer than maxBytes: a log's tail is what matters. */
  keep?: 'head' | 'tail';
  timeoutMs?: number;
}

/** Why a file or folder could not be read, in the words the manifest shows. */
export function reasonOf(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'absent';
    case 'EACCES':
    case 'EPERM':
      return 'no permission: run with sudo';
    case 'EISDIR':
      return 'a folder, not a file';
    default:
      return `cannot be read (${e.code ?? e.message})`;
  }
}

export class Host {
  /** Every command run, as typed, for the manifest: what collect did on the machine. */
  readonly commands: string[] = [];

  constructor(
    readonly root: string,
    /** The environment of the user collect runs as (HOME, APPDATA…), read for paths only. */
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get fake(): boolean {
    return this.root !== '/';
  }

  /** A host path under the root (`/etc/i2pd` → `<root>/etc/i2pd`). */
  path(p: string): string {
    return join(this.root, p);
  }

  exists(p: string): boolean {
    try {
      statSync(this.path(p));
      return true;
    } catch {
      return false;
    }
  }

  isDir(p: string): boolean {
    try {
      return statSync(this.path(p)).isDirectory();
    } catch {
      return false;
    }
  }

  /** A text file, at most `max` bytes of it (the head; `tail` for a log). */
  read(p: string, max = 4 * 1024 * 1024, keep: 'head' | 'tail' = 'head'): Got<{ text: string; cut: number }> {
    let fd: number | undefined;
    try {
      const full = this.path(p);
      const st = statSync(full);
      if (st.isDirectory()) return { ok: false, reason: 'a folder, not a file' };
      fd = openSync(full, constants.O_RDONLY);
      // /proc files report size 0: read until the end, whatever stat says.
      const chunks: Buffer[] = [];
      let total = 0;
      let kept = 0;
      const buf = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n <= 0) break;
        total += n;
        chunks.push(Buffer.from(buf.subarray(0, n)));
        kept += n;
        if (kept > max) {
          if (keep === 'head') break;
          while (kept - chunks[0].length >= max) kept -= chunks.shift()!.length;
        }
      }
      let all = Buffer.concat(chunks);
      let cut = 0;
      if (keep === 'head' && all.length > max) {
        cut = all.length - max;
        all = all.subarray(0, max);
      } else if (keep === 'tail' && total > all.length) cut = total - all.length;
      let text = all.toString('utf8');
      // A tail starts at a line boundary: the first, partial line is dropped.
      if (keep === 'tail' && cut > 0) text = text.slice(text.indexOf('\n') + 1);
      return { ok: true, value: { text, cut } };
    } catch (e) {
      return { ok: false, reason: reasonOf(e as NodeJS.ErrnoException) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  list(dir: string): Got<string[]> {
    try {
      return { ok: true, value: readdirSync(this.path(dir)).sort() };
    } catch (e) {
      return { ok: false, reason: reasonOf(e as NodeJS.ErrnoException) };
    }
  }

  readlink(p: string): string | undefined {
    try {
      return readlinkSync(this.path(p));
    } catch {
      return undefined;
    }
  }

  /** The executable a command name stands for, under the root; an absolute name is taken as it is. */
  which(cmd: string): string | undefined {
    const candidates = cmd.includes('/') ? [cmd] : BIN_DIRS.map((d) => posix.join('/', d, cmd));
    for (const c of candidates) {
      try {
        const st = statSync(this.path(c));
        if (st.isFile() && (st.mode & 0o111) !== 0) return c;
      } catch {
        // not there
      }
    }
    return undefined;
  }

  /**
   * Runs a command found under the root, without a shell, with a clean C locale and no pager.
   * Never throws: a command that is missing, times out or fails to start comes back as a reason.
   */
  run(cmd: string, args: string[], o: RunOptions = {}): Promise<Got<RunResult>> {
    const exe = this.which(cmd);
    if (!exe) return Promise.resolve({ ok: false, reason: `absent: \`${cmd}\` is not installed` });
    this.commands.push([cmd, ...args].join(' '));
    const max = o.maxBytes ?? 4 * 1024 * 1024;
    const env: NodeJS.ProcessEnv = {
      PATH: BIN_DIRS.map((d) => this.path(d)).join(':'),
      LC_ALL: 'C',
      LANG: 'C',
      SYSTEMD_PAGER: '',
      PAGER: 'cat',
      SYSTEMD_COLORS: '0',
      HOME: this.env.HOME ?? '/',
    };
    return new Promise((resolve) => {
      let settled = false;
      const done = (r: Got<RunResult>) => {
        if (!settled) {
          settled = true;
          resolve(r);
        }
      };
      let child;
      try {
        child = spawn(this.path(exe), args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: o.timeoutMs ?? 15_000 });
      } catch (e) {
        done({ ok: false, reason: `\`${cmd}\` could not be started (${(e as Error).message})` });
        return;
      }
      const out = keeper(max, o.keep ?? 'head');
      const err = keeper(64 * 1024, 'head');
      child.stdout.on('data', (b: Buffer) => out.add(b));
      child.stderr.on('data', (b: Buffer) => err.add(b));
      child.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, reason: e.code === 'EACCES' ? 'no permission: run with sudo' : `\`${cmd}\` could not be started (${e.code ?? e.message})` }));
      child.on('close', (code, signal) => {
        if (signal === 'SIGTERM' && code === null) {
          done({ ok: false, reason: `\`${cmd}\` did not finish within ${Math.round((o.timeoutMs ?? 15_000) / 1000)} s` });
          return;
        }
        const text = out.text();
        done({ ok: true, value: { stdout: text.text, cut: text.cut, stderr: err.text().text, code } });
      });
    });
  }
}

/** Keeps at most `max` bytes of a stream: the first ones, or the last ones cut at a line start. */
function keeper(max: number, keep: 'head' | 'tail') {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  return {
    add(b: Buffer) {
      total += b.length;
      if (keep === 'head') {
        if (kept >= max) return;
        const part = b.subarray(0, max - kept);
        chunks.push(part);
        kept += part.length;
        return;
      }
      chunks.push(b);
      kept += b.length;
      while (chunks.length > 1 && kept - chunks[0].length >= max) kept -= chunks.shift()!.length;
    },
    text(): { text: string; cut: number } {
      let all = Buffer.concat(chunks);
      if (keep === 'tail' && all.length > max) all = all.subarray(all.length - max);
      const cut = total - all.length;
      let text = all.toString('utf8');
      if (keep === 'tail' && cut > 0) text = text.slice(text.indexOf('\n') + 1);
      return { text, cut };
    },
  };
}
