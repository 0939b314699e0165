// `i2pd-doctor analyze`: all sources given form one case.
import { SEVERITY_RANK, type Severity } from '../model.js';
import { loadKnowledge } from '../node/content-loader.js';
import { analyzeCase } from '../node/run-case.js';
import { expandInputs, type SourceRef } from '../node/sources.js';
import { renderMarkdown } from '../report/markdown.js';
import { buildReport } from '../report/model.js';
import { describeRedaction, Redactor } from '../redact/redactor.js';
import { terminalSafe } from '../report/safe-text.js';
import { renderText } from '../report/text.js';
import { terminal, wantColor } from './terminal.js';

export interface AnalyzeOptions {
  config: string[];
  format: 'text' | 'markdown' | 'json';
  failOn: Severity | 'none';
  brief?: boolean;
  color?: boolean;
  /** Unset: redact markdown (meant for posting) only. */
  redact?: boolean;
  version: string;
}

export function say(msg: string): void {
  process.stderr.write(`i2pd-doctor: ${terminalSafe(msg)}\n`);
}

export async function analyzeCommand(args: string[], o: AnalyzeOptions): Promise<number> {
  const knowledge = loadKnowledge();
  for (const p of knowledge.problems) say(`content: ${p}`);
  if (args.length === 0) {
    if (process.stdin.isTTY) {
      say('nothing to analyse: give log files, folders or globs, or pipe a log in (i2pd-doctor analyze /var/log/i2pd/i2pd.log, or cat i2pd.log | i2pd-doctor analyze)');
      return 2;
    }
    args = ['-'];
  }
  const expanded = await expandInputs(args);
  const configs = await expandInputs(o.config);
  let inputError = expanded.errors.length + configs.errors.length > 0;
  for (const e of [...expanded.errors, ...configs.errors]) say(e);
  const refs: SourceRef[] = [...expanded.sources, ...configs.sources.map((s) => ({ ...s, as: 'i2pd.conf' as const }))];
  if (refs.length === 0) {
    say('no source could be read; nothing analysed');
    return 2;
  }
  const name = expanded.sources.length === 1 ? expanded.sources[0].name : args.filter((a) => !o.config.includes(a)).join(' ');
  const redactor = o.redact ?? o.format === 'markdown' ? new Redactor() : undefined;
  const result = await analyzeCase(name, refs, knowledge, redactor);
  for (const d of knowledge.matcher.disabled) say(`content: ${d.file}: signature ${d.id} spent ${d.ms} ms matching and was switched off for the rest of the run; simplify its pattern`);
  if (redactor) say(`redacted ${describeRedaction(redactor.summary())}${o.redact === undefined ? ' (--no-redact keeps them)' : ''}`);
  for (const s of result.sources) {
    for (const e of s.errors) {
      say(e);
      inputError = true;
    }
    if (o.format !== 'text') for (const w of s.warnings) say(`${s.name}: ${w}`);
  }
  const report = buildReport([result], o.version);
  if (o.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (o.format === 'markdown') process.stdout.write(renderMarkdown(report, knowledge.articles));
  else {
    const t = await terminal(wantColor(process.stdout, o.color === false ? false : undefined));
    process.stdout.write(renderText(report, { style: t.style, markdown: t.markdown, articles: knowledge.articles, articlesInline: !o.brief }));
  }
  if (inputError) return 2;
  if (o.failOn === 'none') return 0;
  const bar = SEVERITY_RANK[o.failOn];
  return result.diagnoses.some((d) => SEVERITY_RANK[d.severity] >= bar) ? 1 : 0;
}
