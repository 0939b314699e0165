// `npm run corpus`: the scoreboard. Analyses every real report of test/corpus/ as a user would
// and prints one line per report and the totals (test/corpus/README.md says how it scores).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge, PACKAGE_ROOT } from '../src/node/content/content-loader.js';
import { classList, corpusIds, passes, readKnownMisses, scoreMarkdown, scoreReport, totals, type ReportScore, type Totals } from './corpus-score.js';

const USAGE = `usage: npm run corpus -- [--json | --readme] [--verbose] [--dir DIR] [report-id…]
  --json      one JSON document: every report's score and the totals
  --readme    the score as the README's "How well it works" shows it (markdown)
  --verbose   every finding of each report, and its reading errors
  --dir DIR   another corpus folder (default test/corpus)
  report-id   only these reports (a prefix is enough)`;

function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`;
}

function line(s: ReportScore, missed: Record<string, string>): string {
  const top = s.top ? `${s.top.rule} [${s.top.status}]` : '(no finding)';
  const expected = s.case.category === 'problem' ? s.case.diagnosis.join('|') : `${s.case.category}${s.case.diagnosis.length ? `: ${s.case.diagnosis.join('|')}` : ''}`;
  const known = !passes(s) && missed[s.id] ? ' (known miss)' : '';
  return `${s.verdict.padEnd(9)} ${s.id}\n          expected ${expected}\n          top      ${top}${s.loud.length && s.verdict === 'trap-fail' ? `; loud: ${s.loud.join(', ')}` : ''}${known}`;
}

function summary(t: Totals): string {
  const out = [
    '',
    `${t.reports} reports from ${t.threads} threads`,
    `right top finding: ${t.right} of ${t.problems} problems (${pct(t.right, t.problems)})`,
    `traps kept quiet:  ${t.trapsOk} of ${t.traps} (${pct(t.trapsOk, t.traps)})`,
    `lines: ${t.lines}; unparsed ${t.unparsed} (${pct(t.unparsed, t.lines)}); read as ${classList(t.classes)}`,
    '',
    'by family (right or quiet / reports):',
  ];
  for (const [f, v] of Object.entries(t.byFamily).sort((a, b) => b[1].reports - a[1].reports)) out.push(`  ${f.padEnd(15)} ${String(v.ok).padStart(3)} / ${String(v.reports).padEnd(3)} ${pct(v.ok, v.reports)}`);
  return out.join('\n') + '\n';
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, readme: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dir = args.values.dir ?? join(PACKAGE_ROOT, 'test', 'corpus');
  const wanted = args.positionals;
  const ids = corpusIds(dir).filter((id) => wanted.length === 0 || wanted.some((w) => id.startsWith(w)));
  if (ids.length === 0) {
    process.stderr.write(`corpus: no report folder (with a case.json) in ${dir}${wanted.length ? ` matching ${wanted.join(', ')}` : ''}\n`);
    return 2;
  }
  const knowledge = loadKnowledge();
  const missed = readKnownMisses(dir);
  const scores: ReportScore[] = [];
  let failed = 0;
  for (const id of ids) {
    try {
      const s = await scoreReport(dir, id, knowledge);
      scores.push(s);
      if (!args.values.json && !args.values.readme) {
        process.stdout.write(line(s, missed) + '\n');
        if (args.values.verbose) {
          for (const f of s.findings) process.stdout.write(`            · ${f.rule} [${f.severity}, ${f.status}]\n`);
          for (const e of s.errors) process.stdout.write(`            ! ${e}\n`);
          process.stdout.write(`            ${s.lines} lines: ${s.unparsed} unparsed; ${classList(s.classes)}\n`);
        }
      }
    } catch (e) {
      failed++;
      process.stderr.write(`corpus: ${id}: ${(e as Error).message}\n`);
    }
  }
  const t = totals(scores);
  if (args.values.json) process.stdout.write(JSON.stringify({ totals: t, reports: scores }, null, 2) + '\n');
  else if (args.values.readme) process.stdout.write(scoreMarkdown(t));
  else process.stdout.write(summary(t));
  return failed ? 2 : 0;
}

process.exitCode = await main();
