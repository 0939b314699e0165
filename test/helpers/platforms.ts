// One fake root per platform layout collect knows, each laid out the way that system's i2pd
// package lays it out (paths from the packages' service files), with a stub console port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { answers, type Entry } from './fake-root.js';

export const FREEBSD_LOG = readFileSync(join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log'), 'utf8');
export const IDENT = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG=';
export const EXTERNAL = '203.0.113.7:24567';

const LINUX_LOG = [
  '12:00:01@100/none - i2pd v2.54.0 (0.9.64) starting...',
  '12:00:02@101/warn - SSU2: Session with 198.51.100.23:19412 was not established after 5 seconds',
  '12:00:03@102/error - Garlic: Failed to decrypt message',
  '12:05:09@101/warn - Tunnels: Test of tunnel 2384716231 failed',
  '',
].join('\n');

const VERSION = 'i2pd version 2.54.0 (0.9.64)\nBoost version 1.83.0\nOpenSSL 3.0.13 30 Jan 2024\n';
const LIMITS = [
  'Limit                     Soft Limit           Hard Limit           Units     ',
  'Max cpu time              unlimited            unlimited            seconds   ',
  'Max open files            4096                 524288               files     ',
  '',
].join('\n');

function proc(pid: number, argv: string[], cgroup: string, uid = 105): Record<string, Entry> {
  return {
    [`proc/${pid}/cmdline`]: argv.join('\0') + '\0',
    [`proc/${pid}/comm`]: 'i2pd\n',
    [`proc/${pid}/cgroup`]: cgroup,
    [`proc/${pid}/limits`]: LIMITS,
    [`proc/${pid}/status`]: `Name:\ti2pd\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
    'proc/1/cmdline': '/sbin/init\0',
    'proc/1/comm': 'init\n',
  };
}

const SYSCTL = { 'proc/sys/net/core/rmem_max': '212992\n', 'proc/sys/net/core/wmem_max': '212992\n' };

function conf(port: number, extra = ''): string {
  return `# i2pd.conf\nipv4 = true\nipv6 = true\nhost = 203.0.113.7\n${extra}\n[http]\nenabled = true\naddress = 127.0.0.1\nport = ${port}\n\n[i2pcontrol]\nenabled = false\npassword = itoopie-secret\n\n[reseed]\nproxy = http://alice:hunter2@127.0.0.1:8118\n`;
}

const TUNNELS = '[irc-ilita]\ntype = client\naddress = 127.0.0.1\nport = 6668\ndestination = irc.ilita.i2p\ndestinationport = 6667\nkeys = irc-keys.dat\n';

export function linuxSystemd(port: number): Record<string, Entry> {
  return {
    'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    'etc/hostname': 'myrouter-7\n',
    'run/systemd/system': { dir: true },
    ...proc(4242, ['/usr/bin/i2pd', '--conf=/etc/i2pd/i2pd.conf', '--tunconf=/etc/i2pd/tunnels.conf', '--tunnelsdir=/etc/i2pd/tunnels.conf.d', '--pidfile=/run/i2pd/i2pd.pid', '--logfile=/var/log/i2pd/i2pd.log', '--daemon', '--service'], '0::/system.slice/i2pd.service\n'),
    ...SYSCTL,
    'etc/i2pd/i2pd.conf': conf(port),
    'etc/i2pd/tunnels.conf': TUNNELS,
    'etc/i2pd/tunnels.conf.d/extra.conf': '[my-site]\ntype = http\nhost = 127.0.0.1\nport = 8080\nkeys = my-site.dat\n',
    'etc/i2pd/tunnels.conf.d/README': 'not a .conf file: i2pd skips it\n',
    'var/log/i2pd/i2pd.log': LINUX_LOG,
    'usr/bin/i2pd': answers({ '--version': VERSION }),
    'usr/bin/systemctl': answers({
      'status i2pd.service --no-pager --full --lines=20':
        '● i2pd.service - I2P Router written in C++\n     Loaded: loaded (/lib/systemd/system/i2pd.service; enabled; preset: enabled)\n     Active: active (running) since Mon 2024-01-08 12:00:01 UTC; 2h ago\n   Main PID: 4242 (i2pd)\n\nJan 08 12:00:01 myrouter-7 systemd[1]: Started i2pd.service - I2P Router written in C++.\n',
    }),
    'usr/bin/uname': answers({ '-a': 'Linux myrouter-7 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n', '-s': 'Linux\n' }),
  };
}

export function openrc(port: number): Record<string, Entry> {
  return {
    'etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n',
    'run/openrc': { dir: true },
    ...proc(77, ['/usr/sbin/i2pd', '--conf=/etc/i2pd/i2pd.conf', '--log=file', '--logfile=/var/log/i2pd/i2pd.log', '--daemon', '--service'], '0::/i2pd\n'),
    ...SYSCTL,
    'etc/i2pd/i2pd.conf': conf(port),
    'var/lib/i2pd/tunnels.conf': TUNNELS,
    'var/log/i2pd/i2pd.log': LINUX_LOG,
    'usr/sbin/i2pd': answers({ '--version': VERSION }),
    'sbin/rc-service': answers({ 'i2pd status': ' * status: started\n' }),
    'bin/uname': answers({ '-a': 'Linux alpine 6.6.14-0-lts #1-Alpine SMP PREEMPT_DYNAMIC x86_64 Linux\n' }),
  };
}

export function sysv(port: number): Record<string, Entry> {
  return {
    'etc/os-release': 'PRETTY_NAME="Devuan GNU/Linux 5 (daedalus)"\nNAME="Devuan GNU/Linux"\nID=devuan\n',
    'etc/init.d/i2pd': '#!/bin/sh\n# the package init script\n',
    // No --logfile: a daemon writes i2pd.log in its data directory, /var/lib/i2pd for --service.
    ...proc(900, ['/usr/sbin/i2pd', '--conf=/etc/i2pd/i2pd.conf', '--daemon', '--service'], '0::/\n'),
    ...SYSCTL,
    'etc/i2pd/i2pd.conf': conf(port),
    'var/lib/i2pd/i2pd.log': LINUX_LOG,
    'usr/sbin/i2pd': answers({ '--version': VERSION }),
    'usr/sbin/service': answers({ 'i2pd status': '[ ok ] i2pd is running.\n' }),
    'bin/uname': answers({ '-a': 'Linux devuan 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n' }),
  };
}

export function freebsd(port: number, floodfill = true): Record<string, Entry> {
  return {
    'var/run/os-release': 'NAME=FreeBSD\nVERSION="14.0-RELEASE"\nID=freebsd\nPRETTY_NAME="FreeBSD 14.0-RELEASE"\n',
    'bin/ps': answers({ '-axww -o pid=,command=': '    1 /sbin/init\n 1234 /usr/local/bin/i2pd --daemon --service --conf=/usr/local/etc/i2pd/i2pd.conf --tunconf=/usr/local/etc/i2pd/tunnels.conf --pidfile=/var/run/i2pd/i2pd.pid --logfile=/var/log/i2pd/i2pd.log\n' }),
    'usr/local/bin/i2pd': answers({ '--version': VERSION }),
    'usr/sbin/service': answers({ 'i2pd status': 'i2pd is running as pid 1234.\n' }),
    'sbin/sysctl': answers({ 'kern.ipc.maxsockbuf': 'kern.ipc.maxsockbuf: 2097152\n' }),
    'usr/bin/uname': answers({ '-a': 'FreeBSD fbsd 14.0-RELEASE FreeBSD 14.0-RELEASE #0 releng/14.0-n265380-f9716eee8ab4: Fri Nov 10 05:57:23 UTC 2023 amd64\n' }),
    'usr/local/etc/i2pd/i2pd.conf': conf(port, floodfill ? 'floodfill = true\n' : 'floodfill = false\nbandwidth = L\n'),
    'var/log/i2pd/i2pd.log': FREEBSD_LOG,
  };
}

export function openbsd(port: number): Record<string, Entry> {
  return {
    'bin/ps': answers({ '-axww -o pid=,command=': ' 4711 /usr/local/bin/i2pd --daemon --service --conf=/etc/i2pd/i2pd.conf --logfile=/var/log/i2pd/i2pd.log\n' }),
    'usr/local/bin/i2pd': answers({ '--version': VERSION }),
    'usr/sbin/rcctl': answers({ 'check i2pd': 'i2pd(ok)\n' }),
    'usr/bin/uname': answers({ '-s': 'OpenBSD\n', '-a': 'OpenBSD obsd 7.4 GENERIC.MP#1397 amd64\n' }),
    'etc/i2pd/i2pd.conf': conf(port),
    'var/log/i2pd/i2pd.log': FREEBSD_LOG,
  };
}

export function macos(port: number): Record<string, Entry> {
  return {
    'System/Library/CoreServices/SystemVersion.plist': '<plist><dict><key>ProductName</key><string>macOS</string></dict></plist>\n',
    'bin/ps': answers({ '-axww -o pid=,command=': '  321 /opt/homebrew/opt/i2pd/bin/i2pd --datadir=/opt/homebrew/var/lib/i2pd --conf=/opt/homebrew/etc/i2pd/i2pd.conf --tunconf=/opt/homebrew/etc/i2pd/tunnels.conf --log=file --logfile=/opt/homebrew/var/log/i2pd.log --pidfile=/opt/homebrew/var/run/i2pd.pid\n' }),
    'opt/homebrew/opt/i2pd/bin/i2pd': answers({ '--version': VERSION }),
    'bin/launchctl': answers({ 'limit maxfiles': '\tmaxfiles    256            unlimited      \n', 'list homebrew.mxcl.i2pd': '{\n\t"PID" = 321;\n\t"Label" = "homebrew.mxcl.i2pd";\n};\n' }),
    'usr/sbin/sysctl': answers({ 'kern.ipc.maxsockbuf': 'kern.ipc.maxsockbuf: 8388608\n' }),
    'usr/bin/sw_vers': answers({ '': 'ProductName:\t\tmacOS\nProductVersion:\t\t14.2.1\nBuildVersion:\t\t23C71\n' }),
    'usr/bin/uname': answers({ '-a': 'Darwin mac.local 23.2.0 Darwin Kernel Version 23.2.0: Wed Nov 15 21:53:18 PST 2023; root:xnu-10002.61.3~2/RELEASE_ARM64_T6000 arm64\n' }),
    'opt/homebrew/etc/i2pd/i2pd.conf': conf(port),
    'opt/homebrew/etc/i2pd/tunnels.conf': TUNNELS,
    'opt/homebrew/var/log/i2pd.log': LINUX_LOG,
  };
}

export function openwrt(port: number): Record<string, Entry> {
  return {
    'etc/openwrt_release': "DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='23.05.2'\nDISTRIB_DESCRIPTION='OpenWrt 23.05.2 r23630-842932a63d'\n",
    'etc/os-release': 'NAME="OpenWrt"\nID="openwrt"\nPRETTY_NAME="OpenWrt 23.05.2"\n',
    ...proc(1500, ['/usr/sbin/i2pd', '--service', '--conf=/etc/i2pd/i2pd.conf', '--pidfile=/var/run/i2pd.pid'], '0::/services/i2pd/instance1\n'),
    ...SYSCTL,
    // The package's config logs to syslog, which OpenWrt keeps in logread's ring buffer.
    'etc/i2pd/i2pd.conf': conf(port, 'log = syslog\n'),
    'sbin/logread': answers({
      '-e i2pd': [
        'Mon Jan  8 12:00:01 2024 daemon.info i2pd[1500]: i2pd v2.50.2 (0.9.61) starting...',
        'Mon Jan  8 12:00:02 2024 daemon.warn i2pd[1500]: SSU2: Session with 198.51.100.23:19412 was not established after 5 seconds',
        'Mon Jan  8 12:00:03 2024 daemon.err i2pd[1500]: Garlic: Failed to decrypt message',
        '',
      ].join('\n'),
    }),
    'usr/sbin/i2pd': answers({ '--version': 'i2pd version 2.50.2 (0.9.61)\n' }),
    'etc/init.d/i2pd': answers({ status: 'running\n' }),
    'bin/uname': answers({ '-a': 'Linux OpenWrt 5.15.137 #0 SMP Tue Nov 14 13:38:11 2023 mips GNU/Linux\n' }),
  };
}

export const CONTAINER = 'f3a1b2c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2';

export function dockerHost(port: number): Record<string, Entry> {
  const p = `proc/2001/root`;
  return {
    'etc/os-release': 'PRETTY_NAME="Ubuntu 22.04.3 LTS"\nNAME="Ubuntu"\nID=ubuntu\n',
    'run/systemd/system': { dir: true },
    ...proc(2001, ['i2pd', '--datadir=/home/i2pd/data', '--conf=/home/i2pd/data/i2pd.conf'], `0::/system.slice/docker-${CONTAINER}.scope\n`, 100),
    ...SYSCTL,
    [`${p}/home/i2pd/data/i2pd.conf`]: conf(port),
    [`${p}/home/i2pd/data/tunnels.conf`]: TUNNELS,
    'usr/bin/docker': answers({
      [`logs ${CONTAINER}`]: LINUX_LOG,
      [`ps -a --no-trunc --filter id=${CONTAINER} --format {{.ID}} {{.Image}} {{.Status}} {{.Names}}`]: `${CONTAINER} purplei2p/i2pd:latest Up 2 hours i2pd\n`,
    }),
    'usr/bin/uname': answers({ '-a': 'Linux dockerhost 5.15.0-91-generic #101-Ubuntu SMP x86_64 GNU/Linux\n' }),
  };
}

export function android(port: number): Record<string, Entry> {
  return {
    'system/build.prop': 'ro.build.version.release=14\n',
    'storage/emulated/0/i2pd/i2pd.conf': conf(port, 'log = file\n'),
    'storage/emulated/0/i2pd/i2pd.log': LINUX_LOG,
  };
}

export function windows(port: number): Record<string, Entry> {
  return {
    'Windows/System32': { dir: true },
    'Users/alice/AppData/Roaming/i2pd/i2pd.conf': conf(port, 'log = file\n'),
    'Users/alice/AppData/Roaming/i2pd/i2pd.log': LINUX_LOG,
  };
}
