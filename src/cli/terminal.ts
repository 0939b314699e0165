// Terminal output: colour only on a TTY and never with NO_COLOR; markdown laid out by
// markdown-text.ts, in chalk's colours or in plain text.
import type { Style } from '../report/text.js';
import { PLAIN } from '../report/text.js';
import type { MarkdownStyle } from './markdown-text.js';
import { terminalSafe } from '../report/safe-text.js';

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
  // Loaded here, not with the command: only text output lays out markdown (marked's lexer).
  const [{ Chalk }, { renderMarkdownText }] = await Promise.all([import('chalk'), import('./markdown-text.js')]);
  const chalk = new Chalk({ level: color ? 2 : 0 });
  const id = (s: string) => s;
  const md: MarkdownStyle = color
    ? { h1: chalk.bold.underline, h2: chalk.bold.green, h3: chalk.bold, strong: chalk.bold, em: chalk.italic, code: chalk.yellow, block: chalk.cyan, link: chalk.underline, dim: chalk.dim, color }
    : { h1: id, h2: id, h3: id, strong: id, em: id, code: id, block: id, link: id, dim: id, color };
  const style: Style = color
    ? { bold: chalk.bold, dim: chalk.dim, red: chalk.red, yellow: chalk.yellow, cyan: chalk.cyan, green: chalk.green }
    : PLAIN;
  // A little narrower than the terminal: the report indents articles under each finding.
  const columns = Math.min(Math.max(width - 8, 40), 100);
  // Articles and questions come from packs too: their controls are made visible before our colours go on.
  return { style, markdown: (text) => renderMarkdownText(terminalSafe(text), columns, md) };
}
