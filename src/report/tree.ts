// Markup as data: one drawing, built once, written out as escaped HTML text (the HTML report) or
// turned into DOM nodes with log text as text nodes (the page, src/web/tree-dom.ts). Strings in
// a tree are always text, never markup.
export interface Tree {
  tag: string;
  attrs: Record<string, string | number>;
  children: Array<Tree | string>;
}

export function h(tag: string, attrs: Record<string, string | number | undefined> = {}, ...children: Array<Tree | string | undefined | false>): Tree {
  const a: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) a[k] = v;
  return { tag, attrs: a, children: children.filter((c): c is Tree | string => c !== undefined && c !== false) };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Elements of HTML that have no end tag. */
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'wbr']);

/** The tree as HTML (with inline SVG): names are ours, attribute values and text are escaped. */
export function toHtml(t: Tree): string {
  const attrs = Object.entries(t.attrs).map(([k, v]) => ` ${k}="${escape(typeof v === 'number' ? String(round(v)) : v)}"`).join('');
  if (VOID.has(t.tag)) return `<${t.tag}${attrs}>`;
  return `<${t.tag}${attrs}>${t.children.map((c) => (typeof c === 'string' ? escape(c) : toHtml(c))).join('')}</${t.tag}>`;
}

/** Coordinates to a tenth of a pixel: enough for a drawing, and a file a third the size. */
export function round(v: number): number {
  return Math.round(v * 10) / 10;
}
