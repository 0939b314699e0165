// The batch sections (summary, totals by rule, follow-ups, unknown messages) for the terminal and
// for markdown. The per-case parts are the single-case renderers'.
import type { Article } from '../kb/article.js';
import type { BatchReport } from './batch.js';
import { renderCaseMarkdown, type MarkdownOptions } from './markdown.js';
import { codeBlock, inlineCode, terminalSafe } from './safe-text.js';
import { clip, renderCaseText, type TextOptions } from './text.js';

export const TOP_TEMPLATES = 20;

function statusWord(s: string): string {
  return s === 'cannot-tell' ? 'cannot tell' : s;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.min(60, Math.max(...rows.map((r) => r[i].length))));
  return rows.map((r) => r.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ').trimEnd());
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderBatchText(r: BatchReport, o: TextOptions): string {
  const st = o.style;
  const out: string[] = [r.cases.map((c) => renderCaseText(c, o)).join('\n')];
  out.push(st.bold(`Summary: ${r.cases.length} cases, ${r.summary.filter((s) => s.findings > 0).length} with findings`));
  out.push(
    ...table([
      ['case', 'top finding', 'status', 'findings'],
      ...r.summary.map((s) => [terminalSafe(s.case), s.top ? terminalSafe(s.top.title) : s.errors ? '(unreadable source)' : '—', s.top ? statusWord(s.top.status) : '', String(s.findings)]),
    ]).map((l, i) => (i === 0 ? st.dim(l) : l)),
  );
  out.push('');
  if (r.totals.length) {
    out.push(st.bold('Findings by rule, most common first'));
    out.push(...table([['cases', 'rule', 'confirmed', 'likely', 'cannot tell'], ...r.totals.map((t) => [String(t.cases), t.rule, String(t.byStatus.confirmed), String(t.byStatus.likely), String(t.byStatus['cannot-tell'])])]).map((l, i) => (i === 0 ? st.dim(l) : l)));
    out.push('');
  }
  if (r.followUps.length) {
    out.push(st.bold('Follow-ups for the reporters (markdown, paste-ready)'));
    for (const f of r.followUps) {
      out.push(st.dim(`--- ${terminalSafe(f.case)} ---`));
      out.push(terminalSafe(f.markdown));
    }
  }
  if (r.unknownMessages.length) {
    out.push(st.bold(`Unknown messages: ${r.unknownMessages.length} templates no signature matched (top ${Math.min(TOP_TEMPLATES, r.unknownMessages.length)})`));
    for (const u of r.unknownMessages.slice(0, TOP_TEMPLATES)) {
      out.push(`  ${st.cyan(u.id)}  ${u.cases} case${u.cases > 1 ? 's' : ''}, ${u.count} line${u.count > 1 ? 's' : ''}  ${u.level} ${terminalSafe(u.module ? `${u.module}: ` : '')}${terminalSafe(u.template)}`);
      out.push(`            ${st.dim(`e.g. ${terminalSafe(u.example.source)}:${u.example.line}  ${clip(terminalSafe(u.example.text), o.clip)}`)}`);
    }
    out.push(st.dim('  Draft a signature and rule for one: i2pd-doctor analyze … --suggest <id>'));
    out.push('');
  }
  return out.join('\n');
}

export function renderBatchMarkdown(r: BatchReport, articles: Map<string, Article>, o: MarkdownOptions = {}): string {
  const out: string[] = [`## i2pd-doctor: ${r.cases.length} cases`, ''];
  out.push('| case | top finding | status | findings |', '| --- | --- | --- | ---: |');
  for (const s of r.summary) out.push(`| ${mdCell(inlineCode(s.case))} | ${mdCell(s.top ? s.top.title : s.errors ? '(unreadable source)' : '—')} | ${s.top ? statusWord(s.top.status) : ''} | ${s.findings} |`);
  out.push('');
  if (r.totals.length) {
    out.push('### Findings by rule', '', '| cases | rule | confirmed | likely | cannot tell |', '| ---: | --- | ---: | ---: | ---: |');
    for (const t of r.totals) out.push(`| ${t.cases} | ${inlineCode(t.rule)} ${mdCell(t.title)} | ${t.byStatus.confirmed} | ${t.byStatus.likely} | ${t.byStatus['cannot-tell']} |`);
    out.push('');
  }
  if (r.unknownMessages.length) {
    out.push('### Unknown messages', '', '| id | cases | lines | template |', '| --- | ---: | ---: | --- |');
    for (const u of r.unknownMessages.slice(0, TOP_TEMPLATES)) out.push(`| ${inlineCode(u.id)} | ${u.cases} | ${u.count} | ${mdCell(inlineCode(`${u.level} ${u.module ? `${u.module}: ` : ''}${u.template}`))} |`);
    out.push('');
  }
  for (const c of r.cases) {
    out.push('---', '', renderCaseMarkdown(c, articles, o), '');
    const f = r.followUps.find((x) => x.case === c.name);
    if (f) out.push('<details><summary>Follow-up for the reporter</summary>', '', codeBlock(f.markdown, 'markdown'), '', '</details>', '');
  }
  return out.join('\n') + '\n';
}
