// Gathers what `rules lint` needs from disk — packs, samples, sample runs, ReDoS verdicts — and
// keeps the findings that belong to the packs being linted.
import { parseCatalogue } from '../../lint/catalogue.js';
import { lint, type Finding, type LintResult } from '../../lint/lint.js';
import type { SharedSamples } from '../../lint/sample-names.js';
import { checkRedos } from '../../lint/redos.js';
import { PACKAGE_ROOT, readCatalogue } from './content-loader.js';
import type { Content } from './packs.js';
import { CONFIG_FILE, inPacks, missingPackFolders } from './packs.js';
import { runSample } from './rule-tests.js';
import { findSamples, type Sample } from './samples.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { formatBytes } from '../../read/limits.js';
import { join, relative, resolve } from 'node:path';

/** A signature over this many ms per million lines fails lint; typical ones cost well under 100. */
export const COST_BUDGET_MS = 2000;

/**
 * The cost of a signature is the CPU time it takes: on a busy machine the wall clock also counts
 * the time other processes had the core (a pass of 2 ms read as 20), and lint failed on that.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A sample (its files together) larger than this is not run by lint, and says so. */
export const MAX_SAMPLE_BYTES = 4 * 1024 * 1024;

export function packSamples(packs: string[]): { root: string; samples: Sample[] }[] {
  return packs.map((root) => ({ root, samples: findSamples(root) }));
}

/** Each pack's samples/shared.json (rules whose samples are another rule's), or a finding. */
function sharedSamples(packs: string[], findings: Finding[]): SharedSamples[] {
  return packs.flatMap((root) => {
    const abs = join(root, 'samples', 'shared.json');
    if (!existsSync(abs)) return [];
    const file = relative(process.cwd(), abs);
    try {
      const entries: unknown = JSON.parse(readFileSync(abs, 'utf8'));
      if (entries && typeof entries === 'object' && !Array.isArray(entries)) return [{ file, entries: entries as SharedSamples['entries'] }];
      findings.push({ level: 'error', file, message: 'must be an object: rule id → { "sample": "<area>/<name>", "reason": "…" }' });
    } catch (e) {
      findings.push({ level: 'error', file, message: `not valid JSON: ${(e as Error).message}` });
    }
    return [];
  });
}

/** A pack that lacks some of rules/, kb/, samples/ is told which (one that lacks all is no pack). */
function layoutFindings(targets: string[]): Finding[] {
  return targets.filter((t) => t !== PACKAGE_ROOT).flatMap((t): Finding[] => {
    const missing = missingPackFolders(t);
    if (missing.length === 0) return [];
    return [{
      level: 'warning',
      file: relative(process.cwd(), t) || '.',
      message: `this pack has ${missing.map((d) => `no ${d}/`).join(' and ')} folder: a pack holds rules/, kb/ and samples/ side by side (rules in rules/<area>/, articles in kb/, samples in samples/<area>/; CONTRIBUTING.md, Packs)`,
    }];
  });
}

export async function lintPacks(content: Content, targets: string[]): Promise<LintResult> {
  const k = content.knowledge;
  const all = packSamples(content.packs);
  const sampleFailures: Finding[] = [];
  for (const { root, samples } of all) {
    if (!targets.includes(root)) continue;
    for (const s of samples) {
      const file = relative(process.cwd(), `${root}/${s.expectFile}`);
      // A sample is a short excerpt; a huge one would hold lint for as long as it takes to read.
      const bytes = s.files.reduce((n, f) => n + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
      if (bytes > MAX_SAMPLE_BYTES) {
        sampleFailures.push({ level: 'error', file, message: `the sample's files hold ${formatBytes(bytes)}, over lint's limit of ${formatBytes(MAX_SAMPLE_BYTES)} for one sample; cut it to the lines that matter` });
        continue;
      }
      const r = await runSample(s, k, root);
      for (const f of [join(root, s.expectFile), ...s.files]) {
        if (/\bTODO\b/.test(readFileSync(f, 'utf8'))) sampleFailures.push({ level: 'error', file: relative(process.cwd(), f), message: 'still has TODO placeholders from `rules new`; fill them in' });
      }
      for (const f of r.failures) {
        sampleFailures.push({ level: 'error', file, message: `${f.rule ? `${f.rule}: ` : ''}expected ${f.expected}, got ${f.actual}` });
      }
    }
  }
  const redos = await checkRedos(k.signatures.filter((s) => inPacks(s.file, targets)).flatMap((s) => (s.pattern ? [s.pattern] : [])));
  const samples = all.flatMap(({ samples }) => samples.map((s) => ({ expectFile: s.expectFile, fire: Object.keys(s.expect.fire ?? {}), quiet: s.expect.quiet ?? [] })));
  const errorsAsFindings: Finding[] = content.errors.map((e) => ({ level: 'error', file: e.slice(0, Math.max(0, e.indexOf(': '))) || '?', message: e.slice(e.indexOf(': ') + 2) }));
  const withProblems = { ...k, problems: [...k.problems] };
  const catalogue = parseCatalogue(readCatalogue(content.packs));
  const shared = sharedSamples(content.packs, sampleFailures);
  const result = lint({ knowledge: withProblems, samples, sampleFailures, redos, costBudget: COST_BUDGET_MS, catalogue, sharedSamples: shared, clock: cpuMs });
  // The project config is the user's too: its mistakes are findings like a pack's.
  const cfg = resolve(CONFIG_FILE);
  const findings = [...layoutFindings(targets), ...errorsAsFindings, ...result.findings].filter((f) => f.file === '?' || inPacks(f.file, targets) || resolve(f.file) === cfg);
  const ids = new Set(k.signatures.filter((s) => inPacks(s.file, targets)).map((s) => s.id));
  return { findings, costs: result.costs.filter((c) => ids.has(c.id)) };
}
