// The report as page elements: one card per finding, with its status, what is missing, the
// article's cause and fix, and the evidence lines (as text, never as markup).
import type { Article } from '../kb/article.js';
import type { Diagnosis } from '../model.js';
import type { CaseReport } from '../report/report-model.js';
import { articleHtml, inlineHtml } from './article-html.js';
import { el } from './dom.js';
import { findingSwatch, timelineFigure } from '../report/timeline-figure.js';
import { toDom } from './tree-dom.js';
import { count, noFinding, readLogLines } from '../report/words.js';

const STATUS: Record<Diagnosis['status'], string> = { confirmed: 'confirmed', likely: 'likely', 'cannot-tell': 'cannot tell from this log' };
const MISSING_HEAD: Record<Diagnosis['status'], string> = {
  confirmed: 'To be sure, check',
  likely: 'To confirm, check',
  'cannot-tell': 'The log cannot tell. To decide, check',
};

/** Rule and article text is ours, but it still goes through the sanitiser. */
function withHtml<T extends HTMLElement>(e: T, html: string): T {
  e.innerHTML = html;
  return e;
}

function articleBlock(md: string | undefined, heading: string): HTMLElement | undefined {
  if (!md) return undefined;
  const body = withHtml(el('div', { class: 'md' }), articleHtml(md));
  return el('section', { class: `part part-${heading.toLowerCase()}` }, el('h4', {}, heading), body);
}

function evidence(d: Diagnosis): HTMLElement | undefined {
  if (d.evidence.length === 0) return undefined;
  const pre = el('pre', { class: 'evidence', tabindex: '0', 'aria-label': 'evidence log lines' });
  for (const e of d.evidence) {
    pre.append(el('span', { class: 'where' }, `${e.source}:${e.line}`), '  ', e.text, '\n');
  }
  return el('details', { class: 'part', open: '' }, el('summary', {}, `Evidence (${d.evidence.length} line${d.evidence.length > 1 ? 's' : ''})`), pre);
}

function finding(d: Diagnosis, i: number, articles: Map<string, Article>, marked: boolean): HTMLElement {
  const a = articles.get(d.article);
  const head = el(
    'header',
    {},
    // The square of the finding's colour on the timeline, when it has marks there.
    el('h3', { id: `finding-${i + 1}` }, marked ? toDom(findingSwatch(i)) : undefined, `${i + 1}. ${d.title}`),
    el(
      'p',
      { class: 'badges' },
      el('span', { class: `badge sev-${d.severity}` }, d.severity),
      ' ',
      el('span', { class: `badge status-${d.status}` }, STATUS[d.status]),
    ),
  );
  const parts: (HTMLElement | undefined)[] = [];
  if (d.followsFrom.length) parts.push(el('p', { class: 'note' }, `Follows from: ${d.followsFrom.join(', ')}.`));
  if (d.upgrade) parts.push(el('p', { class: 'note' }, el('strong', {}, `Fixed in i2pd ${d.upgrade.fixedIn}`), ` — this log shows ${d.upgrade.current}: please upgrade.`));
  if (d.missing.length) {
    parts.push(el('section', { class: 'part missing' }, el('h4', {}, MISSING_HEAD[d.status]), el('ul', {}, ...d.missing.map((m) => withHtml(el('li', {}), inlineHtml(m.ask))))));
  }
  parts.push(articleBlock(a?.sections.Cause, 'Cause'), articleBlock(a?.sections.Fix, 'Fix'), evidence(d));
  const more = a && (a.sections.Verify || a.sections.References);
  if (more) {
    const body = el('div', {});
    for (const s of ['Verify', 'References']) body.append(articleBlock(a.sections[s], s) ?? '');
    parts.push(el('details', { class: 'part' }, el('summary', {}, 'How to verify, references'), body));
  }
  return el('article', { class: `finding sev-${d.severity}`, 'aria-labelledby': `finding-${i + 1}` }, head, ...parts.filter((p) => p !== undefined));
}

export function renderCase(c: CaseReport, articles: Map<string, Article>): HTMLElement {
  const f = c.facts;
  const bits: string[] = [];
  if (f.env.version) bits.push(`i2pd ${f.env.version}`);
  if (f.env.os) bits.push(`OS: ${f.env.os}`);
  if (f.stats.effectiveLevel) bits.push(`log level ≥ ${f.stats.effectiveLevel}`);
  bits.push(`${count(f.stats.lines, 'line')} read, ${f.stats.parsed} parsed`);
  const n = c.diagnoses.length;
  const out = el('div', { class: 'case' });
  const read = readLogLines(c);
  out.append(el('h2', { id: 'result-title', tabindex: '-1' }, n > 0 ? count(n, 'finding') : read ? 'No known problem found' : noFinding(c).slice(0, noFinding(c).search(/[.:]/))), el('p', { class: 'meta' }, bits.join(' · ')));
  const notes: HTMLElement[] = [];
  for (const s of c.sources) {
    for (const e of s.errors) notes.push(el('li', { class: 'error' }, e));
    for (const w of s.warnings) notes.push(el('li', {}, `${s.name}: ${w}`));
  }
  if (notes.length) out.append(el('ul', { class: 'source-notes' }, ...notes));
  const figure = timelineFigure(c.timeline, c.diagnoses.map((d) => d.title));
  if (figure) out.append(toDom(figure));
  if (n === 0 && !read) out.append(el('p', {}, `${noFinding(c)}.`));
  if (n === 0 && read) {
    out.append(el('p', {}, 'None of the known problems shows in this log. If i2pd misbehaves, set loglevel = info, restart, reproduce the problem and analyse the new log.'));
  }
  c.diagnoses.forEach((d, i) => out.append(finding(d, i, articles, figure !== undefined && (c.timeline.findings[i]?.counts.some((n) => n > 0) ?? false))));
  return out;
}
