// `collect`: everything a maintainer asks for, gathered from the machine that runs i2pd — config,
// tunnels, log, version, service state, limits, the sysctls the rules read, OS release, the web
// console — each as the text the existing readers know (`i2pd --version` output, /proc limits,
// `sysctl` lines, console status lines). What cannot be had is listed with the reason; no step
// can stop the others. Nothing here writes to the host or runs a command that changes it.
import { posix } from 'node:path';
import { consoleTarget, consoleText, fetchConsole } from './console.js';
import { Host } from './host.js';
import { locate, logPlan, opt, tunnelPaths, type Located } from './locate.js';
import { detectPlatform, OS_RELEASE, type Platform } from './platform.js';
import { findProcesses, pgrepLine, type I2pdProcess } from './process.js';
import { SinceWindow } from './since.js';

export type ItemKind = 'i2pd.conf' | 'tunnels.conf' | 'log' | 'host';

export interface Item {
  /** Its path in the bundle, and its source name in the diagnosis. */
  file: string;
  what: string;
  /** Where it came from: a path on the host, a command, a URL, and why there. */
  from: string;
  kind: ItemKind;
  text: string;
  note?: string;
}

export interface NotCollected {
  what: string;
  reason: string;
}

export interface Collection {
  platform: Platform;
  hostname?: string;
  items: Item[];
  missing: NotCollected[];
  /** Every command run, as typed. */
  commands: string[];
  process?: I2pdProcess;
}

export interface CollectOptions {
  root: string;
  /** An i2pd.conf to read first, as i2pd's own --conf. */
  conf?: string;
  /** `--since`: only the log's last seconds. */
  sinceSeconds?: number;
  env?: NodeJS.ProcessEnv;
  /** The log's bytes kept at most (its tail). */
  maxLogBytes?: number;
  /** Progress, for stderr. */
  onStep?: (what: string) => void;
}

export const MAX_LOG_BYTES = 32 * 1024 * 1024;

/** The sysctls signatures read (rules/signatures/host-limits.json), per kernel. */
const LINUX_SYSCTLS = ['net.core.rmem_max', 'net.core.wmem_max'];
const BSD_SYSCTLS = ['kern.ipc.maxsockbuf'];

export async function collect(o: CollectOptions): Promise<Collection> {
  const h = new Host(o.root, o.env ?? process.env);
  const platform = await detectPlatform(h);
  const c: Collection = { platform, items: [], missing: [], commands: h.commands };
  const step = async (what: string, fn: () => Promise<void> | void) => {
    o.onStep?.(what);
    try {
      await fn();
    } catch (e) {
      c.missing.push({ what, reason: `failed: ${(e as Error).message}` });
    }
  };
  const missing = (what: string, reason: string) => c.missing.push({ what, reason });
  const add = (item: Item) => c.items.push(item);

  c.hostname = hostnameOf(h);
  const procs = await findProcesses(h, platform);
  const proc = procs.list[0];
  c.process = proc;
  await step('i2pd process', () => {
    if (procs.reason) missing('i2pd process', procs.reason);
    else if (!proc) missing('i2pd process', 'i2pd is not running (no i2pd process found)');
    else {
      const note = procs.list.length > 1 ? `${procs.list.length} i2pd processes: the second cannot bind the ports or lock the pid file` : undefined;
      add({ file: 'processes.txt', what: 'i2pd processes (pid and command line, as `pgrep -a i2pd` prints them)', from: platform.os === 'linux' || platform.os === 'openwrt' ? '/proc/<pid>/cmdline' : 'ps -axww -o pid=,command=', kind: 'host', text: procs.list.map(pgrepLine).join('\n') + '\n', note });
    }
  });

  const loc = locate(h, platform, proc, o.conf);
  const inBase = (p: string) => posix.join(loc.base, p);
  const bundlePath = (p: string) => posix.join(loc.base === '/' ? '/' : '/container', p);
  await step('i2pd.conf', () => {
    if (loc.confText !== undefined && loc.conf) add({ file: bundlePath(loc.conf.path).slice(1), what: 'i2pd.conf', from: `${loc.conf.path} (${loc.conf.why})`, kind: 'i2pd.conf', text: loc.confText });
    else missing('i2pd.conf', loc.confReason ?? `absent: looked in ${loc.tried.join(', ')}`);
  });
  await step('tunnels.conf', () => tunnels(h, loc, inBase, bundlePath, c));
  await step('log', () => collectLog(h, platform, loc, proc, o, inBase, bundlePath, c));
  await step('i2pd --version', () => version(h, platform, proc, c));
  await step('service state', () => service(h, platform, proc, c));
  await step('process limits', () => limits(h, platform, proc, c));
  await step('sysctls', () => sysctls(h, platform, c));
  await step('OS release', () => osRelease(h, platform, c));
  await step('web console', async () => {
    const t = consoleTarget(loc.options);
    if (!t.ok) return void missing('web console', t.reason);
    const page = await fetchConsole(t.value);
    if (!page.ok) return void missing('web console', page.reason);
    add({ file: 'console/main-page.txt', what: "the web console's main page, as text", from: t.value.url, kind: 'host', text: consoleText(page.value) + '\n' });
  });
  return c;
}

function hostnameOf(h: Host): string | undefined {
  for (const p of ['etc/hostname', 'etc/myname']) {
    const r = h.read(p, 4096);
    if (r.ok && r.value.text.trim()) return r.value.text.trim().split(/\s/)[0];
  }
  return h.fake ? undefined : process.env.HOSTNAME;
}

function tunnels(h: Host, loc: Located, inBase: (p: string) => string, bundlePath: (p: string) => string, c: Collection): void {
  const t = tunnelPaths(loc);
  const conf = h.read(inBase(t.conf), 1024 * 1024);
  if (conf.ok) c.items.push({ file: bundlePath(t.conf).slice(1), what: 'tunnels.conf', from: t.conf, kind: 'tunnels.conf', text: conf.value.text });
  else c.missing.push({ what: 'tunnels.conf', reason: `${t.conf}: ${conf.reason}` });
  const dir = h.list(inBase(t.dir));
  if (!dir.ok) {
    c.missing.push({ what: 'tunnels.d', reason: `${t.dir}: ${dir.reason}` });
    return;
  }
  // ClientContext.cpp reads the files of tunnelsdir that end in .conf.
  for (const f of dir.value.filter((x) => x.endsWith('.conf'))) {
    const p = posix.join(t.dir, f);
    const r = h.read(inBase(p), 1024 * 1024);
    if (r.ok) c.items.push({ file: bundlePath(p).slice(1), what: `tunnels.d: ${f}`, from: p, kind: 'tunnels.conf', text: r.value.text });
    else c.missing.push({ what: `tunnels.d: ${f}`, reason: `${p}: ${r.reason}` });
  }
}

async function collectLog(h: Host, p: Platform, loc: Located, proc: I2pdProcess | undefined, o: CollectOptions, inBase: (p: string) => string, bundlePath: (p: string) => string, c: Collection): Promise<void> {
  const max = o.maxLogBytes ?? MAX_LOG_BYTES;
  const since = o.sinceSeconds;
  const keep = (text: string): { text: string; note?: string } => {
    if (since === undefined) return { text };
    const w = new SinceWindow(since);
    for (const line of text.split('\n')) w.push(line);
    return { text: w.text() + '\n', note: w.dropped ? `the last ${since} s on the log's own clock (${w.dropped} earlier lines left out)` : undefined };
  };
  const cutNote = (cut: number) => (cut > 0 ? `cut to its last ${Math.round(max / 1024 / 1024)} MiB (${cut} bytes before them left out)` : undefined);
  const plan = logPlan(loc);
  const tried: string[] = [];
  if (plan.kind === 'file') {
    const r = h.read(inBase(plan.path), max, 'tail');
    if (r.ok) {
      const k = keep(r.value.text);
      c.items.push({ file: bundlePath(plan.path).slice(1), what: 'log', from: `${plan.path} (${plan.why})`, kind: 'log', text: k.text, note: [cutNote(r.value.cut), k.note].filter(Boolean).join('; ') || undefined });
      return;
    }
    tried.push(`${plan.path}: ${r.reason}`);
  } else tried.push(`i2pd logs to ${plan.kind} (log = ${opt(loc.options, 'log') ?? 'stdout, the default without --daemon'})`);
  const sinceArg = since === undefined ? [] : [`${since}s`];
  let run: { cmd: string; args: string[]; from: string } | undefined;
  if (proc?.container) run = { cmd: 'docker', args: ['logs', ...(since === undefined ? [] : ['--since', sinceArg[0]]), proc.container], from: `docker logs (container ${proc.container.slice(0, 12)})` };
  else if (p.init === 'systemd') {
    const unit = proc?.unit ?? 'i2pd.service';
    run = { cmd: 'journalctl', args: ['-u', unit, '--no-pager', '-o', 'short-iso', ...(since === undefined ? ['-n', '100000'] : [`--since=-${since}s`])], from: `journalctl -u ${unit}` };
  } else if (p.os === 'openwrt') run = { cmd: 'logread', args: ['-e', 'i2pd'], from: 'logread -e i2pd' };
  if (!run) {
    c.missing.push({ what: 'log', reason: `${tried.join('; ')}; no journal, logread or container log to read instead` });
    return;
  }
  const r = await h.run(run.cmd, run.args, { maxBytes: max, keep: 'tail', timeoutMs: 30_000 });
  if (!r.ok) {
    c.missing.push({ what: 'log', reason: `${tried.join('; ')}; ${run.from}: ${r.reason}` });
    return;
  }
  // docker logs gives the container's stderr on its own stderr: both are i2pd's output.
  const text = run.cmd === 'docker' ? r.value.stdout + r.value.stderr : r.value.stdout;
  const k = run.cmd === 'logread' ? keep(text) : { text };
  c.items.push({ file: `commands/${run.cmd}.log`, what: 'log', from: run.from, kind: 'log', text: k.text, note: [tried.join('; '), cutNote(r.value.cut), k.note].filter(Boolean).join('; ') || undefined });
}

async function version(h: Host, p: Platform, proc: I2pdProcess | undefined, c: Collection): Promise<void> {
  if (p.os === 'windows' || p.os === 'android') {
    c.missing.push({ what: 'i2pd --version', reason: `${p.name} runs i2pd as an app with no command line to ask; the log's first line (i2pd v… starting) names the version` });
    return;
  }
  if (proc?.container) {
    c.missing.push({ what: 'i2pd --version', reason: "i2pd runs in a container and collect runs nothing inside it; the log's start banner names the version" });
    return;
  }
  const exe = proc && proc.argv[0].startsWith('/') && h.which(proc.argv[0]) ? proc.argv[0] : 'i2pd';
  const r = await h.run(exe, ['--version'], { maxBytes: 64 * 1024, timeoutMs: 10_000 });
  if (!r.ok) return void c.missing.push({ what: 'i2pd --version', reason: r.reason });
  c.items.push({ file: 'commands/i2pd-version.txt', what: 'i2pd --version', from: `${exe} --version`, kind: 'host', text: r.value.stdout + r.value.stderr });
}

async function service(h: Host, p: Platform, proc: I2pdProcess | undefined, c: Collection): Promise<void> {
  const what = 'service state';
  let cmd: [string, string[]] | undefined;
  if (proc?.container) cmd = ['docker', ['ps', '-a', '--no-trunc', '--filter', `id=${proc.container}`, '--format', '{{.ID}} {{.Image}} {{.Status}} {{.Names}}']];
  else if (p.init === 'systemd') cmd = ['systemctl', ['status', proc?.unit ?? 'i2pd.service', '--no-pager', '--full', '--lines=20']];
  else if (p.init === 'openrc') cmd = ['rc-service', ['i2pd', 'status']];
  else if (p.init === 'sysv' || p.init === 'rc.d') cmd = ['service', ['i2pd', 'status']];
  else if (p.init === 'rcctl') cmd = ['rcctl', ['check', 'i2pd']];
  else if (p.init === 'launchd') cmd = ['launchctl', ['list', 'homebrew.mxcl.i2pd']];
  else if (p.init === 'procd') cmd = ['/etc/init.d/i2pd', ['status']];
  if (!cmd) return void c.missing.push({ what, reason: `${p.name} has no service manager collect can ask; the app's own screen shows whether the router runs` });
  const r = await h.run(cmd[0], cmd[1], { maxBytes: 256 * 1024, timeoutMs: 10_000 });
  if (!r.ok) return void c.missing.push({ what, reason: r.reason });
  const name = cmd[0] === '/etc/init.d/i2pd' ? 'init.d-status' : `${cmd[0]}-status`;
  // systemctl status exits 3 for a stopped unit: the state is the answer, not a failure.
  c.items.push({ file: `commands/${name}.txt`, what, from: [cmd[0], ...cmd[1]].join(' '), kind: 'host', text: r.value.stdout + r.value.stderr, note: r.value.code ? `exit status ${r.value.code}` : undefined });
}

async function limits(h: Host, p: Platform, proc: I2pdProcess | undefined, c: Collection): Promise<void> {
  const what = 'process limits';
  if (p.os === 'windows') return void c.missing.push({ what, reason: 'Windows has no per-process open-files limit to read (no /proc/<pid>/limits)' });
  if (p.os === 'android') return void c.missing.push({ what, reason: "Android keeps another app's /proc/<pid>/limits private" });
  if (p.os === 'macos') {
    // launchd's limit is what a service it starts gets (LaunchDaemons inherit it).
    const r = await h.run('launchctl', ['limit', 'maxfiles'], { maxBytes: 64 * 1024, timeoutMs: 10_000 });
    if (!r.ok) return void c.missing.push({ what, reason: r.reason });
    c.items.push({ file: 'commands/launchctl-limit-maxfiles.txt', what, from: 'launchctl limit maxfiles', kind: 'host', text: r.value.stdout });
    return;
  }
  if (p.os === 'freebsd' || p.os === 'openbsd') {
    const how = p.os === 'freebsd' ? `no signature reads \`procstat -l\` yet: run \`procstat -l ${proc?.pid ?? '<pid>'}\` and paste it` : 'run `ulimit -n` as the i2pd user (_i2pd) and paste it';
    return void c.missing.push({ what, reason: `${p.name} has no /proc/<pid>/limits; ${how}` });
  }
  if (!proc) return void c.missing.push({ what, reason: 'i2pd is not running: its limits exist only while it runs' });
  const path = `proc/${proc.pid}/limits`;
  const r = h.read(path, 64 * 1024);
  if (!r.ok) return void c.missing.push({ what, reason: `/${path}: ${r.reason}` });
  c.items.push({ file: path, what, from: `/${path}`, kind: 'host', text: r.value.text });
}

async function sysctls(h: Host, p: Platform, c: Collection): Promise<void> {
  const what = 'sysctls';
  if (p.os === 'windows') return void c.missing.push({ what, reason: 'Windows has no sysctl; its UDP buffers are not limited the same way' });
  if (p.os === 'android') return void c.missing.push({ what, reason: 'Android does not let apps read net.core.* (no /proc/sys access)' });
  if (p.os === 'openbsd') return; // the rules read no OpenBSD sysctl: its SSU2 limit is in i2pd itself
  const lines: string[] = [];
  if (p.os === 'linux' || p.os === 'openwrt') {
    for (const key of LINUX_SYSCTLS) {
      const r = h.read(`proc/sys/${key.replace(/\./g, '/')}`, 4096);
      if (r.ok) lines.push(`${key} = ${r.value.text.trim()}`);
      else c.missing.push({ what: key, reason: `/proc/sys/${key.replace(/\./g, '/')}: ${r.reason}` });
    }
    if (lines.length) c.items.push({ file: 'sysctl.txt', what, from: '/proc/sys/net/core/', kind: 'host', text: lines.join('\n') + '\n' });
    return;
  }
  const r = await h.run('sysctl', BSD_SYSCTLS, { maxBytes: 64 * 1024, timeoutMs: 10_000 });
  if (!r.ok) return void c.missing.push({ what, reason: r.reason });
  c.items.push({ file: 'sysctl.txt', what, from: `sysctl ${BSD_SYSCTLS.join(' ')}`, kind: 'host', text: r.value.stdout });
}

async function osRelease(h: Host, p: Platform, c: Collection): Promise<void> {
  const what = 'OS release';
  if (p.os === 'windows' || p.os === 'android') {
    c.missing.push({ what, reason: `${p.name}: collect reads no version of it (run \`${p.os === 'windows' ? 'ver' : 'getprop ro.build.version.release'}\` and paste it)` });
    return;
  }
  let found = false;
  for (const path of p.os === 'openwrt' ? ['etc/openwrt_release', ...OS_RELEASE] : OS_RELEASE) {
    const r = h.read(path, 64 * 1024);
    if (!r.ok) continue;
    c.items.push({ file: path, what, from: `/${path}`, kind: 'host', text: r.value.text });
    found = true;
    break;
  }
  if (p.os === 'macos') {
    const r = await h.run('sw_vers', [], { maxBytes: 16 * 1024, timeoutMs: 10_000 });
    if (r.ok) {
      c.items.push({ file: 'commands/sw_vers.txt', what, from: 'sw_vers', kind: 'host', text: r.value.stdout });
      found = true;
    }
  }
  const u = await h.run('uname', ['-a'], { maxBytes: 16 * 1024, timeoutMs: 10_000 });
  if (u.ok) c.items.push({ file: 'commands/uname.txt', what: 'kernel (uname -a)', from: 'uname -a', kind: 'host', text: u.value.stdout });
  else if (!found) c.missing.push({ what, reason: `no os-release file, and uname: ${u.reason}` });
}
