// A drawing built as data (src/report/tree.ts) as DOM nodes: SVG elements in the SVG namespace,
// and every string a text node, so log text in a label can never become markup.
import type { Tree } from '../report/tree.js';

const SVG = 'http://www.w3.org/2000/svg';

export function toDom(t: Tree, svg = false): Element {
  const inSvg = svg || t.tag === 'svg';
  const e = inSvg ? document.createElementNS(SVG, t.tag) : document.createElement(t.tag);
  for (const [k, v] of Object.entries(t.attrs)) e.setAttribute(k, String(v));
  for (const c of t.children) e.append(typeof c === 'string' ? document.createTextNode(c) : toDom(c, inSvg));
  return e;
}
