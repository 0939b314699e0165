// Prefixes that the program hosting i2pd puts in front of its output: syslog daemons, journalctl,
// OpenWrt's logread, docker and docker-compose. Each yields the payload i2pd wrote.
import type { Level } from '../model.js';

export interface HostPrefix {
  format: string;
  payload: string;
  /** The program that wrote the line (`i2pd`, `systemd`, `kernel`…), when the prefix names it. */
  process?: string;
  /** Level from a syslog priority (OpenWrt logread prints it). */
  level?: Level;
  tod?: number;
  day?: number;
}

// `Nov 25 14:03:07 host proc[pid]: ` — also journalctl's default output, with month names in
// the reader's locale (`Dez`, `déc.`, `нояб`), hence a letter class rather than English names.
const SYSLOG = /^(\p{L}{2,5}\.?)\s{1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) ([^\s:[]+)(?:\[\d+\])?: ?(.*)$/u;
// journalctl -o short-iso / rsyslog RFC 3339: `2026-11-25T14:03:07+0100 host proc[pid]: `
const ISO_SYSLOG = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})? (\S+) ([^\s:[]+)(?:\[\d+\])?: ?(.*)$/;
// OpenWrt logread: `Wed Nov 25 14:03:07 2026 daemon.err i2pd[1234]: `
const LOGREAD = /^\p{L}{3} \p{L}{3}\s{1,2}\d{1,2} (\d{2}):(\d{2}):(\d{2}) \d{4} (\w+)\.(\w+) ([^\s:[]+)(?:\[\d+\])?: ?(.*)$/u;
// logread with its date cut off, as pasted: `daemon.err i2pd[1234]: ` (syslog facilities only).
const LOGREAD_NO_DATE = /^(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(emerg|alert|crit|err|error|warn|warning|notice|info|debug) ([^\s:[]+)(?:\[\d+\])?: ?(.*)$/;
// Android logcat (threadtime): `08-24 19:09:34.219 28655 28805 F libc    : payload`.
const LOGCAT = /^(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.\d{3}\s+\d+\s+\d+ ([VDIWEF]) ([^:]*?)\s*: ?(.*)$/;
// Kubernetes (CRI) container logs: `2026-11-25T14:03:07.123456789Z stdout F payload`.
const CRI = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}) (?:stdout|stderr) [FP] (.*)$/;
// kubectl logs --prefix: `[pod/i2pd-7d9f/i2pd] payload`.
const KUBECTL = /^\[pod\/[\w.-]+\/[\w.-]+\] (.*)$/;
const LOGCAT_LEVEL: Record<string, Level> = { V: 'debug', D: 'debug', I: 'info', W: 'warn', E: 'error', F: 'critical' };
// docker logs -t: `2026-11-25T14:03:07.123456789Z payload`
const DOCKER_TS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z (.*)$/;
// docker-compose: `i2pd_1  | payload`, `i2pd-1  | payload`
const COMPOSE = /^([\w.-]{1,64}?)\s+\| ?(.*)$/;

const PRIORITY: Record<string, Level> = {
  emerg: 'critical', alert: 'critical', crit: 'critical', err: 'error', error: 'error',
  warn: 'warn', warning: 'warn', notice: 'info', info: 'info', debug: 'debug',
};

function tod(h: string, m: string, s: string): number {
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function dayOf(y: string, mo: string, d: string): number {
  return Math.floor(Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 86400000);
}

export function matchHost(s: string): HostPrefix | undefined {
  const c = s.charCodeAt(0);
  let m: RegExpExecArray | null;
  if (c >= 48 && c <= 57) {
    if (s.length > 20 && s.charCodeAt(4) === 45 /* - */) {
      if ((m = CRI.exec(s))) {
        return { format: 'kubernetes', payload: m[7], tod: tod(m[4], m[5], m[6]), day: dayOf(m[1], m[2], m[3]) };
      }
      if ((m = ISO_SYSLOG.exec(s))) {
        return { format: 'syslog', process: m[8], payload: m[9], tod: tod(m[4], m[5], m[6]), day: dayOf(m[1], m[2], m[3]) };
      }
      if ((m = DOCKER_TS.exec(s))) {
        return { format: 'docker', payload: m[7], tod: tod(m[4], m[5], m[6]), day: dayOf(m[1], m[2], m[3]) };
      }
    }
    if (s.charCodeAt(2) === 45 && (m = LOGCAT.exec(s))) {
      return { format: 'android logcat', process: m[7].trim(), payload: m[8], level: LOGCAT_LEVEL[m[6]], tod: tod(m[3], m[4], m[5]) };
    }
    return undefined;
  }
  if (c === 91 && (m = KUBECTL.exec(s))) return { format: 'kubernetes', payload: m[1] };
  if (s.indexOf(': ') > 0 || s.endsWith(':')) {
    if ((m = LOGREAD.exec(s))) {
      return { format: 'openwrt-logread', process: m[6], payload: m[7], level: PRIORITY[m[5].toLowerCase()], tod: tod(m[1], m[2], m[3]) };
    }
    if ((m = SYSLOG.exec(s))) {
      return { format: 'syslog', process: m[7], payload: m[8], tod: tod(m[3], m[4], m[5]) };
    }
    if ((m = LOGREAD_NO_DATE.exec(s))) {
      return { format: 'openwrt-logread', process: m[3], payload: m[4], level: PRIORITY[m[2].toLowerCase()] };
    }
  }
  if (s.indexOf('|') > 0 && (m = COMPOSE.exec(s))) {
    return { format: 'docker', payload: m[2] };
  }
  return undefined;
}
