// Where i2pd keeps its config, tunnels and log, found the way i2pd finds them
// (daemon/Daemon.cpp, libi2pd/FS.cpp): `--conf`, else `i2pd.conf` in the data directory, which is
// `--datadir`, else /var/lib/i2pd for `--service`, else ~/.i2pd (macOS: ~/Library/Application
// Support/i2pd; Windows: %APPDATA%\i2pd; Android: /sdcard/i2pd). Packages pass `--conf` from their
// service files; when no i2pd runs, the folders they use are tried too.
import { posix } from 'node:path';
import { parseI2pdConf } from '../../parse/config.js';
import { OPTIONS } from '../../parse/config-options.js';
import type { ConfigValue } from '../../model.js';
import type { Host } from './host.js';
import type { Platform } from './platform.js';
import type { I2pdProcess } from './process.js';

/** i2pd's options as a command line gives them: `--conf=/x`, `--conf /x`, `--service`. */
export function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const name = (eq === -1 ? a.slice(2) : a.slice(2, eq)).toLowerCase();
    if (name === '' || name === '__proto__') continue;
    if (eq !== -1) out[name] = a.slice(eq + 1);
    else if (OPTIONS[name]?.[0] !== 'b' && i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[name] = argv[++i];
    else out[name] = true;
  }
  return out;
}

export interface Found {
  path: string;
  /** Why this path: what pointed to it. */
  why: string;
}

export interface Located {
  /** The folder the files of the process are seen through: `/`, or /proc/<pid>/root of a container. */
  base: string;
  datadir: string;
  conf?: Found;
  /** Every path tried for i2pd.conf, in order, for the manifest when none was found. */
  tried: string[];
  /** The options in force: the config file's, overridden by the command line's (as i2pd does). */
  options: Record<string, ConfigValue>;
  confText?: string;
  confReason?: string;
}

/** The files of `proc` as i2pd sees them: a container's live under /proc/<pid>/root. */
export function baseOf(proc: I2pdProcess | undefined): string {
  return proc?.container ? `/proc/${proc.pid}/root` : '/';
}

export function defaultDatadir(h: Host, p: Platform, args: Record<string, string | boolean>, home: string | undefined): string {
  if (typeof args.datadir === 'string' && args.datadir !== '') return args.datadir;
  if (p.os === 'windows') return windowsAppData(h) ?? 'C:/Users/<user>/AppData/Roaming/i2pd';
  if (p.os === 'android') return h.isDir('storage/emulated/0/i2pd') ? '/storage/emulated/0/i2pd' : '/sdcard/i2pd';
  if (p.os === 'macos') return `${home ?? '~'}/Library/Application Support/i2pd`;
  if (args.service === true || args.service === 'true' || args.service === '1') return '/var/lib/i2pd';
  return home ? `${home}/.i2pd` : '/tmp/i2pd';
}

/** %APPDATA%\i2pd of the user collect runs as, else of the first user that has one. */
function windowsAppData(h: Host): string | undefined {
  const env = h.env.APPDATA;
  if (env && !h.fake) return `${env.replace(/\\/g, '/')}/i2pd`;
  const users = h.list('Users');
  if (!users.ok) return undefined;
  for (const u of users.value) if (h.isDir(`Users/${u}/AppData/Roaming/i2pd`)) return `/Users/${u}/AppData/Roaming/i2pd`;
  return undefined;
}

export function locate(h: Host, p: Platform, proc: I2pdProcess | undefined, conf: string | undefined): Located {
  const args = proc ? parseArgs(proc.argv) : {};
  const base = baseOf(proc);
  const userHome = h.env.HOME;
  const home = proc ? proc.home : userHome;
  const datadir = defaultDatadir(h, p, args, home);
  const candidates: Found[] = [];
  if (conf) candidates.push({ path: conf, why: 'given with --conf' });
  if (typeof args.conf === 'string') candidates.push({ path: args.conf, why: `the running i2pd's --conf (pid ${proc!.pid})` });
  candidates.push({ path: posix.join(datadir, 'i2pd.conf'), why: proc ? `the running i2pd's data directory` : 'the data directory i2pd would use' });
  if (!proc || typeof args.conf !== 'string') {
    // Where packages put it, passing --conf from their service files.
    for (const dir of ['/etc/i2pd', '/usr/local/etc/i2pd', ...(p.os === 'macos' ? ['/opt/homebrew/etc/i2pd'] : []), '/var/lib/i2pd']) {
      candidates.push({ path: `${dir}/i2pd.conf`, why: 'where packages install it' });
    }
    if (userHome) candidates.push({ path: `${userHome}/.i2pd/i2pd.conf`, why: 'the data directory in your home' });
  }
  const tried: string[] = [];
  const out: Located = { base, datadir, tried, options: {} };
  for (const c of dedupe(candidates)) {
    tried.push(c.path);
    const r = h.read(posix.join(base, c.path), 1024 * 1024);
    if (r.ok) {
      out.conf = c;
      out.confText = r.value.text;
      // Once --conf names a file, i2pd reads that one or none: no other place counts.
      break;
    }
    if (r.reason !== 'absent') {
      out.confReason = `${c.path}: ${r.reason}`;
      out.conf = c;
      break;
    }
    if (c.why === 'given with --conf') {
      out.confReason = `${c.path}: ${r.reason}`;
      break;
    }
  }
  const parsed = out.confText !== undefined ? parseI2pdConf(out.confText).values : {};
  const options: Record<string, ConfigValue> = { ...parsed };
  for (const [k, v] of Object.entries(args)) options[k] = typeof v === 'boolean' ? v : OPTIONS[k]?.[0] === 'n' && /^\d+$/.test(v) ? Number(v) : v;
  out.options = options;
  return out;
}

function dedupe(list: Found[]): Found[] {
  const seen = new Set<string>();
  return list.filter((f) => !seen.has(f.path) && seen.add(f.path));
}

/** An option's value as a string, or undefined when it is not set (or set empty). */
export function opt(o: Record<string, ConfigValue>, key: string): string | undefined {
  const v = o[key];
  return v === undefined || v === '' ? undefined : String(v);
}

/** tunnels.conf and tunnels.d as ClientContext.cpp finds them: --tunconf/--tunnelsdir, else in the data directory. */
export function tunnelPaths(l: Located): { conf: string; dir: string } {
  return {
    conf: opt(l.options, 'tunconf') ?? posix.join(l.datadir, 'tunnels.conf'),
    dir: opt(l.options, 'tunnelsdir') ?? posix.join(l.datadir, 'tunnels.d'),
  };
}

export type LogPlan = { kind: 'file'; path: string; why: string } | { kind: 'syslog' } | { kind: 'stdout' };

/** Where i2pd writes its log (Daemon.cpp): a daemon writes a file unless `log` says syslog. */
export function logPlan(l: Located): LogPlan {
  const log = opt(l.options, 'log');
  const daemon = l.options.daemon === true || l.options.daemon === 'true';
  const mode = daemon && (log === undefined || log === 'stdout') ? 'file' : (log ?? 'stdout');
  if (mode === 'file') {
    const file = opt(l.options, 'logfile');
    return file ? { kind: 'file', path: file, why: 'logfile' } : { kind: 'file', path: posix.join(l.datadir, 'i2pd.log'), why: 'i2pd.log in the data directory' };
  }
  return mode === 'syslog' ? { kind: 'syslog' } : { kind: 'stdout' };
}
