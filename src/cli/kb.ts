// `i2pd-doctor kb [id]`: the knowledge base from the terminal.
import { say, writeOut } from './output.js';
import { terminalSafe } from '../report/safe-text.js';
import { contentFor, type PackOptions } from './content.js';
import type { Article } from '../kb/article.js';
import { terminal, wantColor, type Terminal } from './terminal.js';

export async function kbCommand(id: string | undefined, o: PackOptions & { color?: boolean }): Promise<number> {
  // The articles of the packs too (--rules, .i2pd-doctor.json): analyze points at them by id.
  const content = contentFor(o);
  if (!content) return 2;
  const k = content.knowledge;
  const t = await terminal(wantColor(process.stdout, o.color === false ? false : undefined));
  if (!id) {
    const list = [...k.articles.values()].sort((a, b) => a.id.localeCompare(b.id));
    const w = Math.max(...list.map((a) => a.id.length), 2);
    writeOut(`${list.length} articles (i2pd-doctor kb <id> prints one)\n\n`);
    for (const a of list) writeOut(terminalSafe(`${a.id.padEnd(w)}  ${a.title}\n`));
    return 0;
  }
  const a = k.articles.get(id);
  if (!a) {
    const near = [...k.articles.keys()].filter((x) => x.includes(id) || id.includes(x)).slice(0, 5);
    say(`no article "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (i2pd-doctor kb lists them)`);
    return 2;
  }
  writeOut(renderArticle(a, t));
  return 0;
}

/** An article as `kb <id>` prints it: titled once, by its front matter, whatever its body begins with. */
export function renderArticle(a: Article, t: Terminal): string {
  return t.markdown(`# ${terminalSafe(a.title)}\n\n${a.body.replace(/^\s*#[ \t]+.*\n/, '')}`);
}
