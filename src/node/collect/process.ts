// The running i2pd: its pid and command line (which say where its config, data and log are), the
// user it runs as, and whether it runs in a container. Linux and OpenWrt show it in /proc; the
// BSDs and macOS through `ps`.
import { posix } from 'node:path';
import type { Host } from './host.js';
import type { Platform } from './platform.js';

export interface I2pdProcess {
  pid: number;
  argv: string[];
  /** HOME of the process (its environment, else its user's passwd entry): where ~/.i2pd is. */
  home?: string;
  /** A container's id (Docker, Podman) from the cgroup path: its files are under /proc/<pid>/root. */
  container?: string;
  /** The systemd unit it runs in, from the cgroup path (`i2pd.service`). */
  unit?: string;
}

export interface Processes {
  list: I2pdProcess[];
  /** Why the processes could not be listed, when they could not. */
  reason?: string;
}

const isI2pd = (argv0: string) => /^i2pd(?:\.exe)?$/.test(posix.basename(argv0));

export async function findProcesses(h: Host, p: Platform): Promise<Processes> {
  if (p.os === 'windows') return { list: [], reason: 'Windows has no /proc and collect runs no Windows tool; see the Task Manager' };
  if (p.os === 'android') return { list: [], reason: "Android keeps another app's processes private" };
  if (p.os === 'linux' || p.os === 'openwrt') return procProcesses(h);
  return psProcesses(h);
}

function procProcesses(h: Host): Processes {
  const dirs = h.list('proc');
  if (!dirs.ok) return { list: [], reason: `/proc: ${dirs.reason}` };
  const list: I2pdProcess[] = [];
  for (const d of dirs.value) {
    if (!/^\d+$/.test(d)) continue;
    const cmd = h.read(`proc/${d}/cmdline`, 64 * 1024);
    if (!cmd.ok) continue;
    const argv = cmd.value.text.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
    if (argv.length === 0 || !isI2pd(argv[0])) continue;
    const proc: I2pdProcess = { pid: Number(d), argv };
    const cg = h.read(`proc/${d}/cgroup`, 64 * 1024);
    if (cg.ok) {
      const c = /(?:docker|libpod|containerd|cri-containerd)[-/:]([0-9a-f]{12,64})/.exec(cg.value.text);
      if (c) proc.container = c[1];
      const u = /\/([\w@.-]+\.service)(?:\/|$)/m.exec(cg.value.text);
      if (u && !c) proc.unit = u[1];
    }
    proc.home = homeOf(h, d);
    list.push(proc);
  }
  return { list };
}

function homeOf(h: Host, pid: string): string | undefined {
  const env = h.read(`proc/${pid}/environ`, 256 * 1024);
  if (env.ok) {
    const home = env.value.text.split('\0').find((v) => v.startsWith('HOME='));
    if (home) return home.slice(5);
  }
  const status = h.read(`proc/${pid}/status`, 64 * 1024);
  const uid = status.ok ? /^Uid:\s+(\d+)/m.exec(status.value.text)?.[1] : undefined;
  if (uid === undefined) return undefined;
  const passwd = h.read('etc/passwd', 1024 * 1024);
  if (!passwd.ok) return undefined;
  for (const line of passwd.value.text.split('\n')) {
    const f = line.split(':');
    if (f[2] === uid && f[5]) return f[5];
  }
  return undefined;
}

async function psProcesses(h: Host): Promise<Processes> {
  const r = await h.run('ps', ['-axww', '-o', 'pid=,command='], { maxBytes: 4 * 1024 * 1024, timeoutMs: 10_000 });
  if (!r.ok) return { list: [], reason: `ps: ${r.reason}` };
  const list: I2pdProcess[] = [];
  for (const line of r.value.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\S.*)$/.exec(line);
    if (!m) continue;
    // ps joins the arguments with spaces: paths with spaces in them cannot be told apart.
    const argv = m[2].trim().split(/\s+/);
    if (isI2pd(argv[0])) list.push({ pid: Number(m[1]), argv });
  }
  return { list };
}

/** The command line as `pgrep -a i2pd` prints it: pid, a space, the command. */
export function pgrepLine(p: I2pdProcess): string {
  return `${p.pid} ${p.argv.join(' ')}`;
}
