// Reading an article's YAML front matter is most of what loading the knowledge costs (yaml's
// parser and its module were ~0.4 s of a 10-line log's start-up, issue 17). The bundled articles'
// front matter is therefore read once, when the package is built, into a table keyed by the YAML
// text itself; a run takes a hit from the table and gives only a miss (an edited article, a pack)
// to a YAML parser. Keyed by the text, a table can never answer for an article it was not made from.

/** The value of one front matter's YAML text (the text between the `---` lines). */
export type FrontMatterReader = (yaml: string) => unknown;

/** yaml's options for front matter: aliases are few, so a billion-laughs article is refused. */
export const FRONT_MATTER_YAML = { maxAliasCount: 10 } as const;

/** An article's text without its BOM and carriage returns: its front matter's YAML (if any) and the markdown after it. */
export function splitFrontMatter(text: string): { yaml?: string; body: string } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n?/.exec(src);
  return fm ? { yaml: fm[1], body: src.slice(fm[0].length) } : { body: src };
}

/** YAML text → the JSON text of its value. */
export type FrontMatterTable = Record<string, string>;

/**
 * The table of `texts`' front matter, read by `read`. A value JSON would not give back the same
 * (a date, say) and a front matter that does not parse are left out: the reader on a miss answers
 * for them, with the same value or the same error as without a table.
 */
export function frontMatterTable(texts: Iterable<string>, read: FrontMatterReader, same: (a: unknown, b: unknown) => boolean): FrontMatterTable {
  const table: FrontMatterTable = Object.create(null) as FrontMatterTable;
  for (const text of texts) {
    const yaml = splitFrontMatter(text).yaml;
    if (yaml === undefined || yaml in table) continue;
    let value: unknown;
    try {
      value = read(yaml);
    } catch {
      continue;
    }
    const json = JSON.stringify(value);
    if (json !== undefined && same(JSON.parse(json), value)) table[yaml] = json;
  }
  return table;
}

/** A reader that answers from `table` and asks `miss` for anything else. Each hit is a value of its own. */
export function tableReader(table: FrontMatterTable, miss: FrontMatterReader): FrontMatterReader {
  return (yaml) => (Object.hasOwn(table, yaml) ? JSON.parse(table[yaml]) : miss(yaml));
}
