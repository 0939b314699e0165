// `i2pd-doctor rules coverage <i2pd tree>`: how many of the messages i2pd prints at critical,
// error and warn the content knows, per level and per release, and which it does not.
import { say, writeOut } from './output.js';
import { parseCatalogue } from '../lint/catalogue.js';
import { coverageOf, GOAL, type ReleaseCalls, type ReleaseCoverage } from '../lint/coverage.js';
import { readCatalogue } from '../node/content/content-loader.js';
import { defaultReleases, openTree, plainCalls, releaseCalls, TreeError, type Tree } from '../node/content/i2pd-tree.js';
import { inPacks } from '../node/content/packs.js';
import { contentFor, type PackOptions } from './content.js';

export interface CoverageOptions extends PackOptions {
  release?: string[];
  format: 'text' | 'json';
}

const pct = (x: number) => `${(Math.floor(x * 1000) / 10).toFixed(1)} %`;
const whole = (x: number) => `${Math.round(x * 100)} %`;
const GOAL_TEXT = `${whole(GOAL.critical)} of critical, ${whole(GOAL.error)} of error, at least ${whole(GOAL.warn)} of warn, in each release shown`;

export async function rulesCoverageCommand(treeArg: string, o: CoverageOptions): Promise<number> {
  const c = contentFor(o);
  if (!c) return 2;
  const catalogue = parseCatalogue(readCatalogue(c.packs));
  const userProblems = catalogue.problems.filter((p) => inPacks(p.slice(0, p.indexOf(': ')), c.packs.slice(1)));
  for (const p of catalogue.problems) say(`catalogue: ${p}`);
  if (userProblems.length) {
    say('fix the catalogue above (i2pd-doctor rules lint --rules <dir> lists every problem)');
    return 2;
  }
  let releases: ReleaseCalls[];
  let tree: Tree;
  try {
    tree = openTree(treeArg);
    if (tree.kind === 'plain') {
      if (o.release?.length) {
        say(`${treeArg}: not a git repository, so it has no releases to choose; leave out --release to measure this tree, or give a clone or mirror of i2pd`);
        return 2;
      }
      releases = [{ release: treeArg, calls: plainCalls(tree) }];
    } else {
      const t = tree;
      const wanted = o.release?.includes('all') ? t.tags.filter((x) => !x.startsWith('0.')) : o.release?.length ? [...new Set(o.release)] : defaultReleases(t);
      releases = wanted.map((tag) => ({ release: tag, calls: releaseCalls(t, tag) }));
    }
  } catch (e) {
    if (e instanceof TreeError) {
      say(e.message);
      return 2;
    }
    throw e;
  }
  if (releases.every((r) => r.calls.length === 0)) {
    say(`${treeArg}: no LogPrint calls at critical, error or warn in its .cpp/.h files${tree.kind === 'git' ? ` at ${releases.map((r) => r.release).join(', ')}` : ''}; is this i2pd's source?`);
    return 2;
  }
  const result = coverageOf(releases, c.knowledge.signatures, catalogue);
  const met = result.every((r) => r.met);
  if (o.format === 'json') {
    writeOut(JSON.stringify({ tree: treeArg, goal: GOAL, met, releases: result.map((r) => ({ ...r, calls: releases.find((x) => x.release === r.release)!.calls.length })) }, null, 2) + '\n');
    return met ? 0 : 1;
  }
  writeOut(text(result, releases));
  return met ? 0 : 1;
}

function text(result: ReleaseCoverage[], releases: ReleaseCalls[]): string {
  let out = '';
  const head = ['level', 'templates', 'signature', 'skip', 'todo', 'unknown', 'covered', 'goal', ''];
  const width = [8, 9, 9, 5, 5, 7, 8, 5];
  const row = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(width[i]) : i < width.length ? x.padStart(width[i]) : x)).join('  ').trimEnd() + '\n';
  for (const r of result) {
    const calls = releases.find((x) => x.release === r.release)!.calls.length;
    out += `${r.release}: ${calls} LogPrint calls at critical, error and warn\n`;
    out += row(head);
    for (const l of r.levels) {
      out += row([l.level, String(l.templates), String(l.signature), String(l.skip), String(l.todo), String(l.unknown), pct(l.share), whole(l.goal), l.met ? 'met' : 'under']);
    }
    out += '\n';
  }
  for (const r of result) {
    if (r.missing.length === 0) continue;
    out += `not covered in ${r.release} (${r.missing.length}):\n`;
    for (const v of r.missing) {
      out += `  ${v.level.padEnd(8)} ${v.status.padEnd(7)} ${v.sites.join(', ')}  ${v.template}\n`;
    }
    out += '\n';
  }
  if (result.some((r) => r.missing.some((v) => v.status === 'unknown'))) {
    out += `unknown: in no signature and not in rules/catalogue/; write a signature, or list it in rules/catalogue/<module>.json with "skip" and the reason (docs/formats.md)\n`;
  }
  if (result.some((r) => r.missing.some((v) => v.status === 'todo'))) {
    out += `todo: listed as deserving a signature that is not written yet (rules/catalogue/)\n`;
  }
  const under = result.filter((r) => !r.met).map((r) => r.release);
  const over = result.filter((r) => r.met).map((r) => r.release);
  out += `goal (${GOAL_TEXT}): ${[over.length ? `met for ${over.join(', ')}` : '', under.length ? `not met for ${under.join(', ')}` : ''].filter(Boolean).join('; ')}\n`;
  return out;
}
