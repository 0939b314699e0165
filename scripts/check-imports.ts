// Imports in src/ run one way (DESIGN.md, "Layout"): an edge imports stages, a stage imports the
// stages before it, never after, and no module reaches itself through its imports. Lists every
// import that breaks that: a loop between files, an import up the order or sideways between two
// folders of one rank, a folder the order does not place. Type-only imports count too: a type
// that lives in a later stage is a later stage's word. Run by test/scripts/check-imports.test.ts;
// `npx tsx scripts/check-imports.ts` prints the same and fails when there is anything to say.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The order of src/, first to last: each entry is a top-level folder (or file, without .ts) of
 * src/; a name may import the names of earlier ranks only, and names of one rank not each other.
 */
export const ORDER: string[][] = [
  ['model'], // the words every stage speaks: entries, signals, facts, diagnoses (types and lists)
  ['read'], // bytes → lines
  ['parse'], // lines → entries, configs → config facts
  ['redact'], // pseudonyms for what was parsed
  ['match'], // entries → signals
  ['facts'], // signals + config + environment → facts
  ['schemas'], // the shape of content files, which rules and signatures are checked against
  ['rules'], // facts → diagnoses
  ['kb'], // articles
  ['report'], // the report model and its renderings
  ['knowledge'], // a content pack (signatures, rules, articles) made ready for a run
  ['lint', 'triage'], // contribution checks; an issue as GitHub delivers it, and the bot's comment
  ['analyze'], // the case orchestrator that wires the stages
  ['node', 'web', 'types'], // the edges: files, threads, content loading; the page; its ambient types
  ['cli'], // the commands, over the Node edge
];

export interface ImportProblem {
  kind: 'loop' | 'upward' | 'sideways' | 'unplaced';
  /** Files relative to src/: a loop's files in import order, otherwise importer and imported. */
  files: string[];
}

const rank = new Map(ORDER.flatMap((names, i) => names.map((n) => [n, i] as const)));

/** `facts/window.ts` → `facts`; `model.ts` → `model`. */
export function placeOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file.replace(/\.(d\.)?ts$/, '') : file.slice(0, slash);
}

function sourceFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p, root);
    return d.name.endsWith('.ts') ? [relative(root, p)] : [];
  });
}

/** Each file's relative imports (static, dynamic, re-exports, type-only), as files relative to src/. */
export function importGraph(srcDir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(srcDir).sort()) {
    const text = readFileSync(join(srcDir, file), 'utf8');
    const targets = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((n) => n.startsWith('.'))
      .map((n) => relative(srcDir, resolve(srcDir, dirname(file), n)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The loops of a graph: its strongly connected components of more than one file (or a file importing itself). */
function loops(graph: Map<string, string[]>): string[][] {
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || graph.get(v)!.includes(v)) out.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

export function importProblems(srcDir: string): ImportProblem[] {
  const graph = importGraph(srcDir);
  const problems: ImportProblem[] = loops(graph).map((files) => ({ kind: 'loop', files }));
  const unplaced = new Set<string>();
  for (const [file, targets] of graph) {
    const from = placeOf(file);
    if (!rank.has(from)) {
      if (!unplaced.has(from)) problems.push({ kind: 'unplaced', files: [file] });
      unplaced.add(from);
      continue;
    }
    for (const target of targets) {
      const to = placeOf(target);
      if (to === from || !rank.has(to)) continue;
      const a = rank.get(from)!;
      const b = rank.get(to)!;
      if (b > a) problems.push({ kind: 'upward', files: [file, target] });
      else if (b === a) problems.push({ kind: 'sideways', files: [file, target] });
    }
  }
  return problems;
}

export function describe(p: ImportProblem): string {
  switch (p.kind) {
    case 'loop':
      return `import loop: ${p.files.join(', ')} reach each other through their imports`;
    case 'upward':
      return `${p.files[0]} imports ${p.files[1]}: ${placeOf(p.files[0])} comes before ${placeOf(p.files[1])} in the flow; move what it needs down, or the importer up`;
    case 'sideways':
      return `${p.files[0]} imports ${p.files[1]}: ${placeOf(p.files[0])} and ${placeOf(p.files[1])} are of one rank and must not import each other`;
    case 'unplaced':
      return `${p.files[0]}: src/${placeOf(p.files[0])} has no place in scripts/check-imports.ts's ORDER: add it where it belongs in the flow`;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, '/'))) {
  const problems = importProblems(join(dirname(new URL(import.meta.url).pathname), '..', 'src'));
  for (const p of problems) process.stdout.write(`${describe(p)}\n`);
  process.exitCode = problems.length ? 1 : 0;
}
