// The line layouts i2pd itself writes (libi2pd/Log.cpp, daemon/Daemon.cpp): file and stdout mode
// `HH:MM:SS@tid/level - text`, CLF time `[25/Nov/2026:14:03:07 +0100]@tid/level - text`, syslog
// mode `[NNN] text`, and what older builds or redacting reporters make of them.
import type { Level } from '../model.js';

export interface I2pdLine {
  format: string;
  time?: string;
  tod?: number;
  day?: number;
  tid?: number;
  level?: Level;
  message: string;
}

// The time part, the optional `@tid` (absent before thread ids were logged), the level word.
const HEADER =
  /^(?:(\d{2}):(\d{2}):(\d{2})|([Xx*#?]{2}:[Xx*#?]{2}:[Xx*#?]{2})|\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) [+-]\d{4}\])(?:@(\d{1,3}))?\/(none|critical|error|warn|info|debug) - (.*)$/;
// No time at all: `@423/info - text` or `info - text`.
const NO_TIME = /^(?:@(\d{1,3})\/)?(none|critical|error|warn|info|debug) - (.*)$/;
// syslog mode payload.
const SYSLOG_PAYLOAD = /^\[(\d{3})\] (.*)$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

export function parseI2pdLine(s: string): I2pdLine | undefined {
  const c = s.charCodeAt(0);
  let m: RegExpExecArray | null;
  // Every timed layout starts with a digit, '[' or a redaction character; test it before the regex.
  if ((c >= 48 && c <= 57) || c === 91 || c === 88 || c === 120 || c === 42 || c === 35 || c === 63) {
    if ((m = HEADER.exec(s))) {
      const level = m[12] as Level;
      const tid = m[11] === undefined ? undefined : Number(m[11]);
      if (m[1] !== undefined) {
        return {
          format: tid === undefined ? 'i2pd (no thread id)' : 'i2pd',
          time: `${m[1]}:${m[2]}:${m[3]}`,
          tod: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]),
          tid, level, message: m[13],
        };
      }
      if (m[4] !== undefined) return { format: 'i2pd (redacted time)', time: m[4], tid, level, message: m[13] };
      const mon = MONTHS[m[6].toLowerCase()];
      return {
        format: 'i2pd CLF time',
        time: `${m[8]}:${m[9]}:${m[10]}`,
        tod: Number(m[8]) * 3600 + Number(m[9]) * 60 + Number(m[10]),
        day: mon ? Math.floor(Date.UTC(Number(m[7]), mon - 1, Number(m[5])) / 86400000) : undefined,
        tid, level, message: m[13],
      };
    }
    if (c === 91 && (m = SYSLOG_PAYLOAD.exec(s))) {
      return { format: 'i2pd syslog mode', tid: Number(m[1]), message: m[2] };
    }
    if (c !== 64) return undefined;
  }
  if ((c === 64 || (c >= 97 && c <= 119)) && (m = NO_TIME.exec(s))) {
    return { format: 'i2pd (no time)', tid: m[1] === undefined ? undefined : Number(m[1]), level: m[2] as Level, message: m[3] };
  }
  return undefined;
}

// `Module: text` — letters, digits and spaces (`HTTP Server`), at most 31 characters.
const MODULE = /^([A-Za-z][A-Za-z0-9 ]{0,30}?): /;

export function splitModule(message: string): { module: string; message: string } {
  const colon = message.indexOf(': ');
  if (colon <= 0 || colon > 31) return { module: '', message };
  const m = MODULE.exec(message);
  if (!m) return { module: '', message };
  return { module: m[1], message: message.slice(m[0].length) };
}
