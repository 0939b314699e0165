import test from 'ava';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { reasonOf } from '../../src/node/collect/host.js';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { answers, cliAsync, consolePage, fakeRoot, readBundle, stubConsole, treeDigest, type Entry } from '../helpers/fake-root.js';
import { android, CONTAINER, dockerHost, EXTERNAL, FREEBSD_LOG, freebsd, IDENT, linuxSystemd, macos, openbsd, openrc, openwrt, sysv, windows } from '../helpers/platforms.js';

interface Manifest {
  platform: { os: string; init: string };
  files: Array<{ file: string; what: string; from: string; bytes: number; lines: number; note?: string }>;
  notCollected: Array<{ what: string; reason: string }>;
  commands: string[];
  redaction: { redacted: boolean; summary: string; configSecrets: number; hostnames: number };
}

/** Commands that only read: a status, a version, a log, a limit. Anything else is a bug. */
const READ_ONLY = [
  /^\/\S*i2pd --version$/, /^i2pd --version$/, /^uname -[as]$/, /^ps -axww -o pid=,command=$/,
  /^systemctl status \S+ --no-pager --full --lines=20$/, /^journalctl -u \S+ --no-pager -o short-iso (?:-n \d+|--since=-\d+s)$/,
  /^rc-service i2pd status$/, /^service i2pd status$/, /^rcctl check i2pd$/, /^\/etc\/init\.d\/i2pd status$/,
  /^launchctl (?:list homebrew\.mxcl\.i2pd|limit maxfiles)$/, /^sysctl kern\.ipc\.maxsockbuf$/, /^sw_vers$/,
  /^logread -e i2pd$/, /^docker logs (?:--since \d+s )?[0-9a-f]{64}$/, /^docker ps -a --no-trunc --filter id=[0-9a-f]{64} --format .*$/,
];

async function run(layout: (port: number) => Record<string, Entry>, args: string[] = [], status = 'Firewalled') {
  const stub = await stubConsole(consolePage({ status, ident: IDENT, external: EXTERNAL }));
  const root = fakeRoot(layout(stub.port));
  const out = join(mkdtempSync(join(tmpdir(), 'i2pd-doctor-out-')), 'bundle.tar.gz');
  const before = treeDigest(root);
  try {
    const r = await cliAsync(['collect', '--root', root, '--output', out, ...args], { env: { HOME: '/home/alice' } });
    const after = treeDigest(root);
    const bundle = existsSync(out) ? await readBundle(out) : new Map<string, string>();
    const get = (name: string) => bundle.get(`bundle/${name}`);
    const manifest = JSON.parse(get('manifest.json') ?? '{}') as Manifest;
    return { r, root, out, bundle, get, manifest, unchanged: before === after, consoleHosts: stub.hosts };
  } finally {
    await stub.close();
  }
}

const layouts: Array<{ name: string; layout: (port: number) => Record<string, Entry>; os: string; init: string; files: string[]; missing: string[] }> = [
  { name: 'Linux with systemd', layout: linuxSystemd, os: 'linux', init: 'systemd', files: ['etc/i2pd/i2pd.conf', 'etc/i2pd/tunnels.conf', 'etc/i2pd/tunnels.conf.d/extra.conf', 'var/log/i2pd/i2pd.log', 'commands/i2pd-version.txt', 'commands/systemctl-status.txt', 'proc/4242/limits', 'sysctl.txt', 'etc/os-release', 'commands/uname.txt', 'console/main-page.txt', 'processes.txt'], missing: [] },
  { name: 'Linux with OpenRC', layout: openrc, os: 'linux', init: 'openrc', files: ['etc/i2pd/i2pd.conf', 'var/lib/i2pd/tunnels.conf', 'var/log/i2pd/i2pd.log', 'commands/rc-service-status.txt', 'proc/77/limits', 'sysctl.txt', 'console/main-page.txt'], missing: ['tunnels.d'] },
  { name: 'Linux with SysV init', layout: sysv, os: 'linux', init: 'sysv', files: ['etc/i2pd/i2pd.conf', 'var/lib/i2pd/i2pd.log', 'commands/service-status.txt', 'proc/900/limits', 'console/main-page.txt'], missing: ['tunnels.conf', 'tunnels.d'] },
  { name: 'FreeBSD', layout: freebsd, os: 'freebsd', init: 'rc.d', files: ['usr/local/etc/i2pd/i2pd.conf', 'var/log/i2pd/i2pd.log', 'commands/i2pd-version.txt', 'commands/service-status.txt', 'sysctl.txt', 'var/run/os-release', 'commands/uname.txt', 'console/main-page.txt'], missing: ['process limits'] },
  { name: 'OpenBSD', layout: openbsd, os: 'openbsd', init: 'rcctl', files: ['etc/i2pd/i2pd.conf', 'var/log/i2pd/i2pd.log', 'commands/rcctl-status.txt', 'commands/uname.txt', 'console/main-page.txt'], missing: ['process limits'] },
  { name: 'macOS (Homebrew)', layout: macos, os: 'macos', init: 'launchd', files: ['opt/homebrew/etc/i2pd/i2pd.conf', 'opt/homebrew/etc/i2pd/tunnels.conf', 'opt/homebrew/var/log/i2pd.log', 'commands/launchctl-status.txt', 'commands/launchctl-limit-maxfiles.txt', 'sysctl.txt', 'commands/sw_vers.txt', 'console/main-page.txt'], missing: [] },
  { name: 'OpenWrt', layout: openwrt, os: 'openwrt', init: 'procd', files: ['etc/i2pd/i2pd.conf', 'commands/logread.log', 'commands/init.d-status.txt', 'proc/1500/limits', 'sysctl.txt', 'etc/openwrt_release', 'console/main-page.txt'], missing: [] },
  { name: 'a Docker host', layout: dockerHost, os: 'linux', init: 'systemd', files: ['container/home/i2pd/data/i2pd.conf', 'container/home/i2pd/data/tunnels.conf', 'commands/docker.log', 'commands/docker-status.txt', 'proc/2001/limits', 'sysctl.txt', 'console/main-page.txt'], missing: ['i2pd --version'] },
  { name: 'Android', layout: android, os: 'android', init: 'none', files: ['storage/emulated/0/i2pd/i2pd.conf', 'storage/emulated/0/i2pd/i2pd.log', 'console/main-page.txt'], missing: ['i2pd process', 'i2pd --version', 'service state', 'process limits', 'sysctls', 'OS release'] },
  { name: 'Windows', layout: windows, os: 'windows', init: 'none', files: ['Users/user1/AppData/Roaming/i2pd/i2pd.conf', 'Users/user1/AppData/Roaming/i2pd/i2pd.log', 'console/main-page.txt'], missing: ['i2pd process', 'i2pd --version', 'service state', 'process limits', 'sysctls', 'OS release'] },
];

for (const l of layouts) {
  test.serial(`collect on ${l.name}: finds what i2pd uses there, lists what it cannot get, changes nothing`, async (t) => {
    const { r, manifest, get, unchanged, bundle } = await run(l.layout);
    t.is(r.code, 0, r.stderr);
    t.like(manifest.platform, { os: l.os, init: l.init });
    for (const f of l.files) t.true(get(f) !== undefined, `${f} in the bundle (has: ${[...bundle.keys()].join(', ')})`);
    t.deepEqual(manifest.files.map((f) => f.file).sort(), [...bundle.keys()].filter((k) => !/\/(?:manifest\.json|report\.md)$/.test(k)).map((k) => k.replace(/^bundle\//, '')).sort(), 'the manifest lists every file');
    for (const f of manifest.files) t.is(f.bytes, Buffer.byteLength(get(f.file)!), `${f.file}: its size`);
    for (const w of l.missing) {
      const m = manifest.notCollected.find((x) => x.what === w);
      t.truthy(m, `${w} is listed as not collected`);
      t.regex(m!.reason, /\w{4,}/, `${w} says why`);
      t.regex(r.stderr, new RegExp(`not collected: ${w}: `));
    }
    t.true(unchanged, 'the fake root is byte for byte what it was');
    for (const c of manifest.commands) t.true(READ_ONLY.some((re) => re.test(c)), `read-only command: ${c}`);
    // The console's lines were read: the status is a finding (firewalled) on every layout.
    t.regex(get('console/main-page.txt')!, /^Network status: Firewalled$/m);
    t.regex(r.stdout, /^### i2pd-doctor: \d+ findings? in `bundle`/m);
    t.regex(r.stdout, /Collected by <code>i2pd-doctor collect<\/code>/);
    t.is(get('report.md'), r.stdout, 'the bundle holds the comment printed');
  });
}

test.serial('FreeBSD: the ENOBUFS finding that the log alone leaves likely is confirmed by the collected config', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-log-'));
  writeFileSync(join(dir, 'i2pd.log'), FREEBSD_LOG);
  const alone = cli(['analyze', join(dir, 'i2pd.log'), '--format', 'json']);
  const aloneStatus = JSON.parse(alone.stdout).cases[0].diagnoses.find((d: { rule: string }) => d.rule === 'ssu2-socket-buffer-enobufs')?.status;
  t.is(aloneStatus, 'likely');
  const { r } = await run(freebsd, ['--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout).cases[0].diagnoses.find((x: { rule: string }) => x.rule === 'ssu2-socket-buffer-enobufs');
  t.is(d.status, 'confirmed');
  t.deepEqual(d.missing, []);
});

test.serial('FreeBSD: a collected config that is no floodfill rules out the ENOBUFS finding an info log alone leaves likely', async (t) => {
  // An info-level log that does not say `Router configured as floodfill` (nor the opposite).
  const log = readFileSync(join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-info.log'), 'utf8').split('\n').filter((l) => !/configured as floodfill|Floodfill bandwidth/.test(l)).join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-log-'));
  writeFileSync(join(dir, 'i2pd.log'), log);
  const alone = JSON.parse(cli(['analyze', join(dir, 'i2pd.log'), '--format', 'json']).stdout).cases[0].diagnoses;
  t.is(alone.find((d: { rule: string }) => d.rule === 'ssu2-socket-buffer-enobufs')?.status, 'likely');
  const { r } = await run((port) => ({ ...freebsd(port, false), 'var/log/i2pd/i2pd.log': log }), ['--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const rules = JSON.parse(r.stdout).cases[0].diagnoses.map((x: { rule: string }) => x.rule);
  t.false(rules.includes('ssu2-socket-buffer-enobufs'));
  t.true(rules.includes('router-firewalled'), 'the rest of the case is still diagnosed');
});

test.serial("Linux: the console's Firewalled, likely on its own, is confirmed with the config collect found", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-console-'));
  const { r, get } = await run(linuxSystemd, ['--format', 'json']);
  t.is(r.code, 0, r.stderr);
  writeFileSync(join(dir, 'console.txt'), get('console/main-page.txt')!);
  const alone = JSON.parse(cli(['analyze', join(dir, 'console.txt'), '--format', 'json']).stdout).cases[0].diagnoses;
  t.is(alone.find((d: { rule: string }) => d.rule === 'router-firewalled')?.status, 'likely');
  const collected = JSON.parse(r.stdout).cases[0];
  t.is(collected.diagnoses.find((d: { rule: string }) => d.rule === 'router-firewalled')?.status, 'confirmed');
  // The other collected facts reach the case as the signatures read them.
  t.is(collected.facts.env.version, '2.54.0');
  t.like(collected.facts.derived, { openFilesSoft: 4096, openFilesHard: 524288, sysctlRmemMax: 212992, sysctlWmemMax: 212992, consoleRouters: 3012 });
  t.is(collected.facts.env.os, 'linux');
});

test.serial('OpenBSD: uname from the host brings in the OpenBSD buffer rule the log alone cannot raise', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-log-'));
  writeFileSync(join(dir, 'i2pd.log'), FREEBSD_LOG);
  const alone = JSON.parse(cli(['analyze', join(dir, 'i2pd.log'), '--format', 'json']).stdout).cases[0].diagnoses.map((d: { rule: string }) => d.rule);
  t.false(alone.includes('ssu2-socket-buffer-openbsd'));
  const { r } = await run(openbsd, ['--format', 'json']);
  const d = JSON.parse(r.stdout).cases[0].diagnoses.find((x: { rule: string }) => x.rule === 'ssu2-socket-buffer-openbsd');
  t.is(d?.status, 'confirmed');
});

test.serial('the bundle is redacted by default: addresses, identities, secrets and the host name are gone, and the manifest says so', async (t) => {
  const { r, bundle, manifest } = await run(linuxSystemd);
  t.is(r.code, 0, r.stderr);
  const all = [...bundle.values()].join('\n') + r.stdout;
  for (const original of ['203.0.113.7', '198.51.100.23', IDENT, 'itoopie-secret', 'hunter2', 'alice:', 'myrouter-7', '2384716231']) t.false(all.includes(original), `${original} is redacted`);
  t.regex(all, /password = <redacted>/);
  t.regex(all, /proxy = http:\/\/<redacted>@127\.0\.0\.1:8118/);
  t.true(manifest.redaction.redacted);
  t.regex(manifest.redaction.summary, /IPv4 address.*router hash.*2 config secrets.*host name/);
  // The same address has the same pseudonym in every file.
  const alias = /host = (\S+)/.exec(bundle.get('bundle/etc/i2pd/i2pd.conf')!)![1];
  t.true(bundle.get('bundle/console/main-page.txt')!.includes(alias));
});

test.serial('--no-redact keeps the originals, and the manifest and comment say the bundle is not redacted', async (t) => {
  const { r, bundle, manifest } = await run(linuxSystemd, ['--no-redact']);
  t.is(r.code, 0, r.stderr);
  t.true(bundle.get('bundle/etc/i2pd/i2pd.conf')!.includes('itoopie-secret'));
  t.true(bundle.get('bundle/console/main-page.txt')!.includes('203.0.113.7'));
  t.false(manifest.redaction.redacted);
  t.regex(r.stdout, /\*\*not redacted\*\*/);
});

test.serial("--since 1h keeps the log's last hour on its own clock, and journalctl and docker get it as their --since", async (t) => {
  const lines = ['09:00:00@1/none - i2pd v2.54.0 (0.9.64) starting...', '09:10:00@1/error - Garlic: Failed to decrypt message', '11:00:00@1/error - Garlic: Failed to decrypt message', '11:30:00@1/warn - Tunnels: Test of tunnel 1 failed', '12:00:00@1/error - Garlic: Failed to decrypt message', ''];
  const { r, get, manifest } = await run((port) => ({ ...linuxSystemd(port), 'var/log/i2pd/i2pd.log': lines.join('\n') }), ['--since', '1h']);
  t.is(r.code, 0, r.stderr);
  t.deepEqual(get('var/log/i2pd/i2pd.log')!.trim().split('\n').map((l) => l.slice(0, 8)), ['11:00:00', '11:30:00', '12:00:00']);
  t.regex(manifest.files.find((f) => f.what === 'log')!.note!, /last 3600 s on the log's own clock \(2 earlier lines left out\)/);
  const docker = await run(dockerHost, ['--since', '1h']);
  t.true(docker.manifest.commands.includes(`docker logs --since 3600s ${CONTAINER}`));
  const journal = await run((port) => {
    const l = linuxSystemd(port);
    delete l['var/log/i2pd/i2pd.log'];
    return { ...l, 'usr/bin/journalctl': answers({ '-u i2pd.service --no-pager -o short-iso --since=-3600s': '2024-01-08T12:00:01+0000 myrouter-7 i2pd[4242]: 12:00:01@100/none - i2pd v2.54.0 (0.9.64) starting...\n' }) };
  }, ['--since', '1h']);
  t.is(journal.r.code, 0, journal.r.stderr);
  t.regex(journal.get('commands/journalctl.log')!, /i2pd v2\.54\.0/);
  t.regex(journal.manifest.files.find((f) => f.what === 'log')!.note!, /\/var\/log\/i2pd\/i2pd\.log: absent/);
});

test.serial('nothing stops collect: an empty root, a folder where a file should be, a failing command and a closed console port each become a reason', async (t) => {
  const empty = await run(() => ({}));
  t.is(empty.r.code, 0, empty.r.stderr);
  t.notRegex(empty.r.stderr, /internal error|at .*\.js:\d+/);
  for (const w of ['i2pd process', 'i2pd.conf', 'log', 'i2pd --version', 'service state', 'process limits']) t.truthy(empty.manifest.notCollected.find((m) => m.what === w), w);
  t.regex(empty.manifest.notCollected.find((m) => m.what === 'i2pd.conf')!.reason, /absent: looked in \/home\/[^/]+\/\.i2pd\/i2pd\.conf, \/etc\/i2pd\/i2pd\.conf, \/usr\/local\/etc\/i2pd\/i2pd\.conf/);
  t.regex(empty.manifest.notCollected.find((m) => m.what === 'i2pd --version')!.reason, /absent: `i2pd` is not installed/);
  const broken = await run((port) => ({
    ...linuxSystemd(port),
    'etc/i2pd/i2pd.conf': { dir: true },
    'proc/4242/limits': { dir: true },
    'usr/bin/systemctl': { sh: 'exit 1' },
    'usr/bin/i2pd': { sh: 'kill -SEGV $$' },
  }));
  t.is(broken.r.code, 0, broken.r.stderr);
  t.regex(broken.manifest.notCollected.find((m) => m.what === 'i2pd.conf')!.reason, /a folder, not a file/);
  t.regex(broken.manifest.notCollected.find((m) => m.what === 'process limits')!.reason, /a folder, not a file/);
  t.regex(broken.manifest.notCollected.find((m) => m.what === 'web console')!.reason, /nothing answers on http:\/\/127\.0\.0\.1:7070\//);
  // A command that fails still says what it printed (nothing) and how it ended.
  t.like(broken.manifest.files.find((f) => f.what === 'service state'), { note: 'exit status 1' });
});

test.serial('a file collect may not read is listed as "no permission: run with sudo"', async (t) => {
  const stub = await stubConsole(consolePage({ status: 'OK', ident: IDENT, external: EXTERNAL }));
  const root = fakeRoot(linuxSystemd(stub.port));
  const outDir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-out-'));
  chmodSync(root, 0o755);
  chmodSync(outDir, 0o777);
  chmodSync(join(root, 'var/log/i2pd/i2pd.log'), 0o600);
  chmodSync(join(root, 'proc/4242/limits'), 0o600);
  // As root every file is readable: run collect as nobody, the way a user without sudo runs it.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
  if (asUser && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(PACKAGE_ROOT, 'dist/cli/main.js'))})`], asUser).status !== 0) {
    // This checkout is out of nobody's reach (a home folder only root may enter): the mapping itself.
    await stub.close();
    t.is(reasonOf(Object.assign(new Error('denied'), { code: 'EACCES' })), 'no permission: run with sudo');
    return;
  }
  const r = await cliAsync(['collect', '--root', root, '--output', join(outDir, 'b.tar.gz'), '--format', 'json'], { env: { HOME: '/home/alice' }, ...asUser });
  await stub.close();
  t.is(r.code, 0, r.stderr);
  const notCollected = JSON.parse(r.stdout).manifest.notCollected as Manifest['notCollected'];
  t.regex(notCollected.find((m) => m.what === 'process limits')!.reason, /no permission: run with sudo/);
  t.regex(notCollected.find((m) => m.what === 'log')!.reason, /\/var\/log\/i2pd\/i2pd\.log: no permission: run with sudo/);
});

test.serial('collect refuses a bundle that exists, a bad --since and a missing --root, with exit 2', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-out-'));
  const out = join(dir, 'b.tar.gz');
  writeFileSync(out, 'x');
  const exists = cli(['collect', '--root', dir, '--output', out]);
  t.is(exists.code, 2);
  t.regex(exists.stderr, /exists already; not overwritten/);
  const since = cli(['collect', '--root', dir, '--since', 'soon', '--output', join(dir, 'c.tar.gz')]);
  t.is(since.code, 2);
  t.regex(since.stderr, /--since soon: not a duration; give one such as 30m, 1h or 2d/);
  const root = cli(['collect', '--root', join(dir, 'nope')]);
  t.is(root.code, 2);
  t.regex(root.stderr, /--root .*nope: no such folder/);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
});

test.serial('--conf points collect at a config the way i2pd --conf does, before any other place', async (t) => {
  const { r, manifest } = await run((port) => ({ ...linuxSystemd(port), 'srv/i2pd/other.conf': 'floodfill = true\n' }), ['--conf', '/srv/i2pd/other.conf']);
  t.is(r.code, 0, r.stderr);
  t.like(manifest.files.find((f) => f.what === 'i2pd.conf'), { file: 'srv/i2pd/other.conf', from: '/srv/i2pd/other.conf (given with --conf)' });
});

