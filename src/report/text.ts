// The report for a person at a terminal: findings first, root causes before what they cause, each
// with its evidence, what would confirm it, and the article's cause and fix.
import type { Article } from '../kb/article.js';
import { fixForOs } from '../kb/os-filter.js';
import type { Diagnosis } from '../model.js';
import type { CaseReport, Report } from './report-model.js';
import { describeRedaction } from '../redact/redactor.js';
import { terminalSafe } from './safe-text.js';
import { drawable, lineDays, perColumn, sparkline, spanWords, TIER_WORDS, widthWord } from './timeline-view.js';
import { count, noFinding, readLogLines } from './words.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s, green: (s) => s };

export interface TextOptions {
  style: Style;
  /** Renders article markdown for the terminal. */
  markdown: (md: string) => string;
  articles: Map<string, Article>;
  /** Show the article's Cause and Fix under each finding (the default). */
  articlesInline?: boolean;
  /** Cut log lines to this many characters (a terminal); undefined keeps them whole. */
  clip?: number;
  /** The command that prints an article (a pack's needs its --rules). */
  kbCommand?: (article: string) => string;
  /** A terminal this many columns wide: a sparkline of each case's timeline under its header. */
  timelineWidth?: number;
}

const STATUS_LABEL: Record<Diagnosis['status'], string> = { confirmed: 'confirmed', likely: 'likely', 'cannot-tell': 'cannot tell' };

function severityLabel(d: Diagnosis, st: Style): string {
  const label = d.severity.toUpperCase();
  switch (d.severity) {
    case 'critical':
    case 'error':
      return st.red(st.bold(label));
    case 'warning':
      return st.yellow(st.bold(label));
    default:
      return st.cyan(label);
  }
}

function indent(text: string, pad: string): string {
  return text.split('\n').map((l) => (l.trim() === '' ? '' : pad + l)).join('\n');
}

export function clip(s: string, n: number | undefined): string {
  return n !== undefined && s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** `  errors ··▁▁·▅▇█▇ day 1 21:00 → day 4 18:30, 1 hour a mark`, marks coloured by their worst level. */
function sparkLine(c: CaseReport, width: number, st: Style): string {
  const tl = c.timeline;
  const max = Math.max(20, Math.min(72, width - 60));
  const spark = sparkline(tl, max);
  const paint = (g: string, l: string | undefined) => (l === 'critical' || l === 'error' ? st.red(g) : l === 'warn' ? st.yellow(g) : st.dim(g));
  const marks = spark.marks.map((m) => paint(m.glyph, m.level)).join('');
  return `  ${st.dim(TIER_WORDS[spark.tier])} ${marks} ${st.dim(`${spanWords(tl)}, ${widthWord(perColumn(tl, max) * tl.width)} a mark`)}`;
}

export function renderCaseText(c: CaseReport, o: TextOptions): string {
  const st = o.style;
  const kb = o.kbCommand ?? ((id: string) => `i2pd-doctor kb ${id}`);
  const out: string[] = [];
  out.push(st.bold(`Case ${terminalSafe(c.name)}`));
  for (const s of c.sources) {
    const what = s.kind === 'zip' || s.kind === 'tar' ? `${s.kind} archive, ${count(s.lines, 'member')} read` : s.kind === 'log' ? `${count(s.lines, 'line')}, ${s.parsed} parsed${s.formats.length ? ` (${s.formats.join(', ')})` : ''}` : `${s.kind}, ${count(s.lines, 'line')}`;
    out.push(`  ${st.dim('source')} ${terminalSafe(s.name)}: ${what}${s.oversized ? `, ${s.oversized} oversized lines skipped` : ''}`);
    for (const e of s.errors) out.push(`    ${st.red('error:')} ${terminalSafe(e)}`);
    for (const w of s.warnings.slice(0, 5)) out.push(`    ${st.yellow('note:')} ${terminalSafe(w)}`);
  }
  const f = c.facts;
  const bits: string[] = [];
  if (f.env.version) bits.push(`i2pd ${terminalSafe(f.env.version)}`);
  if (f.env.os) bits.push(`OS looks like ${f.env.os}`);
  if (f.stats.effectiveLevel) bits.push(`log level ≥ ${f.stats.effectiveLevel}`);
  if (f.stats.starts) bits.push(`${f.stats.starts} start${f.stats.starts > 1 ? 's' : ''}`);
  if (f.stats.firstTime && f.stats.lastTime) {
    // A log over several days says which day of it each end is on: 21:00:12 (day 1) – 17:31:10 (day 5).
    const days = lineDays(c.timeline, f.stats.firstTime, f.stats.spanSeconds);
    const at = (s: string, d: number | undefined) => `${terminalSafe(s)}${d !== undefined ? ` (day ${d})` : ''}`;
    bits.push(`${at(f.stats.firstTime, days?.[0])} – ${at(f.stats.lastTime, days?.[1])}`);
  }
  if (bits.length) out.push(`  ${st.dim(bits.join(' · '))}`);
  if (o.timelineWidth !== undefined && c.timeline && drawable(c.timeline)) out.push(sparkLine(c, o.timelineWidth, st));
  if (c.redaction) out.push(`  ${st.dim(`redacted: ${describeRedaction(c.redaction)}`)}`);
  out.push('');
  if (c.diagnoses.length === 0) {
    out.push(readLogLines(c) ? st.green(`${noFinding(c)}.`) : `${noFinding(c)}.`);
    out.push('');
    return out.join('\n');
  }
  out.push(st.bold(count(c.diagnoses.length, 'finding')));
  out.push('');
  c.diagnoses.forEach((d, i) => {
    out.push(`${i + 1}. ${severityLabel(d, st)}  ${st.bold(terminalSafe(d.title))}  [${STATUS_LABEL[d.status]}]`);
    out.push(`   ${st.dim(`rule ${d.rule} · full article: ${kb(d.article)}`)}`);
    if (d.followsFrom.length) out.push(`   ${st.dim(`follows from: ${d.followsFrom.join(', ')}`)}`);
    if (d.explains.length) out.push(`   ${st.dim(`explains: ${d.explains.join(', ')}`)}`);
    if (d.upgrade) out.push(`   ${st.yellow(`Fixed in i2pd ${d.upgrade.fixedIn}; this log shows ${terminalSafe(d.upgrade.current)}: upgrade.`)}`);
    if (d.evidence.length) {
      out.push('   Evidence:');
      for (const e of d.evidence) out.push(`     ${st.dim(`${terminalSafe(e.source)}:${e.line}`)}  ${clip(terminalSafe(e.text), o.clip)}`);
    }
    if (d.missing.length) {
      out.push(d.status === 'cannot-tell' ? '   The log cannot tell; to decide:' : '   To confirm:');
      for (const m of d.missing) out.push(indent(o.markdown(`- ${m.ask}`).trimEnd(), '     '));
    }
    const a = o.articles.get(d.article);
    if (a && o.articlesInline !== false) {
      for (const section of ['Cause', 'Fix']) {
        if (!a.sections[section]) continue;
        const { md, omitted } = section === 'Fix' ? fixForOs(a.sections[section], c.facts.env.os) : { md: a.sections[section], omitted: [] };
        out.push(`   ${st.bold(section)}:`);
        out.push(indent(o.markdown(md).trimEnd(), '     '));
        if (omitted.length) out.push(`     ${st.dim(`(for ${omitted.join(', ')}: ${kb(d.article)})`)}`);
      }
    }
    out.push('');
  });
  return out.join('\n');
}

export function renderText(r: Report, o: TextOptions): string {
  return r.cases.map((c) => renderCaseText(c, o)).join('\n');
}
