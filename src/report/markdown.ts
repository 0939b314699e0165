// The report as a GitHub comment: paste-ready, log text fenced so it stays inert.
import type { Article } from '../kb/article.js';
import type { Diagnosis } from '../model.js';
import { describeRedaction } from '../redact/redactor.js';
import type { CaseReport, Report } from './report-model.js';
import { codeBlock, inlineCode } from './safe-text.js';
import { drawable, perColumn, sparkline, spanWords, TIER_WORDS, timelineNotes, untimedNotes, widthWord } from './timeline-view.js';
import { count, noFinding, readLogLines } from './words.js';

const ICON: Record<Diagnosis['severity'], string> = { critical: '🔴', error: '🔴', warning: '🟠', info: '🔵' };
const STATUS: Record<Diagnosis['status'], string> = { confirmed: 'confirmed', likely: 'likely', 'cannot-tell': 'cannot tell from this log' };

export function neutralise(md: string): string {
  // Article text is ours, but keep @mentions in it from pinging people when pasted.
  return md.replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, '$1@\u200b');
}

export interface MarkdownOptions {
  /** Leave out the articles' Cause and Fix (--brief). */
  brief?: boolean;
  /** Where an article can be read on the web, for a link under each finding; undefined for none. */
  articleLink?: (id: string) => string | undefined;
}

export function renderCaseMarkdown(c: CaseReport, articles: Map<string, Article>, o: MarkdownOptions = {}): string {
  const out: string[] = [];
  const n = c.diagnoses.length;
  const nothing = n === 0 && !readLogLines(c);
  out.push(`### i2pd-doctor: ${nothing ? 'no i2pd log lines' : n === 0 ? 'no known problem' : count(n, 'finding')} in ${inlineCode(c.name)}`);
  out.push('');
  if (nothing) out.push(`${noFinding(c)}.`, '');
  const f = c.facts;
  const bits: string[] = [];
  if (f.env.version) bits.push(`i2pd ${inlineCode(f.env.version)}`);
  if (f.env.os) bits.push(`OS: ${f.env.os}`);
  if (f.stats.effectiveLevel) bits.push(`log level ≥ ${f.stats.effectiveLevel}`);
  bits.push(`${count(f.stats.lines, 'line')} read, ${f.stats.parsed} parsed`);
  if (c.redaction) bits.push(`redacted: ${describeRedaction(c.redaction)}`);
  out.push(`<sub>${bits.join(' · ')}</sub>`);
  out.push('');
  out.push(...timelineMarkdown(c));
  c.diagnoses.forEach((d, i) => {
    out.push(`#### ${i + 1}. ${ICON[d.severity]} ${d.title} — ${d.severity}, ${STATUS[d.status]}`);
    out.push('');
    if (d.followsFrom.length) out.push(`_Follows from finding${d.followsFrom.length > 1 ? 's' : ''} ${d.followsFrom.map((x) => inlineCode(x)).join(', ')}._\n`);
    if (d.upgrade) out.push(`**Fixed in i2pd ${d.upgrade.fixedIn}** — this log shows ${inlineCode(d.upgrade.current)}: please upgrade.\n`);
    if (d.missing.length) {
      out.push(d.status === 'cannot-tell' ? '**The log cannot tell. To decide:**' : '**To confirm:**');
      for (const m of d.missing) out.push(`- ${neutralise(m.ask)}`);
      out.push('');
    }
    const a = o.brief ? undefined : articles.get(d.article);
    for (const section of ['Cause', 'Fix']) {
      const md = a?.sections[section];
      if (!md) continue;
      out.push(`**${section}**`);
      out.push('');
      out.push(neutralise(md.replace(/^###\s/gm, '##### ')));
      out.push('');
    }
    const link = o.articleLink?.(d.article);
    if (link) out.push(`📖 [${linkText(articles.get(d.article)?.title ?? d.article)}](${link.replace(/[()\s]/g, encodeURIComponent)})`, '');
    if (d.evidence.length) {
      out.push('<details><summary>Evidence</summary>');
      out.push('');
      out.push(codeBlock(d.evidence.map((e) => `${e.source}:${e.line}  ${e.text}`).join('\n')));
      out.push('');
      out.push('</details>');
      out.push('');
    }
  });
  for (const s of c.sources) for (const e of s.errors) out.push(`> ⚠️ ${inlineCode(e)}`);
  return out.join('\n');
}

/** Text of a markdown link: brackets, backslashes and mentions cannot break out of it or ping anyone. */
function linkText(s: string): string {
  return neutralise(s.replace(/[\\[\]]/g, '\\$&'));
}

/** Marks of a sparkline in markdown: wide enough to read, narrow enough not to wrap in a comment. */
const MARKDOWN_MARKS = 72;

/** The timeline as text: the sparkline in a code span, then what happened when. */
function timelineMarkdown(c: CaseReport): string[] {
  const tl = c.timeline;
  if (!tl) return [];
  if (!drawable(tl)) {
    const notes = untimedNotes(tl, inlineCode);
    return notes.length ? [...notes.map((n) => `_${n}_`), ''] : [];
  }
  const spark = sparkline(tl, MARKDOWN_MARKS);
  const notes = timelineNotes(tl, c.diagnoses.map((d) => d.title), inlineCode);
  return [
    `**Timeline** ${spanWords(tl)}, ${widthWord(perColumn(tl, MARKDOWN_MARKS) * tl.width)} a mark, ${TIER_WORDS[spark.tier]}:`,
    '',
    inlineCode(spark.marks.map((m) => m.glyph).join('')),
    '',
    // `- 1. …` would open an ordered list inside the bullet: the finding's number stays text.
    ...notes.map((n) => `- ${neutralise(n).replace(/^(\d+)\./, '$1\\.')}`),
    '',
  ];
}

export function renderMarkdown(r: Report, articles: Map<string, Article>, o: MarkdownOptions = {}): string {
  return r.cases.map((c) => renderCaseMarkdown(c, articles, o)).join('\n\n---\n\n') + '\n';
}
