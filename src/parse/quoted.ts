// Prose around the log in a paste: the reporter's sentences, and the i2pd lines and evidence they
// quote inline (code spans, "I get: NTCP2: …"), read as entries of the line that quotes them.
import type { Entry } from '../model.js';
import { consoleLine } from './console.js';
import { classifyEvidence } from './evidence.js';
import { moduleEnd, parseI2pdLine, splitModule } from './i2pd-line.js';
import type { HostPrefix } from './hosts.js';
import { isI2pdModule } from './modules.js';
import { SPAN_COMMAND } from './shell.js';
import { englishSignal } from './signal-names.js';

/** An i2pd message with neither time nor level, as people quote it: `NTCP2: Failed to bind …`. */
export function parseBare(s: string): { format: string; message: string; time?: string; tod?: number; day?: number; tid?: number; level?: undefined } | undefined {
  const colon = moduleEnd(s, 0);
  if (colon === -1 || !isI2pdModule(s.slice(0, colon)) || s.length - colon < 6) return undefined;
  return { format: 'i2pd (message only)', message: s };
}

/** A line with one backtick left open at its start or end, as a code span over several lines leaves it. */
export function stripTicks(s: string): string | undefined {
  let t = s;
  if (t.charCodeAt(0) === 96 && t.charCodeAt(1) !== 96) t = t.slice(1);
  if (t.charCodeAt(t.length - 1) === 96 && t.charCodeAt(t.length - 2) !== 96) t = t.slice(0, -1);
  return t === s ? undefined : t.trim();
}

const SPAN = /`([^`]{6,}?)`/g;
const QUOTED = /["“«„]([^"“”«»„]{6,120}?)["”»“]/g;

/**
 * What a line of prose quotes: its code spans and the console's lines in quotation marks (`the
 * console shows "Data path: /root/.i2pd"`), else an i2pd line after its first colon (`I get: NTCP2: …`).
 */
function quotedPieces(text: string): string[] {
  const out: string[] = [];
  if (text.indexOf('`') !== -1) for (const m of text.matchAll(SPAN)) out.push(m[1].trim());
  if (/["“«„]/.test(text)) for (const m of text.matchAll(QUOTED)) if (consoleLine(m[1])) out.push(m[1].trim());
  if (out.length === 0) {
    const i = text.indexOf(': ');
    if (i > 0) {
      const rest = text.slice(i + 2).trimStart();
      if (parseI2pdLine(rest) || parseBare(rest) || classifyEvidence(englishSignal(rest) ?? rest) === 'crash') out.push(rest);
    }
  }
  return out;
}

export const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95;

/**
 * A sentence of the reporter's (`After a restart the log shows:`) rather than the rest of a
 * message: a capitalised word followed by at least two more words, mostly letters.
 */
export function looksLikeProse(s: string): boolean {
  // A caption before a pasted block (`The log:`, `i2pd.conf:`) or a remark in parentheses.
  if (/^[A-Za-z][\w .'’/()-]{0,40}:$/.test(s) && s.split(' ').length <= 6) return true;
  if (/^\([^()]{3,120}\)$/.test(s)) return true;
  if (!/^[A-Z][a-z'’]+,? [A-Za-z'’(]/.test(s)) return false;
  const words = s.split(/\s+/);
  if (words.length < 3) return false;
  const letters = words.filter((w) => /^[A-Za-z'’(),.:;!?-]+$/.test(w)).length;
  return letters / words.length >= 0.7;
}

/**
 * The i2pd lines and evidence quoted inside one line of prose (line `n` of source `name`), each an
 * entry of its own on that line: code spans, and the message after a colon ("I get: NTCP2: …").
 * Undefined when it quotes none.
 */
export function quotedEntries(text: string, n: number, name: string, host: HostPrefix | undefined): Entry[] | undefined {
  const pieces = quotedPieces(text);
  if (pieces.length === 0) return undefined;
  const entries: Entry[] = [];
  for (const piece of pieces) {
    const parsed = parseI2pdLine(piece) ?? parseBare(piece);
    if (parsed) {
      const { module, message } = splitModule(parsed.message);
      entries.push({ kind: 'log', source: name, line: n, module, message, text: piece, time: parsed.time, tod: parsed.tod ?? host?.tod, day: parsed.day ?? host?.day, tid: parsed.tid, level: parsed.level ?? host?.level });
      continue;
    }
    const shown = consoleLine(piece);
    if (shown) {
      entries.push({ kind: 'console', source: name, line: n, module: '', message: shown, text: piece, tod: host?.tod, day: host?.day, level: host?.level });
      continue;
    }
    // A command the reporter says they ran (`After \`kill -HUP\` …`) reads as that command typed.
    if (SPAN_COMMAND.test(piece)) {
      entries.push({ kind: 'raw', source: name, line: n, module: '', message: `$ ${piece}`, text: piece, tod: host?.tod, day: host?.day });
      continue;
    }
    const signal = englishSignal(piece);
    const kind = classifyEvidence(signal ?? piece);
    if (kind) entries.push({ kind, source: name, line: n, module: '', message: signal ?? piece, text: piece, tod: host?.tod, day: host?.day, level: host?.level });
  }
  return entries.length === 0 ? undefined : entries;
}
