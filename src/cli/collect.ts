// `i2pd-doctor collect`: on the machine that runs i2pd, gathers what a maintainer would ask for,
// diagnoses it as one case, writes a redacted bundle and prints the comment to paste with it.
// stdout: the comment (or the report); stderr: progress, what could not be had, the bundle's path.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import ms from 'ms';
import { collect, type Collection } from '../node/collect/collect.js';
import { diagnose, manifestOf, prepare, writeBundle, type Manifest, type Prepared } from '../node/collect/bundle.js';
import { renderCaseMarkdown } from '../report/markdown.js';
import type { CaseReport } from '../report/report-model.js';
import { SCHEMA_VERSION } from '../report/report-model.js';
import { inlineCode, terminalSafe } from '../report/safe-text.js';
import { renderText } from '../report/text.js';
import { say, writeOut } from './output.js';
import { contentFor } from './content.js';
import { terminal, wantColor } from './terminal.js';

export interface CollectCommandOptions {
  root: string;
  conf?: string;
  output?: string;
  redact: boolean;
  since?: string;
  format: 'markdown' | 'text' | 'json';
  color?: boolean;
  rules?: string[];
  version: string;
}

/** `1h`, `30m`, `2d` as seconds; undefined when it is no duration. */
export function parseSince(v: string): number | undefined {
  const n = /^\s*\d+(?:\.\d+)?\s*[a-z]*\s*$/i.test(v) ? ms(v.trim() as ms.StringValue) : undefined;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1000 ? Math.round(n / 1000) : undefined;
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function collectCommand(o: CollectCommandOptions): Promise<number> {
  const content = contentFor(o);
  if (!content) return 2;
  let sinceSeconds: number | undefined;
  if (o.since !== undefined) {
    sinceSeconds = parseSince(o.since);
    if (sinceSeconds === undefined) {
      say(`--since ${o.since}: not a duration; give one such as 30m, 1h or 2d`);
      return 2;
    }
  }
  const root = resolve(o.root);
  if (!existsSync(root)) {
    say(`--root ${o.root}: no such folder`);
    return 2;
  }
  const now = new Date();
  const out = resolve(o.output ?? `i2pd-doctor-collect-${stamp(now)}.tar.gz`);
  if (existsSync(out)) {
    say(`${o.output ?? out}: exists already; not overwritten. Remove it or choose another file with --output`);
    return 2;
  }
  const name = basename(out).replace(/\.(?:tar\.gz|tgz)$/i, '') || 'i2pd-doctor-collect';
  const c = await collect({ root, conf: o.conf, sinceSeconds, onStep: (what) => process.stderr.write(`i2pd-doctor: collecting ${what}\n`) });
  const prepared = prepare(c, o.redact);
  const report = await diagnose(name, prepared, content.knowledge);
  const manifest = manifestOf(c, prepared, { version: o.version, since: o.since, root: root === '/' ? '/' : root, now });
  // Pasted and read in a terminal alike: no control character of a pack's title or article in it.
  const comment = terminalSafe(renderComment(report, manifest, prepared, basename(out), content.knowledge.articles));
  const files = [
    { path: 'manifest.json', text: JSON.stringify(manifest, null, 2) + '\n' },
    { path: 'report.md', text: comment },
    ...prepared.items.map((i) => ({ path: i.file, text: i.text })),
  ];
  try {
    await writeBundle(out, name, files, now);
  } catch (e) {
    say(`${o.output ?? out}: the bundle could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose another file with --output`);
    return 2;
  }
  for (const m of prepared.missing) say(`not collected: ${m.what}: ${m.reason}`);
  say(`bundle written: ${o.output ?? out} (${prepared.items.length} files; redacted: ${manifest.redaction.summary}). Attach it to the issue with the comment below.`);
  if (o.format === 'json') {
    writeOut(JSON.stringify({ schemaVersion: SCHEMA_VERSION, tool: manifest.tool, bundle: o.output ?? out, manifest, cases: [report] }, null, 2) + '\n');
  } else if (o.format === 'text') {
    const t = await terminal(wantColor(process.stdout, o.color === false ? false : undefined));
    writeOut(renderText({ schemaVersion: SCHEMA_VERSION, tool: manifest.tool, cases: [report] }, { style: t.style, markdown: t.markdown, articles: content.knowledge.articles }));
    writeOut(terminalSafe(collectedText(manifest)));
  } else writeOut(comment);
  return 0;
}

function renderComment(report: CaseReport, m: Manifest, p: Prepared, bundle: string, articles: Parameters<typeof renderCaseMarkdown>[1]): string {
  const out = [renderCaseMarkdown(report, articles), ''];
  out.push(`<details><summary>Collected by <code>i2pd-doctor collect</code>: ${m.files.length} files${m.notCollected.length ? `, ${m.notCollected.length} not collected` : ''}</summary>`, '');
  out.push('| file | what | from |', '| --- | --- | --- |');
  for (const f of m.files) out.push(`| ${cell(f.file)} | ${plain(f.what)}${f.note ? ` (${plain(f.note)})` : ''} | ${cell(f.from)} |`);
  if (m.notCollected.length) {
    out.push('', '**Not collected**', '');
    for (const x of m.notCollected) out.push(`- ${x.what}: ${x.reason}`);
  }
  out.push('', '</details>', '');
  out.push(`Attached: ${inlineCode(bundle)} — ${p.redacted ? `redacted: ${m.redaction.summary}` : '**not redacted** (--no-redact)'}.`, '');
  return out.join('\n');
}

/** Our own words, with the table's and HTML's special characters kept inert. */
function plain(s: string): string {
  return s.replace(/[|<>]/g, (c) => (c === '|' ? '\\|' : c === '<' ? '&lt;' : '&gt;'));
}

function cell(s: string): string {
  return inlineCode(s).replace(/\|/g, '\\|');
}

function collectedText(m: Manifest): string {
  const out = ['', `Collected ${m.files.length} files:`];
  for (const f of m.files) out.push(`  ${f.file}  ${f.what}  (${f.from})`);
  if (m.notCollected.length) {
    out.push('Not collected:');
    for (const x of m.notCollected) out.push(`  ${x.what}: ${x.reason}`);
  }
  return out.join('\n') + '\n';
}

export type { Collection };
