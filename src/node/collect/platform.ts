// Which system the root holds, and which service manager runs i2pd there: that decides where
// i2pd keeps its files and which commands tell its state. Told by the files each system has
// (the way sd_booted() tells systemd: /run/systemd/system), `uname -s` only as the last word.
import type { Host } from './host.js';

export type Os = 'linux' | 'openwrt' | 'freebsd' | 'openbsd' | 'macos' | 'android' | 'windows';
export type Init = 'systemd' | 'openrc' | 'sysv' | 'procd' | 'rc.d' | 'rcctl' | 'launchd' | 'none';

export interface Platform {
  os: Os;
  init: Init;
  /** The system's own name for itself (os-release's PRETTY_NAME, sw_vers), when it says. */
  name?: string;
}

export async function detectPlatform(h: Host): Promise<Platform> {
  if (h.isDir('Windows/System32') || (!h.fake && process.platform === 'win32')) return { os: 'windows', init: 'none', name: 'Windows' };
  if (h.exists('system/build.prop') || (!h.fake && process.platform === 'android')) return { os: 'android', init: 'none', name: 'Android' };
  if (h.exists('System/Library/CoreServices/SystemVersion.plist')) return { os: 'macos', init: 'launchd', name: 'macOS' };
  if (h.exists('etc/openwrt_release')) return { os: 'openwrt', init: 'procd', name: releaseName(h, 'etc/openwrt_release', 'DISTRIB_DESCRIPTION') ?? 'OpenWrt' };
  const id = releaseField(h, 'ID');
  const name = releaseField(h, 'PRETTY_NAME');
  if (id === 'freebsd') return { os: 'freebsd', init: 'rc.d', name };
  if (id === undefined) {
    const u = await h.run('uname', ['-s'], { maxBytes: 256, timeoutMs: 5000 });
    const s = u.ok ? u.value.stdout.trim() : '';
    if (s === 'FreeBSD') return { os: 'freebsd', init: 'rc.d', name: 'FreeBSD' };
    if (s === 'OpenBSD') return { os: 'openbsd', init: 'rcctl', name: 'OpenBSD' };
    if (s === 'Darwin') return { os: 'macos', init: 'launchd', name: 'macOS' };
  }
  return { os: 'linux', init: linuxInit(h), name };
}

function linuxInit(h: Host): Init {
  if (h.isDir('run/systemd/system')) return 'systemd';
  if (h.isDir('run/openrc') || h.exists('sbin/openrc-run') || h.exists('sbin/openrc')) return 'openrc';
  return 'sysv';
}

/** os-release as systemd documents it: /etc/os-release, else /usr/lib/os-release (FreeBSD: /var/run). */
export const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release', 'var/run/os-release'];

function releaseField(h: Host, key: string): string | undefined {
  for (const p of OS_RELEASE) {
    const v = releaseName(h, p, key);
    if (v !== undefined) return key === 'ID' ? v.toLowerCase() : v;
  }
  return undefined;
}

function releaseName(h: Host, path: string, key: string): string | undefined {
  const r = h.read(path, 64 * 1024);
  if (!r.ok) return undefined;
  const m = new RegExp(`^${key}=(.*)$`, 'm').exec(r.value.text);
  return m ? m[1].trim().replace(/^(['"])(.*)\1$/, '$2') : undefined;
}
