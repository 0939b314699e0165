// The paste-and-diagnose page. The log is read and analysed in this browser, with the same core
// as the CLI, in a Web Worker (src/web/analyser.ts) so a large log never freezes the page; the
// page has no code path that sends anything anywhere.
import type { Article } from '../kb/article.js';
import { describeRedaction } from '../redact/redactor.js';
import { renderCaseMarkdown } from '../report/markdown.js';
import type { CaseReport } from '../report/report-model.js';
import { startAnalyser } from './analyser-client.js';
import { busyView } from './busy-view.js';
import { byId, el } from './dom.js';
import type { CaseInput } from './messages.js';
import { renderCase } from './render.js';

/** The report on the page, with what it was made from: the redacted copy is made from the same input. */
interface Shown {
  input: CaseInput;
  report: CaseReport;
  view: HTMLElement;
  redacted?: CaseReport;
}

let articles = new Map<string, Article>();
let shown: Shown | undefined;
let files: File[] = [];

const logBox = byId<HTMLTextAreaElement>('log');
const picker = byId<HTMLInputElement>('files');
const drop = byId<HTMLElement>('drop');
const fileList = byId<HTMLElement>('file-list');
const status = byId<HTMLElement>('status');
const results = byId<HTMLElement>('results');
const share = byId<HTMLElement>('share');
const redactBox = byId<HTMLInputElement>('redact');
const markdownBox = byId<HTMLTextAreaElement>('markdown');
const redactNote = byId<HTMLElement>('redact-note');
const copyStatus = byId<HTMLElement>('copy-status');
const analyser = startAnalyser();
const busy = busyView();

function showFiles(): void {
  fileList.replaceChildren(...files.map((f) => el('li', {}, `${f.name} (${f.size.toLocaleString('en')} bytes)`)));
  byId<HTMLButtonElement>('clear-files').hidden = files.length === 0;
}

function addFiles(list: FileList | null): void {
  if (!list) return;
  files = [...files, ...Array.from(list)];
  showFiles();
}

/** Puts the shown report back, or none: what the page held before the analysis now cancelled. */
function restore(): void {
  results.replaceChildren(...(shown ? [shown.view] : []));
  share.hidden = !shown;
}

/** The markdown of the shown report, redacted when the box is ticked and the copy is made. */
function writeMarkdown(s: Shown): void {
  redactNote.textContent = '';
  if (!redactBox.checked) {
    markdownBox.value = renderCaseMarkdown(s.report, articles);
    return;
  }
  // Never the original in place of a copy that is not made yet.
  markdownBox.value = s.redacted ? renderCaseMarkdown(s.redacted, articles) : '';
  if (!s.redacted) return;
  // Distinct values only: a log line is redacted as message and as text, so times would double.
  const what = describeRedaction((s.redacted.redaction ?? []).map((c) => ({ ...c, occurrences: c.values })));
  redactNote.textContent = what === 'nothing' ? 'The log holds no address or identity to replace.' : `Replaced ${what}.`;
}

/** False when the redacted copy was cancelled: the markdown is then left empty, never unredacted. */
async function updateMarkdown(): Promise<boolean> {
  const s = shown;
  if (!s) return true;
  if (redactBox.checked && !s.redacted) {
    writeMarkdown(s);
    busy.start('copy');
    const r = await analyser.run(s.input, true, busy.progress);
    if (!r) return false;
    busy.stop();
    s.redacted = r;
  }
  // The box may have changed while the copy was made: the markdown follows it as it is now.
  writeMarkdown(s);
  return true;
}

async function diagnose(): Promise<void> {
  const text = logBox.value;
  if (!text.trim() && files.length === 0) {
    status.textContent = 'Paste a log or choose a file first.';
    logBox.focus();
    return;
  }
  status.textContent = 'Analysing…';
  const name = files.length === 1 && !text.trim() ? files[0].name : files.length === 0 ? 'pasted log' : [...(text.trim() ? ['pasted log'] : []), ...files.map((f) => f.name)].join(' ');
  const input: CaseInput = { name, text, files: [...files] };
  // The report of another input is not shown while this one is read; Cancel puts it back.
  results.replaceChildren();
  share.hidden = true;
  busy.start('report');
  const t0 = performance.now();
  const report = await analyser.run(input, false, busy.progress).catch(failed);
  // Cancelled: by Cancel, which restored the page, or by a newer Diagnose, which owns it now.
  if (!report) return;
  const ms = Math.round(performance.now() - t0);
  shown = { input, report, view: renderCase(report, articles) };
  results.replaceChildren(shown.view);
  share.hidden = false;
  copyStatus.textContent = '';
  // Focus follows the report as soon as it is shown; the redacted copy for sharing comes after.
  byId<HTMLElement>('result-title').focus();
  if (!(await updateMarkdown().catch(failed))) return;
  busy.stop();
  const lines = report.facts.stats.lines;
  status.textContent = `Analysed ${lines.toLocaleString('en')} line${lines === 1 ? '' : 's'} in ${ms} ms, in this browser.`;
}

/** An analysis that threw: the page is left as it was, with the reason. */
function failed(e: unknown): undefined {
  busy.stop();
  restore();
  status.textContent = `The analysis stopped: ${e instanceof Error ? e.message : String(e)}`;
  return undefined;
}

function cancel(): void {
  const what = busy.stop();
  if (!what) return;
  analyser.cancel();
  if (what === 'report') {
    restore();
    status.textContent = shown ? 'Cancelled. The report below is the previous one.' : 'Cancelled.';
  } else {
    redactNote.textContent = 'Cancelled: the copy for sharing was not made. Copy as markdown makes it.';
    status.textContent = 'Cancelled.';
  }
  byId<HTMLElement>('diagnose').focus();
}

async function copyMarkdown(): Promise<void> {
  if (!(await updateMarkdown().catch(failed))) return;
  try {
    await navigator.clipboard.writeText(markdownBox.value);
    copyStatus.textContent = 'Copied. Paste it into the GitHub issue.';
  } catch {
    // No clipboard permission (some browsers, file:// pages): select the text for Ctrl+C.
    const details = byId<HTMLDetailsElement>('markdown-details');
    details.open = true;
    markdownBox.focus();
    markdownBox.select();
    copyStatus.textContent = 'The browser did not allow copying: the markdown is selected, press Ctrl+C.';
  }
}

byId<HTMLFormElement>('input-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void diagnose();
});
logBox.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void diagnose();
  }
});
picker.addEventListener('change', () => {
  addFiles(picker.files);
  picker.value = '';
});
byId('clear-files').addEventListener('click', () => {
  files = [];
  showFiles();
  picker.focus();
});
for (const target of [drop, logBox]) {
  target.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  target.addEventListener('dragleave', () => drop.classList.remove('over'));
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    addFiles(e.dataTransfer?.files ?? null);
    void diagnose();
  });
}
// A file dropped anywhere else must not make the browser navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());
redactBox.addEventListener('change', () => void updateMarkdown().catch(failed));
byId('copy').addEventListener('click', () => void copyMarkdown());
byId('cancel').addEventListener('click', cancel);
document.documentElement.dataset.analyser = analyser.where;
void analyser.ready.then((k) => {
  articles = k.articles;
  // Where the analysis runs is settled once the analyser is up (a refused worker falls back).
  document.documentElement.dataset.analyser = analyser.where;
  byId('version').textContent = `${k.version} · ${k.rules} rules, ${k.articles.size} articles`;
  if (k.problems.length) {
    // Content that failed to load is skipped; say so rather than diagnose with less in silence.
    byId('problems').replaceChildren(el('p', {}, 'Some bundled content could not be loaded:'), el('ul', {}, ...k.problems.map((p) => el('li', {}, p))));
    byId('problems').hidden = false;
  }
  document.documentElement.dataset.ready = 'true';
});
