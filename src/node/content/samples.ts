// Samples with their expectations: `<name>.expect.json` beside a file, or `expect.json` in a
// folder that is one case.
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packFolderProblem } from './content-loader.js';
import { globSync } from '../read/walk.js';

export interface Expectation {
  description?: string;
  fire?: Record<string, 'confirmed' | 'likely' | 'cannot-tell' | 'any'>;
  quiet?: string[];
  clean?: boolean;
  /** Rule ids in the order the report must list them (root causes first). */
  order?: string[];
}

export interface Sample {
  /** Path of the expectation file. */
  expectFile: string;
  /** The files that make the case. */
  files: string[];
  name: string;
  expect: Expectation;
}

export function findSamples(root: string): Sample[] {
  const out: Sample[] = [];
  // A samples/ that links outside the pack is not walked (loading the pack says so).
  if (packFolderProblem(root, 'samples')) return out;
  for (const f of globSync(fg, ['samples/**/*.expect.json', 'samples/**/expect.json'], { cwd: root, followSymbolicLinks: false }, [])) {
    const abs = join(root, f);
    let expect: Expectation;
    try {
      expect = JSON.parse(readFileSync(abs, 'utf8')) as Expectation;
    } catch (e) {
      throw new Error(`${f}: not valid JSON: ${(e as Error).message}`);
    }
    if (f.endsWith('/expect.json') || f === 'expect.json') {
      const dir = dirname(abs);
      const files = globSync(fg, ['**/*'], { cwd: dir, ignore: ['expect.json'], onlyFiles: true, followSymbolicLinks: false }, []).map((x) => join(dir, x));
      out.push({ expectFile: f, files, name: dirname(f), expect });
    } else {
      const base = abs.slice(0, -'.expect.json'.length);
      const files = globSync(fg, [`${fg.escapePath(base.split('/').pop()!)}.*`], { cwd: dirname(abs), onlyFiles: true, followSymbolicLinks: false }, [])
        .filter((x) => !x.endsWith('.expect.json'))
        .map((x) => join(dirname(abs), x));
      out.push({ expectFile: f, files, name: f.slice(0, -'.expect.json'.length), expect });
    }
  }
  return out;
}
