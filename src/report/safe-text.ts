// Log text, names and contributed content are untrusted. Before they reach a terminal their
// control characters are made visible (an ESC from a log must not recolour or move the user's
// terminal, nor a C1 control or a bidi override reorder what it shows); before log text reaches
// markdown it is fenced so that it cannot close its code block.

// C0 but tab and newline, DEL, C1 (CSI U+009B, OSC U+009D, DCS U+0090, ST U+009C…), the line and
// paragraph separators, and the bidi embeddings, overrides and isolates.

const IN_TEXT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const IN_NAME = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  if (c === '\x1b') return '␛';
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Text for a terminal: every control but tab and newline made visible. */
export function terminalSafe(s: string): string {
  return s.replace(IN_TEXT, visible);
}

/**
 * A file or archive member name as every report shows it: one line, its newlines, tabs and
 * controls made visible (`\n`, `\x1b`), so that a name cannot forge report lines.
 */
export function sourceLabel(s: string): string {
  return s.replace(IN_NAME, (c) => NAMED[c] ?? visible(c));
}

/** A fence longer than any run of backticks in the text. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export function codeBlock(text: string, lang = 'text'): string {
  const body = terminalSafe(text);
  const f = fenceFor(body);
  return `${f}${lang}\n${body}\n${f}`;
}

/** Inline code that survives any backticks inside it. */
export function inlineCode(text: string): string {
  const body = terminalSafe(text).replace(/\n/g, ' ');
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const f = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${f}${pad}${body}${pad}${f}`;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** Bytes a UTF-8 sequence that starts with `b` takes, or 0 when no sequence starts so. */
function sequenceLength(b: number): number {
  return b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
}

/**
 * A name the file system gave as bytes (a Latin-1 name on a UTF-8 system): its UTF-8 as text,
 * each byte that is not UTF-8 as `\xe9`, then made one line as sourceLabel does.
 */
export function labelOfBytes(b: Uint8Array): string {
  try {
    return sourceLabel(strict.decode(b));
  } catch {
    // Not UTF-8 throughout: decoded sequence by sequence below.
  }
  let out = '';
  for (let i = 0; i < b.length; ) {
    const n = sequenceLength(b[i]);
    if (n > 0 && i + n <= b.length) {
      try {
        out += sourceLabel(strict.decode(b.subarray(i, i + n)));
        i += n;
        continue;
      } catch {
        // An invalid sequence: its first byte is shown as it is.
      }
    }
    out += `\\x${b[i].toString(16).padStart(2, '0')}`;
    i++;
  }
  return out;
}
