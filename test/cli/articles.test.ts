// Articles in the terminal read as a person would want them, with colour and without: the title
// once, no markdown marks left raw (in list items too), inline code set apart from the prose even
// without colour, and lines that do not break inside a short parenthesis or a code span.
import test from 'ava';
import { Lexer, type Token, type Tokens } from 'marked';
import { renderArticle } from '../../src/cli/kb.js';
import { terminal } from '../../src/cli/terminal.js';
import type { Article } from '../../src/kb/article.js';
import { cli } from '../helpers/cli.js';
import { knowledge } from '../helpers/knowledge.js';

const WIDTH = 100;

const ANSI = /\x1b\[[0-9;]*m/g;
const plain = (s: string) => s.replace(ANSI, '');

/** The inline code spans of an article's prose (not of its code blocks), as written. */
function codeSpans(md: string): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[] | undefined) => {
    for (const t of tokens ?? []) {
      if (t.type === 'codespan') out.push((t as Tokens.Codespan).text);
      if (t.type === 'code') continue;
      const x = t as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
      walk(x.tokens);
      walk(x.items);
      for (const c of x.header ?? []) walk(c.tokens);
      for (const r of x.rows ?? []) for (const c of r) walk(c.tokens);
    }
  };
  walk(new Lexer().lex(md));
  return out;
}

/** The output's prose lines: code blocks (indented 4 or more past their paragraph) left out. */
function proseLines(out: string): string[] {
  const lines = plain(out).split('\n');
  const prose: string[] = [];
  let base = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const indent = l.length - l.trimStart().length;
    if (indent >= base + 4) continue;
    base = /^\s*(?:[•-]|\d+\.) /.test(l) ? indent + (/^\s*(\S+ )/.exec(l)![1].length) : indent;
    prose.push(l);
  }
  return prose;
}

/** Problems a reader would see in the rendering of article `a`. */
function problems(a: Article, out: string, color: boolean): string[] {
  const p: string[] = [];
  const text = plain(out);
  const titles = text.split('\n').filter((l) => l.trim() === a.title).length;
  if (titles !== 1) p.push(`the title is printed ${titles} times`);
  if (!color && out !== text) p.push('escape codes without colour');
  if (color && /\x1b\[0m \x1b\[0m|\x1b\[0m$/m.test(out)) p.push('stray reset codes');
  const prose = proseLines(out);
  for (const l of prose) {
    if (/\*\*|__\w|\]\(/.test(l)) p.push(`raw markdown: ${l.trim()}`);
    if (/\($/.test(l.trimEnd()) || /^\s*\)/.test(l)) p.push(`a line breaks at a parenthesis: ${l.trim()}`);
    if (l.length > WIDTH && l.trim().includes(' ')) p.push(`a line is wider than ${WIDTH}: ${l.trim()}`);
  }
  // A short parenthesis stays on one line.
  for (let i = 0; i + 1 < prose.length; i++) {
    const open = prose[i].lastIndexOf('(');
    if (open === -1 || prose[i].indexOf(')', open) !== -1) continue;
    const close = prose[i + 1].indexOf(')');
    if (close === -1 || prose[i + 1].slice(0, close).includes('(')) continue;
    const group = `${prose[i].slice(open)} ${prose[i + 1].trim().slice(0, prose[i + 1].trim().indexOf(')') + 1)}`;
    if (group.length <= 40) p.push(`a short parenthesis is broken: ${group}`);
  }
  // Inline code: in its own colour, or between backticks without; never run into the prose.
  const flat = prose.map((l) => l.trim()).join(' ');
  for (const c of codeSpans(a.body)) {
    if (c.length > 60) continue;
    const shown = c.replace(/\s+/g, ' ');
    if (!color && !flat.includes(`\`${shown}\``)) p.push(`inline code without its marks: ${c}`);
    if (color && !out.replace(/\n\s*/g, ' ').includes(`${shown}\x1b[39m`)) p.push(`inline code not coloured: ${c}`);
  }
  if (color && /`/.test(prose.join('\n').replace(new RegExp(codeSpans(a.body).map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '$^', 'g'), ''))) {
    p.push('backticks left in coloured prose');
  }
  return p;
}

test('every article reads cleanly without colour (NO_COLOR, a pipe)', async (t) => {
  const term = await terminal(false, WIDTH + 8);
  const all = [...knowledge().articles.values()].flatMap((a) => problems(a, renderArticle(a, term), false).map((p) => `${a.id}: ${p}`));
  t.deepEqual(all, []);
});

test('every article reads cleanly in colour', async (t) => {
  const term = await terminal(true, WIDTH + 8);
  const all = [...knowledge().articles.values()].flatMap((a) => problems(a, renderArticle(a, term), true).map((p) => `${a.id}: ${p}`));
  t.deepEqual(all, []);
});

test('kb prints an article the same way: once titled, its list items\' bold and code rendered', (t) => {
  const a = knowledge().articles.get('too-many-open-files')!;
  const r = cli(['kb', 'too-many-open-files']);
  t.is(r.code, 0);
  t.deepEqual(problems(a, r.stdout, false), []);
  t.regex(r.stdout, /^i2pd ran out of file descriptors \("Too many open files"\)\n=+\n/);
  t.regex(r.stdout, /\n {2}• The HTTP proxy, SOCKS proxy and client tunnels \(`ServiceAcceptor`\) do not re-arm:/);
  const coloured = cli(['kb', 'too-many-open-files'], undefined, { NO_COLOR: '', FORCE_COLOR: '1' });
  t.deepEqual(problems(a, coloured.stdout, true), []);
  t.regex(coloured.stdout, /do \x1b\[1mnot\x1b\[22m re-arm/);
  const twice = knowledge().articles.get('ssu2-socket-buffer-enobufs')!;
  t.deepEqual(problems(twice, cli(['kb', twice.id]).stdout, false), [], 'an article that repeats its title as a heading');
});

test('a table in an article is laid out in columns', (t) => {
  const r = cli(['kb', 'ssu2-socket-buffers-linux']);
  t.regex(r.stdout, /\n {2}router +request +got on a stock kernel +meaning\n/);
  t.regex(r.stdout, /\n {2}`bandwidth = P` +419430 +425984 +capped, but small: harmless\n/);
});
