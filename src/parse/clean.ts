// Removes what terminals and issue trackers wrap around i2pd's text: colour codes, CR, and the
// markdown of a paste (quotes, inline backticks, indents, list markers).

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, '');
}

/** A markdown code fence line (``` or ~~~, optionally with an info string). */
export function isFence(s: string): boolean {
  const t = s.trimStart().replace(/^(?:>\s?)+/, '').trimStart();
  if (!t.startsWith('```') && !t.startsWith('~~~')) return false;
  // ```12:00:00@1/error - BOB: …``` on one line is a code span, not a fence.
  const end = t.trimEnd();
  return !(end.length > 6 && end.endsWith(t.slice(0, 3)) && /\s/.test(end.slice(3, -3)));
}

/**
 * Strips paste decorations that can never be part of an i2pd message: `> ` quotes, leading
 * indentation and a pair of inline backticks around the whole line. Returns the same string when
 * there is nothing to strip, so the common case costs one char test.
 */
export function stripPaste(s: string): { text: string; pasted: boolean } {
  const c = s.charCodeAt(0);
  // Fast path: a line starting with a digit, '[' or a letter is not decorated.
  if (c !== 62 /* > */ && c !== 32 && c !== 9 && c !== 96 /* ` */) return { text: s, pasted: false };
  let t = s;
  for (;;) {
    const before = t;
    t = t.replace(/^\s*>\s?/, '').replace(/^\s+/, '');
    if (t.length > 1 && t.charCodeAt(0) === 96 && t.charCodeAt(t.length - 1) === 96 && !t.startsWith('``')) t = t.slice(1, -1);
    else if (t.length > 6 && t.startsWith('```') && t.endsWith('```')) t = t.slice(3, -3).trim();
    if (t === before) break;
  }
  return { text: t, pasted: t !== s };
}

const LIST_MARKER = /^(?:[-*+]|\d{1,3}[.)])\s+/;

/** A markdown list marker in front of a line (`- `, `* `, `1. `); only stripped when what follows parses. */
export function stripListMarker(s: string): string | undefined {
  const m = LIST_MARKER.exec(s);
  return m ? s.slice(m[0].length) : undefined;
}
