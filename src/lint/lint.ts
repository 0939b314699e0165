// `rules lint`: everything a contribution must satisfy, over one or more packs. Each finding
// names the file, the JSON path (or section) and what to do.
import { basename } from 'node:path';
import type { Article } from '../kb/article.js';
import { missingSections } from '../kb/article.js';
import type { Knowledge } from '../knowledge.js';
import { factsOf, NOT_SIGNALS } from '../rules/rule.js';
import { schemaErrors } from '../schemas/validate.js';
import { measureCosts, type CorpusCost } from './corpus-cost.js';
import type { RedosVerdict } from './redos.js';
import { catalogueFindings, type Catalogue } from './catalogue.js';
import { signatureProblems } from './signature-checks.js';
import { ruleArea, sampleNameFindings, type SharedSamples } from './sample-names.js';
import { terminalSafe } from '../report/safe-text.js';

import type { Finding, LintSample } from './finding.js';

export type { Finding, LintSample };

export interface LintInput {
  knowledge: Knowledge;
  samples: LintSample[];
  /** Sample runs that did not go as their expectation says, already worded. */
  sampleFailures: Finding[];
  redos: Map<string, RedosVerdict>;
  /** ms per million lines above which a signature fails lint. */
  costBudget: number;
  /** The message catalogue (rules/catalogue/), checked against the signatures. */
  catalogue?: Catalogue;
  /** Each pack's samples/shared.json: rules whose samples are another rule's. */
  sharedSamples?: SharedSamples[];
  /** The clock costs are measured by, in ms (the edge gives the process's CPU time). */
  clock?: () => number;
}

export interface LintResult {
  findings: Finding[];
  costs: CorpusCost[];
}

export function lint(input: LintInput): LintResult {
  const { knowledge: k, samples } = input;
  const findings: Finding[] = [];
  const err = (file: string | undefined, message: string) => findings.push({ level: 'error', file: file ?? '?', message });
  const warn = (file: string | undefined, message: string) => findings.push({ level: 'warning', file: file ?? '?', message });

  for (const p of k.problems) {
    const i = p.indexOf(': ');
    err(i > 0 ? p.slice(0, i) : '?', i > 0 ? p.slice(i + 2) : p);
  }

  const sigIds = new Set(k.signatures.map((s) => s.id));
  const used = new Set<string>();
  for (const r of k.rules) {
    const file = r.file;
    const stem = basename(file ?? '', '.json');
    if (file && stem !== r.id) err(file, `$.id: "${r.id}" differs from the file name; rename the file to ${r.id}.json or change the id`);
    const a = k.articles.get(r.article);
    if (!a) err(file, `$.article: no article "${r.article}" in kb/; create kb/${r.article}.md (i2pd-doctor rules new scaffolds one)`);
    for (const f of factsOf(r.conditions)) {
      if (NOT_SIGNALS.has(f)) continue;
      if (!sigIds.has(f)) err(file, `$.conditions: fact "${f}" is neither a signature id nor config/env/derived/stats; define it in rules/signatures/ or fix the spelling`);
      used.add(f);
    }
    for (const x of r.explains ?? []) if (!k.runner.byId.has(x)) err(file, `$.explains: no rule "${x}"`);
    if (r.replacedBy && !k.runner.byId.has(r.replacedBy)) err(file, `$.replacedBy: no rule "${r.replacedBy}"`);
    if (!samples.some((s) => s.fire.includes(r.id))) err(file, `no sample fires this rule; add samples/${ruleArea(file) || '<area>'}/${r.id}.log with an .expect.json whose "fire" names "${r.id}"`);
    if (!samples.some((s) => s.quiet.includes(r.id))) err(file, `no quiet sample: add a similar-looking log whose .expect.json lists "${r.id}" in "quiet"`);
    if (/\bTODO\b/.test(JSON.stringify(r))) err(file, 'still has TODO placeholders from `rules new`; fill them in');
  }
  for (const s of k.signatures) {
    for (const p of signatureProblems(s)) findings.push({ level: p.level, file: s.file, message: `signature ${s.id}: ${p.message}` });
    if (!used.has(s.id) && !s.sets && !s.marks) warn(s.file, `signature ${s.id}: no rule uses it; use it in a rule's conditions or remove it`);
    const v = s.pattern ? input.redos.get(s.pattern) : undefined;
    if (v?.status === 'vulnerable') {
      const what = `signature ${s.id}: $.pattern can backtrack catastrophically (${v.complexity}${v.attack ? `, e.g. on "${terminalSafe(v.attack)}…"` : ''})`;
      // Quadratic on an 8 KiB message is bounded; from the third degree on one line takes seconds.
      if (/exponential/.test(v.complexity ?? '')) err(s.file, `${what}; remove the nested or overlapping repetition`);
      else if (!/^2nd degree/.test(v.complexity ?? '')) err(s.file, `${what}; anchor it or make adjacent repetitions exclusive ([^:]+ instead of .+)`);
    } else if (v?.status === 'unknown') warn(s.file, `signature ${s.id}: $.pattern could not be proven free of catastrophic backtracking (${v.complexity ?? 'no verdict'}); simplify it`);
  }
  findings.push(...sampleNameFindings(k.rules, samples, input.sharedSamples ?? []));
  for (const [id, a] of k.articles) lintArticle(id, a, k, err);
  if (input.catalogue) findings.push(...catalogueFindings(input.catalogue, k.signatures));
  findings.push(...input.sampleFailures);

  const costs = measureCosts(k.signatures, input.clock, input.costBudget).sort((a, b) => b.msPerMillionLines - a.msPerMillionLines);
  for (const c of costs) {
    const s = k.signatures.find((x) => x.id === c.id);
    if (c.stopped) err(s?.file, `signature ${c.id}: measuring its cost stopped after ${c.stopped.ms} ms on ${c.stopped.lines} of ${c.stopped.of} lines, at ${Math.round(c.msPerMillionLines)} ms per million lines, over the budget of ${input.costBudget}; make the literal more specific or the pattern simpler`);
    else if (c.msPerMillionLines > input.costBudget) err(s?.file, `signature ${c.id}: costs ${Math.round(c.msPerMillionLines)} ms per million lines, over the budget of ${input.costBudget}; make the literal more specific or the pattern simpler`);
  }
  return { findings, costs };
}

function lintArticle(id: string, a: Article, k: Knowledge, err: (file: string | undefined, m: string) => void): void {
  const file = a.file;
  for (const e of schemaErrors('article', a.meta)) err(file, `front matter ${e}`);
  if (file && basename(file, '.md') !== id) err(file, `front matter $.id: "${id}" differs from the file name; rename the file to ${id}.md`);
  for (const s of missingSections(a)) err(file, `section "## ${s}" is missing or empty; write it (see docs/formats.md, Articles)`);
  if (/\bTODO\b/.test(a.body)) err(file, 'still has TODO placeholders from `rules new`; fill them in');
  const rules = Array.isArray(a.meta.rules) ? (a.meta.rules as unknown[]) : [];
  for (const r of rules) if (typeof r === 'string' && !k.runner.byId.has(r)) err(file, `front matter $.rules: no rule "${r}"`);
}
