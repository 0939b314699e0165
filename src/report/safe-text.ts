// Log text is untrusted. Before it reaches a terminal its control characters are made visible
// (an ESC from a log must not recolour or move the user's terminal); before it reaches markdown
// it is fenced so that it cannot close its code block.

export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, (c) => (c === '\x1b' ? '␛' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
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
