// Markdown (our articles) for a terminal, laid out the way a person reads it: headings set apart,
// lists with hanging indents and their inline marks rendered like any paragraph's, inline code
// kept whole and marked (by a colour, or by its backticks without one), code blocks indented and
// never wrapped (they are pasted), tables in columns. Paragraphs wrap between words, never
// inside a code span, and outside a parenthesis where that leaves the line long enough.
// marked's lexer reads the markdown; only the layout is ours.
import { Lexer, type Token, type Tokens } from 'marked';

export interface MarkdownStyle {
  /** The article's title, and its sections, sub-sections. */
  h1(s: string): string;
  h2(s: string): string;
  h3(s: string): string;
  strong(s: string): string;
  em(s: string): string;
  /** Inline code. */
  code(s: string): string;
  /** A code block's lines. */
  block(s: string): string;
  link(s: string): string;
  dim(s: string): string;
  /** False: no escape codes at all, so inline code keeps its backticks and headings are underlined. */
  color: boolean;
}

/** A run of text in one style; `keep`: its spaces do not break a line (inline code). */
interface Piece {
  text: string;
  style?: (s: string) => string;
  keep?: boolean;
}

/** What lines are made of: words, the parenthesis depth before each, and forced breaks. */
interface Word {
  pieces: Piece[];
  width: number;
  /** Open parentheses before this word: a break in front of it falls inside them. */
  depth: number;
  /** A hard line break comes before this word. */
  breakBefore?: boolean;
}

const CODE_INDENT = '    ';
const LIST_INDENT = '  ';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: '\u00a0' };
const UNIT = /^(?:[KMGT]i?B|[KMG]B\/s|B|bytes|ms|s|seconds|minutes|hours|%)(?![\w-])/;
// A parenthesis this short moves to the next line whole rather than break inside.
const SHORT_PAREN = 48;

const widthOf = (s: string) => [...s].length;
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e]);

function inline(tokens: Token[] | undefined, st: MarkdownStyle, style?: (s: string) => string): Piece[] {
  const out: Piece[] = [];
  const wrap = (outer: ((s: string) => string) | undefined, inner: (s: string) => string) => (outer ? (s: string) => outer(inner(s)) : inner);
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text': {
        const x = t as Tokens.Text;
        if (x.tokens?.length) out.push(...inline(x.tokens, st, style));
        else out.push({ text: decode(x.text), style });
        break;
      }
      case 'escape':
        out.push({ text: (t as Tokens.Escape).text, style });
        break;
      case 'strong':
        out.push(...inline((t as Tokens.Strong).tokens, st, wrap(style, st.strong)));
        break;
      case 'em':
        out.push(...inline((t as Tokens.Em).tokens, st, wrap(style, st.em)));
        break;
      case 'del':
        out.push(...inline((t as Tokens.Del).tokens, st, style));
        break;
      case 'codespan': {
        const code = (t as Tokens.Codespan).text.replace(/\s+/g, ' ');
        out.push(st.color ? { text: code, style: wrap(style, st.code), keep: true } : { text: `\`${code}\``, style, keep: true });
        break;
      }
      case 'link': {
        const l = t as Tokens.Link;
        const text = inline(l.tokens, st, wrap(style, st.link));
        out.push(...text);
        const shown = text.map((p) => p.text).join('');
        if (l.href && l.href !== shown && !l.href.startsWith('mailto:')) out.push({ text: ` (${l.href})`, style: wrap(style, st.dim) });
        break;
      }
      case 'image':
        out.push({ text: (t as Tokens.Image).text, style });
        break;
      case 'br':
        out.push({ text: '\n' });
        break;
      default:
        out.push({ text: decode((t as { text?: string; raw: string }).text ?? t.raw), style });
    }
  }
  return out;
}

/** Pieces cut into words at spaces (not those of a kept piece), with parenthesis depths. */
function words(pieces: Piece[]): Word[] {
  const out: Word[] = [];
  let cur: Word | undefined;
  let depth = 0;
  let hardBreak = false;
  const add = (text: string, p: Piece) => {
    if (text === '') return;
    cur ??= { pieces: [], width: 0, depth, breakBefore: hardBreak };
    hardBreak = false;
    cur.pieces.push({ ...p, text });
    cur.width += widthOf(text);
  };
  const end = () => {
    if (cur) out.push(cur);
    cur = undefined;
  };
  for (const p of pieces) {
    if (p.keep) {
      add(p.text, p);
      continue;
    }
    for (const part of p.text.split(/(\s)/)) {
      if (part === '\n' && p.text === '\n') {
        end();
        hardBreak = true;
      } else if (/^\s$/.test(part)) end();
      else {
        add(part, p);
        for (const c of part) depth = Math.max(0, depth + (c === '(' ? 1 : c === ')' ? -1 : 0));
      }
    }
  }
  end();
  // A number and its unit stay on one line ("4 MiB", "30 s").
  for (let i = out.length - 1; i > 0; i--) {
    const [a, b] = [out[i - 1], out[i]];
    if (b.breakBefore || !/\d$/.test(a.pieces[a.pieces.length - 1].text) || !UNIT.test(b.pieces[0].text)) continue;
    a.pieces.push({ text: ' ' }, ...b.pieces);
    a.width += 1 + b.width;
    out.splice(i, 1);
  }
  return out;
}

/** Greedy lines of at most `width`, except that a short parenthesis is not broken inside. */
function fill(ws: Word[], width: number): Word[][] {
  const lines: Word[][] = [];
  let start = 0;
  while (start < ws.length) {
    let end = start + 1;
    let w = ws[start].width;
    while (end < ws.length && !ws[end].breakBefore && w + 1 + ws[end].width <= width) w += 1 + ws[end++].width;
    if (end < ws.length && !ws[end].breakBefore && ws[end].depth > 0) {
      // The word that opens the parenthesis, and the one that closes it.
      let open = end - 1;
      while (open > start && ws[open].depth > 0) open--;
      let close = end;
      while (close + 1 < ws.length && ws[close + 1].depth > 0) close++;
      const group = ws.slice(open, close + 1).reduce((n, x) => n + x.width + 1, -1);
      if (open > start && ws[open].depth === 0 && group <= Math.min(SHORT_PAREN, width / 2)) end = open;
    }
    lines.push(ws.slice(start, end));
    start = end;
  }
  return lines;
}

function paint(line: Word[]): string {
  return line.map((w) => w.pieces.map((p) => (p.style ? p.style(p.text) : p.text)).join('')).join(' ');
}

function paragraph(pieces: Piece[], width: number): string {
  return fill(words(pieces), width).map(paint).join('\n');
}

function indentLines(text: string, first: string, rest: string): string {
  return text.split('\n').map((l, i) => (l === '' ? '' : (i === 0 ? first : rest) + l)).join('\n');
}

function table(t: Tokens.Table, fullWidth: number, st: MarkdownStyle): string {
  const width = fullWidth - LIST_INDENT.length;
  const rows = [t.header, ...t.rows].map((r) => r.map((c) => inline(c.tokens, st)));
  const cols = t.header.length;
  const natural = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => widthOf(r[i].map((p) => p.text).join('')))));
  const widths = [...natural];
  const gap = 2;
  // Narrow the widest column until the table fits; its cells wrap.
  while (widths.reduce((a, b) => a + b, 0) + gap * (cols - 1) > width) {
    const i = widths.indexOf(Math.max(...widths));
    if (widths[i] <= 12) break;
    widths[i]--;
  }
  const out: string[] = [];
  rows.forEach((r, ri) => {
    const cells = r.map((pieces, i) => fill(words(pieces), widths[i]));
    const height = Math.max(...cells.map((c) => c.length), 1);
    for (let l = 0; l < height; l++) {
      const line = cells.map((c, i) => {
        const ws = c[l] ?? [];
        const text = paint(ws);
        const pad = ' '.repeat(Math.max(0, widths[i] - ws.reduce((a, w, k) => a + w.width + (k ? 1 : 0), 0)));
        return (ri === 0 && st.color ? st.strong(text) : text) + pad;
      });
      out.push(LIST_INDENT + line.join(' '.repeat(gap)).trimEnd());
    }
    if (ri === 0 && !st.color) out.push(LIST_INDENT + widths.map((w) => '-'.repeat(w)).join(' '.repeat(gap)));
  });
  return out.join('\n');
}

function blocks(tokens: Token[], width: number, st: MarkdownStyle, tight = false): string {
  const out: string[] = [];
  for (const t of tokens) {
    const s = block(t, width, st);
    if (s !== undefined) out.push(s);
  }
  return out.join(tight ? '\n' : '\n\n');
}

function block(t: Token, width: number, st: MarkdownStyle): string | undefined {
  switch (t.type) {
    case 'space':
      return undefined;
    case 'heading': {
      const h = t as Tokens.Heading;
      const text = paragraph(inline(h.tokens, st), width);
      if (st.color) return (h.depth === 1 ? st.h1 : h.depth === 2 ? st.h2 : st.h3)(text);
      const rule = h.depth === 1 ? '=' : h.depth === 2 ? '-' : '';
      return rule ? `${text}\n${rule.repeat(Math.min(width, Math.max(...text.split('\n').map(widthOf))))}` : text;
    }
    case 'paragraph':
    case 'text': {
      const x = t as Tokens.Paragraph | Tokens.Text;
      return paragraph(x.tokens?.length ? inline(x.tokens, st) : [{ text: decode(x.text) }], width);
    }
    case 'code': {
      const lines = (t as Tokens.Code).text.split('\n');
      return lines.map((l) => (l === '' ? '' : CODE_INDENT + st.block(l))).join('\n');
    }
    case 'list': {
      const l = t as Tokens.List;
      const start = typeof l.start === 'number' ? l.start : 1;
      const marks = l.items.map((_, i) => (l.ordered ? `${start + i}.` : '•'));
      const w = LIST_INDENT.length + Math.max(...marks.map(widthOf)) + 1;
      return l.items
        .map((item, i) => indentLines(blocks(item.tokens, width - w, st, !l.loose), (LIST_INDENT + marks[i]).padEnd(w), ' '.repeat(w)))
        .join(l.loose ? '\n\n' : '\n');
    }
    case 'blockquote':
      return indentLines(blocks((t as Tokens.Blockquote).tokens, width - 2, st), st.dim('│ '), st.dim('│ ')).replace(/^$/gm, st.dim('│'));
    case 'table':
      return table(t as Tokens.Table, width, st);
    case 'hr':
      return st.dim('─'.repeat(Math.min(width, 40)));
    case 'html':
      return paragraph([{ text: decode((t as Tokens.HTML).text.replace(/<[^>]*>/g, '')).trim() }], width) || undefined;
    default:
      return 'raw' in t ? paragraph([{ text: t.raw.trim() }], width) : undefined;
  }
}

/** `md` laid out for a terminal `width` columns wide, with a final newline. */
export function renderMarkdownText(md: string, width: number, st: MarkdownStyle): string {
  return `${blocks(new Lexer({ gfm: true }).lex(md), width, st)}\n`;
}
