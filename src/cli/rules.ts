// `i2pd-doctor rules …`: what the rule set contains.
import { loadKnowledge, PACKAGE_ROOT } from '../node/content-loader.js';
import { findSamples } from '../node/samples.js';

export async function rulesListCommand(o: { format: 'text' | 'json' }): Promise<number> {
  const k = loadKnowledge();
  const samples = findSamples(PACKAGE_ROOT);
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
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rows.map((r) => r.id.length), 4);
  process.stdout.write(`${rows.length} rules, ${k.articles.size} articles, ${samples.length} samples\n\n`);
  process.stdout.write(`${'area'.padEnd(10)} ${'rule'.padEnd(w)} ${'severity'.padEnd(8)} fire quiet  article\n`);
  for (const r of rows) {
    process.stdout.write(`${r.area.padEnd(10)} ${r.id.padEnd(w)} ${r.severity.padEnd(8)} ${String(r.fire).padStart(4)} ${String(r.quiet).padStart(5)}  ${r.article}\n`);
  }
  return 0;
}
