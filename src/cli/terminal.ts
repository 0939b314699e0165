// Terminal output: colour only on a TTY and never with NO_COLOR; markdown rendered with marked
// and marked-terminal.
import type { Style } from '../report/text.js';
import { PLAIN } from '../report/text.js';

export function wantColor(stream: NodeJS.WriteStream, flag?: boolean): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (flag === true) return true;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}

export interface Terminal {
  style: Style;
  markdown: (md: string) => string;
}

export async function terminal(color: boolean, width = process.stdout.columns || 100): Promise<Terminal> {
  // The highlighter inside marked-terminal decides colour for itself when first loaded.
  if (!color) process.env.FORCE_COLOR = '0';
  const [{ Marked }, { markedTerminal }, { Chalk }] = await Promise.all([import('marked'), import('marked-terminal'), import('chalk')]);
  const chalk = new Chalk({ level: color ? 2 : 0 });
  const id = (s: string) => s;
  const styles = color
    ? {}
    : Object.fromEntries(['code', 'blockquote', 'html', 'heading', 'firstHeading', 'hr', 'listitem', 'table', 'paragraph', 'strong', 'em', 'codespan', 'del', 'link', 'href'].map((k) => [k, id]));
  const marked = new Marked();
  marked.use(markedTerminal({ ...styles, width: Math.min(Math.max(width - 8, 40), 110), reflowText: true, showSectionPrefix: false, emoji: false, tab: 2 }) as never);
  const style: Style = color
    ? { bold: chalk.bold, dim: chalk.dim, red: chalk.red, yellow: chalk.yellow, cyan: chalk.cyan, green: chalk.green }
    : PLAIN;
  return { style, markdown: (md) => String(marked.parse(md, { async: false })) };
}
