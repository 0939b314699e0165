// `i2pd-doctor rules …`: what the rule set contains.
import { say, writeOut } from './output.js';
import fg from 'fast-glob';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findDrift, templatesOf } from '../lint/source-drift.js';
import { PACKAGE_ROOT } from '../node/content/content-loader.js';
import { COST_BUDGET_MS, lintPacks, packSamples } from '../node/content/lint-run.js';
import { loadContent } from '../node/content/packs.js';
import { scaffold, scaffoldProblem, writeScaffold } from '../node/content/scaffold.js';
import { nearest } from '../rules/nearest.js';
import { formatFailure, runSample, samplesFor } from '../node/content/rule-tests.js';
import { contentFor, type PackOptions } from './content.js';

export async function rulesListCommand(o: PackOptions & { format: 'text' | 'json' }): Promise<number> {
  const c = contentFor(o);
  if (!c) return 2;
  const k = c.knowledge;
  const samples = packSamples(c.packs).flatMap((p) => p.samples);
  const rows = k.rules
    .map((r) => ({
      id: r.id,
      severity: r.severity,
      status: r.status,
      area: r.file?.split(/[\\/]/).slice(-2, -1)[0] ?? '',
      article: k.articles.has(r.article) ? r.article : `${r.article} (missing)`,
      fire: samples.filter((s) => s.expect.fire?.[r.id] !== undefined).length,
      quiet: samples.filter((s) => s.expect.quiet?.includes(r.id)).length,
      title: r.title,
    }))
    .sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id));
  if (o.format === 'json') {
    writeOut(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length), 4);
  writeOut(`${rows.length} rules, ${k.articles.size} articles, ${samples.length} samples\n\n`);
  writeOut(`${'area'.padEnd(10)} ${'rule'.padEnd(w)} ${'severity'.padEnd(8)} fire quiet  article\n`);
  for (const r of rows) {
    writeOut(`${r.area.padEnd(10)} ${r.id.padEnd(w)} ${r.severity.padEnd(8)} ${String(r.fire).padStart(4)} ${String(r.quiet).padStart(5)}  ${r.article}\n`);
  }
  return 0;
}

export async function rulesLintCommand(o: PackOptions & { format: 'text' | 'json' }): Promise<number> {
  // The bundled content is checked afresh: the build's table would pass it unseen.
  const c = loadContent(o.rules ?? [], process.cwd(), false);
  // A pack that is not there must not pass as "0 errors in" nothing.
  if (c.unreadable.length) {
    for (const e of c.unreadable) say(e);
    return 2;
  }
  // The packs given with --rules or named in .i2pd-doctor.json; without either, the bundled content.
  const targets = c.packs.length > 1 ? c.packs.slice(1) : [PACKAGE_ROOT];
  const { findings, costs } = await lintPacks(c, targets);
  const errors = findings.filter((f) => f.level === 'error').length;
  if (o.format === 'json') {
    writeOut(JSON.stringify({ findings, costs }, null, 2) + '\n');
    return errors ? 1 : 0;
  }
  const byFile = new Map<string, typeof findings>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    writeOut(`${file}\n`);
    for (const f of list) writeOut(`  ${f.level === 'error' ? 'error  ' : 'warning'} ${f.message}\n`);
  }
  if (costs.length) {
    const med = costs[Math.floor(costs.length / 2)].msPerMillionLines;
    const top = costs.slice(0, 3).map((x) => `${x.id} ${Math.round(x.msPerMillionLines)}`).join(', ');
    writeOut(`\nsignature cost, ms per million lines: median ${Math.round(med)}, highest ${top} (budget ${COST_BUDGET_MS})\n`);
  }
  const warnings = findings.length - errors;
  writeOut(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${targets.map((t) => relative(process.cwd(), t) || '.').join(', ')}\n`);
  return errors ? 1 : 0;
}

export async function rulesTestCommand(ids: string[], o: PackOptions): Promise<number> {
  const c = contentFor(o);
  if (!c) return 2;
  const k = c.knowledge;
  for (const id of ids) {
    if (!k.runner.byId.has(id)) {
      say(`no rule "${id}"; run i2pd-doctor rules list`);
      return 2;
    }
  }
  let failed = 0;
  let ran = 0;
  for (const { root, samples } of packSamples(c.packs)) {
    for (const s of samplesFor(samples, ids)) {
      const r = await runSample(s, k, root);
      ran++;
      if (r.failures.length) {
        failed++;
        writeOut(formatFailure(r) + '\n');
      } else writeOut(`✓ ${s.expectFile}\n`);
    }
  }
  if (ran === 0) {
    say(`no sample names ${ids.join(', ')}; add samples/<area>/<name>.log with an .expect.json`);
    return 1;
  }
  writeOut(`\n${ran - failed} of ${ran} samples pass${failed ? `, ${failed} fail` : ''}\n`);
  return failed ? 1 : 0;
}

export interface NewOptions {
  area: string;
  rules?: string;
  signature?: string;
}

export async function rulesNewCommand(id: string, o: NewOptions): Promise<number> {
  const root = resolve(o.rules ?? '.');
  const opts = { id, area: o.area, root, signature: o.signature };
  const problem = scaffoldProblem(opts);
  if (problem) {
    say(problem);
    return 2;
  }
  if (o.rules && !existsSync(root)) mkdirSync(root, { recursive: true });
  const c = loadContent(root === PACKAGE_ROOT ? [] : [root]);
  // The next steps must find the new rule: outside the bundled content and the project config's
  // packs, that takes --rules.
  const loaded = root === PACKAGE_ROOT || c.configPacks.includes(root);
  const clash = c.knowledge.runner.byId.get(id);
  if (clash) {
    say(`a rule "${id}" exists already (${clash.file ?? 'bundled'}); choose another id, or extend that rule`);
    return 2;
  }
  if (o.signature && !c.knowledge.signatures.some((s) => s.id === o.signature)) {
    const near = nearest(o.signature, c.knowledge.signatures.map((s) => s.id));
    say(`no signature "${o.signature}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (add it to rules/signatures/ first, or leave out --signature)`);
    return 2;
  }
  const { written, existing } = writeScaffold(scaffold(opts));
  if (existing.length) {
    say(`not overwriting: ${existing.map((f) => relative(process.cwd(), f)).join(', ')} exist${existing.length === 1 ? 's' : ''}; nothing written`);
    return 2;
  }
  const rel = (f: string) => relative(process.cwd(), f) || '.';
  const pack = loaded ? '' : ` --rules ${rel(root)}`;
  writeOut(`created:\n${written.map((f) => `  ${rel(f)}\n`).join('')}
next: replace every TODO (CONTRIBUTING.md walks through it), then
  i2pd-doctor rules lint${pack}
  i2pd-doctor rules test ${id}${pack}
  i2pd-doctor explain ${id} ${rel(written[2])}${pack}
`);
  return 0;
}

export async function rulesCheckSourceCommand(tree: string, o: PackOptions & { format: 'text' | 'json' }): Promise<number> {
  const c = contentFor(o);
  if (!c) return 2;
  if (!existsSync(tree) || !statSync(tree).isDirectory()) {
    say(`${tree}: no such folder; give the root of an i2pd source tree (git clone https://github.com/PurpleI2P/i2pd)`);
    return 2;
  }
  const files = fg.sync(['**/*.cpp', '**/*.h'], { cwd: tree, ignore: ['**/node_modules/**'] }).sort();
  const templates = files.flatMap((f) => templatesOf(readFileSync(join(tree, f), 'utf8'), f));
  if (templates.length === 0) {
    say(`${tree}: no LogPrint calls in its .cpp/.h files; is this i2pd's source?`);
    return 2;
  }
  const drift = findDrift(c.knowledge.signatures, templates);
  if (o.format === 'json') {
    writeOut(JSON.stringify({ files: files.length, templates: templates.length, drift }, null, 2) + '\n');
    return drift.length ? 1 : 0;
  }
  for (const d of drift) {
    writeOut(`${d.file ? `${relative(process.cwd(), d.file)}: ` : ''}${d.id}: "${d.literal}" is in no LogPrint call\n`);
    writeOut(d.closest ? `  closest: "${d.closest.template}" (${d.closest.where})\n` : '  no similar message\n');
  }
  const checked = c.knowledge.signatures.filter((s) => s.kind === 'log').length;
  writeOut(`${drift.length} of ${checked} log signatures not found among ${templates.length} LogPrint templates in ${files.length} files\n`);
  return drift.length ? 1 : 0;
}
