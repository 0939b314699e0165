// One self-contained HTML file for a batch: no script, no external resource. Log text and names
// are escaped; articles (a pack's too, so untrusted) go through marked and then sanitize-html, with
// the page's DOMPurify rules (src/web/article-html.ts) but no DOM; and the file carries its own
// Content-Security-Policy, which forbids script and every request even if something slipped.
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Article } from '../kb/article.js';
import type { BatchReport } from './batch.js';
import { TOP_TEMPLATES } from './batch-render.js';
import type { CaseReport } from './report-model.js';
import { findingSwatch, TIMELINE_CSS, timelineFigure } from './timeline-figure.js';
import { toHtml } from './tree.js';
import { count, noFinding } from './words.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.critical,.error{color:#b00020}.warning{color:#9a5b00}.info{color:#245}
section.case{border-top:2px solid #ddd;margin-top:2rem}code{background:#f2f2f2;padding:0 .2rem}
${TIMELINE_CSS}`;

/** What an article may keep of marked's HTML: text markup, tables, links to the web. */
const ARTICLE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'kbd', 'strong', 'em', 'b', 'i', 'del', 's', 'sub', 'sup', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary'],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'], ol: ['start'], code: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Whatever is not allowed goes with its content: a <script>'s text must not show as prose.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** An article's markdown as HTML that can carry nothing live. */
export function articleHtml(md: string): string {
  return sanitizeHtml(marked.parse(md, { async: false }) as string, ARTICLE_HTML);
}

/**
 * The file's policy: nothing may load or run, no form may post, no base may redirect links; the
 * one inline style is allowed by its hash (`sha256`, from the edge: the core has no crypto).
 */
export function htmlPolicy(styleHash: string): string {
  return `default-src 'none'; script-src 'none'; connect-src 'none'; img-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
}

function anchor(i: number): string {
  return `case-${i + 1}`;
}

function renderCase(c: CaseReport, i: number, articles: Map<string, Article>, followUp?: string): string {
  const h = escapeHtml;
  const out: string[] = [`<section class="case" id="${anchor(i)}"><h2>${h(c.name)}</h2>`];
  out.push('<ul class="sources">');
  for (const s of c.sources) {
    out.push(`<li><code>${h(s.name)}</code>: ${h(s.kind)}, ${s.kind === 'zip' || s.kind === 'tar' ? `${count(s.lines, 'member')} read` : `${count(s.lines, 'line')}, ${s.parsed} parsed`}`);
    for (const e of s.errors) out.push(`<br><strong class="error">error:</strong> ${h(e)}`);
    for (const w of s.warnings.slice(0, 5)) out.push(`<br><em>note:</em> ${h(w)}`);
    out.push('</li>');
  }
  out.push('</ul>');
  const figure = timelineFigure(c.timeline, c.diagnoses.map((d) => d.title));
  if (figure) out.push(toHtml(figure));
  if (c.diagnoses.length === 0) out.push(`<p>${h(`${noFinding(c)}.`)}</p>`);
  c.diagnoses.forEach((d, n) => {
    // The square matches the finding's marks: only where there is a drawing with marks of it.
    const swatch = figure && c.timeline.findings[n]?.counts.some((x) => x > 0) ? `${toHtml(findingSwatch(n))} ` : '';
    out.push(`<h3>${swatch}${n + 1}. <span class="${h(d.severity)}">${d.severity.toUpperCase()}</span> ${h(d.title)} <small>[${d.status === 'cannot-tell' ? 'cannot tell' : d.status}]</small></h3>`);
    if (d.missing.length) {
      out.push(`<p>${d.status === 'cannot-tell' ? 'The log cannot tell. To decide:' : 'To confirm:'}</p><ul>`);
      for (const m of d.missing) out.push(`<li>${h(m.ask)}</li>`);
      out.push('</ul>');
    }
    if (d.evidence.length) out.push(`<pre>${h(d.evidence.map((e) => `${e.source}:${e.line}  ${e.text}`).join('\n'))}</pre>`);
    const a = articles.get(d.article);
    if (a) {
      out.push(`<details><summary>Cause and fix (article ${h(d.article)})</summary>`);
      for (const section of ['Cause', 'Fix']) if (a.sections[section]) out.push(`<h4>${section}</h4>`, articleHtml(a.sections[section]));
      out.push('</details>');
    }
  });
  if (followUp) out.push('<details><summary>Follow-up for the reporter (markdown)</summary>', `<pre>${h(followUp)}</pre>`, '</details>');
  out.push('</section>');
  return out.join('\n');
}

export function renderHtml(r: BatchReport, articles: Map<string, Article>, sha256: (text: string) => string): string {
  const h = escapeHtml;
  const out: string[] = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${htmlPolicy(sha256(CSS))}">`,
    `<title>i2pd-doctor: ${r.cases.length} case${r.cases.length === 1 ? '' : 's'}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>i2pd-doctor: ${r.cases.length} case${r.cases.length === 1 ? '' : 's'}</h1>`,
    '<table><thead><tr><th>case</th><th>top finding</th><th>status</th><th>findings</th></tr></thead><tbody>',
  ];
  r.summary.forEach((s, i) => {
    const top = s.top ? `<span class="${s.top.severity}">${h(s.top.title)}</span>` : s.errors ? '(unreadable source)' : '—';
    out.push(`<tr><td><a href="#${anchor(i)}">${h(s.case)}</a></td><td>${top}</td><td>${s.top ? (s.top.status === 'cannot-tell' ? 'cannot tell' : s.top.status) : ''}</td><td>${s.findings}</td></tr>`);
  });
  out.push('</tbody></table>');
  if (r.totals.length) {
    out.push('<h2>Findings by rule</h2><table><thead><tr><th>cases</th><th>rule</th><th>confirmed</th><th>likely</th><th>cannot tell</th></tr></thead><tbody>');
    for (const t of r.totals) out.push(`<tr><td>${t.cases}</td><td><code>${h(t.rule)}</code> ${h(t.title)}</td><td>${t.byStatus.confirmed}</td><td>${t.byStatus.likely}</td><td>${t.byStatus['cannot-tell']}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (r.unknownMessages.length) {
    out.push('<h2>Unknown messages</h2><table><thead><tr><th>id</th><th>cases</th><th>lines</th><th>template and example</th></tr></thead><tbody>');
    for (const u of r.unknownMessages.slice(0, TOP_TEMPLATES)) {
      out.push(`<tr><td><code>${u.id}</code></td><td>${u.cases}</td><td>${u.count}</td><td><code>${h(`${u.level} ${u.module ? `${u.module}: ` : ''}${u.template}`)}</code><br><small>${h(`${u.example.source}:${u.example.line}  ${u.example.text}`)}</small></td></tr>`);
    }
    out.push('</tbody></table>');
  }
  r.cases.forEach((c, i) => out.push(renderCase(c, i, articles, r.followUps.find((f) => f.case === c.name)?.markdown)));
  out.push('</body></html>', '');
  return out.join('\n');
}
