// The line layouts i2pd itself writes (libi2pd/Log.cpp, daemon/Daemon.cpp): file and stdout mode
// `HH:MM:SS@tid/level - text`, CLF time `[25/Nov/2026:14:03:07 +0100]@tid/level - text`, syslog
// mode `[NNN] text`, and what older builds or redacting reporters make of them.
import { LEVEL_RANK, type Level } from '../model.js';
import { LINE_ASCII, LINE_CLEAN } from '../read/line-flags.js';

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
// A time the reporter redacted keeps its colons, whatever its width: `XX:XX:XX`, `XX:XX:XX:XX`,
// `**:**:**`, `hh:mm:ss`, `12:XX:XX`.
const HEADER =
  /^(?:(\d{2}):(\d{2}):(\d{2})|((?:[0-9Xx*#?hHmMsS]{1,2}:){1,3}[0-9Xx*#?hHmMsS]{1,2})|\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) [+-]\d{4}\])(?:@(\d{1,3}))?\/(none|critical|error|warn|info|debug) - (.*)$/;
// No time at all: `@423/info - text` or `info - text`.
// A line whose time was cut off in the paste keeps '@tid/' or only '/' before the level.
const NO_TIME = /^(?:@(\d{1,3})\/|\/)?(none|critical|error|warn|info|debug) - (.*)$/;
// syslog mode payload.
const SYSLOG_PAYLOAD = /^\[(\d{3})\] (.*)$/;

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// An array, not an object keyed by char code: its sparse integer keys make an object a slow dictionary.
const LEVEL_BY_INITIAL: Array<Level | undefined> = [];
const RANK_BY_INITIAL: number[] = [];
for (const l of ['none', 'critical', 'error', 'warn', 'info', 'debug'] as const) {
  LEVEL_BY_INITIAL[l.charCodeAt(0)] = l;
  RANK_BY_INITIAL[l.charCodeAt(0)] = LEVEL_RANK[l];
}
// What `.` in HEADER does not match: a message holding one is left to the regex, which rejects it.
const LINE_TERMINATOR = /[\r\u2028\u2029]/;

const isDigit = (c: number) => c >= 48 && c <= 57;

// The splitter's flags (read/line-flags.ts), which the parser's callers name from here.
export { LINE_ASCII, LINE_CLEAN };

/** What `scanFileLine` read; one object reused, so the scan allocates nothing. */
export const fileHead = { tod: 0, tid: undefined as number | undefined, level: 'debug' as Level, rank: 5, message: 0 };

/**
 * The layout of nearly every line, `HH:MM:SS@tid/level - text`, read by char codes: the same
 * result as HEADER at a fraction of its cost. Returns whether `s` has it, and fills `fileHead`
 * (`message`: where the text starts). Anything else is left to the regular expressions.
 */
export function scanFileLine(s: string, flags = 0): boolean {
  if (s.length < 17 || s.charCodeAt(2) !== 58 || s.charCodeAt(5) !== 58) return false;
  const h1 = s.charCodeAt(0) - 48, h2 = s.charCodeAt(1) - 48, m1 = s.charCodeAt(3) - 48, m2 = s.charCodeAt(4) - 48, s1 = s.charCodeAt(6) - 48, s2 = s.charCodeAt(7) - 48;
  if ((h1 | h2 | m1 | m2 | s1 | s2) < 0 || h1 > 9 || h2 > 9 || m1 > 9 || m2 > 9 || s1 > 9 || s2 > 9) return false;
  let i = 8;
  let tid: number | undefined;
  if (s.charCodeAt(i) === 64) {
    let n = 0;
    let k = i + 1;
    while (k < i + 4 && isDigit(s.charCodeAt(k))) n = n * 10 + s.charCodeAt(k++) - 48;
    if (k === i + 1) return false;
    tid = n;
    i = k;
  }
  if (s.charCodeAt(i) !== 47) return false;
  const level = LEVEL_BY_INITIAL[s.charCodeAt(i + 1)];
  if (level === undefined) return false;
  // By char codes: startsWith with an offset is a call V8 does not inline, and this runs per line.
  const n = level.length;
  for (let k = 1; k < n; k++) if (s.charCodeAt(i + 1 + k) !== level.charCodeAt(k)) return false;
  if (s.charCodeAt(i + 1 + n) !== 32 || s.charCodeAt(i + 2 + n) !== 45 || s.charCodeAt(i + 3 + n) !== 32) return false;
  // The header holds none of these, so testing the whole line tests the message. A splitter that
  // saw the bytes may know already (`flags`): ASCII has no U+2028/9, and it may know there is no CR.
  if (flags !== LINE_CLEAN && ((flags & LINE_ASCII) !== 0 ? s.indexOf('\r') !== -1 : LINE_TERMINATOR.test(s))) return false;
  fileHead.tod = (h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
  fileHead.tid = tid;
  fileHead.level = level;
  fileHead.rank = RANK_BY_INITIAL[s.charCodeAt(i + 1)];
  fileHead.message = i + 4 + level.length;
  return true;
}

/**
 * `scanFileLine` on the bytes of a line known to be ASCII with no CR (so byte and char offsets
 * agree): `b[from..end)`. Typed-array reads cost less than charCodeAt, which checks the string's
 * representation on every call; `fileHead.message` is an offset into `b`.
 */
export function scanFileBytes(b: Uint8Array, from: number, end: number): boolean {
  if (end - from < 17 || b[from + 2] !== 58 || b[from + 5] !== 58) return false;
  const h1 = b[from] - 48, h2 = b[from + 1] - 48, m1 = b[from + 3] - 48, m2 = b[from + 4] - 48, s1 = b[from + 6] - 48, s2 = b[from + 7] - 48;
  if ((h1 | h2 | m1 | m2 | s1 | s2) < 0 || h1 > 9 || h2 > 9 || m1 > 9 || m2 > 9 || s1 > 9 || s2 > 9) return false;
  let i = from + 8;
  let tid: number | undefined;
  if (b[i] === 64) {
    let n = 0;
    let k = i + 1;
    while (k < i + 4 && k < end && isDigit(b[k])) n = n * 10 + b[k++] - 48;
    if (k === i + 1) return false;
    tid = n;
    i = k;
  }
  if (i + 1 >= end || b[i] !== 47) return false;
  const c = b[i + 1];
  const level = LEVEL_BY_INITIAL[c];
  if (level === undefined) return false;
  const n = level.length;
  if (i + 4 + n > end) return false;
  for (let k = 1; k < n; k++) if (b[i + 1 + k] !== level.charCodeAt(k)) return false;
  if (b[i + 1 + n] !== 32 || b[i + 2 + n] !== 45 || b[i + 3 + n] !== 32) return false;
  fileHead.tod = (h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
  fileHead.tid = tid;
  fileHead.level = level;
  fileHead.rank = RANK_BY_INITIAL[c];
  fileHead.message = i + 4 + n;
  return true;
}

function parseFileLine(s: string): I2pdLine | undefined {
  if (!scanFileLine(s)) return undefined;
  const h = fileHead;
  return {
    format: h.tid === undefined ? 'i2pd (no thread id)' : 'i2pd',
    time: s.slice(0, 8),
    tod: h.tod,
    tid: h.tid, level: h.level, message: s.slice(h.message),
  };
}

export function parseI2pdLine(s: string): I2pdLine | undefined {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const fast = parseFileLine(s);
    if (fast) return fast;
  }
  let m: RegExpExecArray | null;
  // Every timed layout starts with a digit, '[' or a redaction character; test it before the regex.
  if ((c >= 48 && c <= 57) || c === 91 || c === 88 || c === 120 || c === 42 || c === 35 || c === 63 || c === 104 || c === 72) {
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
    if (c !== 64 && c !== 104) return undefined;
  }
  if ((c === 64 || c === 47 || (c >= 97 && c <= 119)) && (m = NO_TIME.exec(s))) {
    return { format: 'i2pd (no time)', tid: m[1] === undefined ? undefined : Number(m[1]), level: m[2] as Level, message: m[3] };
  }
  return undefined;
}

// `Module: text` — letters, digits and spaces (`HTTP Server`), at most 31 characters.

export function splitModule(message: string): { module: string; message: string } {
  const colon = moduleEnd(message, 0);
  if (colon === -1) return { module: '', message };
  return { module: message.slice(0, colon), message: message.slice(colon + 2) };
}

/**
 * Where the `Module` prefix of the message starting at `from` ends (its ': '), or -1 without one:
 * what /^([A-Za-z][A-Za-z0-9 ]{0,30}?): / matches, by char codes — a letter, then letters, digits
 * and spaces up to the first ': '.
 */
export function moduleEnd(s: string, from: number): number {
  const colon = s.indexOf(': ', from);
  if (colon <= from || colon > from + 31) return -1;
  for (let i = from; i < colon; i++) {
    const c = s.charCodeAt(i) | 32;
    const letter = c >= 97 && c <= 122;
    if (!(letter || (i > from && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 32)))) return -1;
  }
  return colon;
}

/** `moduleEnd` on the bytes of an ASCII line `b[..end)`, the message starting at `from`. */
export function moduleEndBytes(b: Uint8Array, from: number, end: number): number {
  // The colon is at most 31 characters in, and its ': ' must fit in the line.
  const max = Math.min(from + 31, end - 2);
  for (let i = from; i <= max; i++) {
    const c = b[i];
    if (c === 58 && b[i + 1] === 32) return i === from ? -1 : i;
    const l = c | 32;
    if (!((l >= 97 && l <= 122) || (i > from && (isDigit(c) || c === 32)))) return -1;
  }
  return -1;
}
