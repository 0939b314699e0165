// The paste-and-diagnose page. The log is read and analysed here, in the browser, with the same
// core as the CLI; the page has no code path that sends anything anywhere.
import content from 'virtual:i2pd-doctor-content';
import { CaseAnalysis } from '../analyze/case.js';
import { buildKnowledge, type Knowledge } from '../knowledge.js';
import { describeRedaction, Redactor } from '../redact/redactor.js';
import { renderCaseMarkdown } from '../report/markdown.js';
import { caseReport, type CaseReport } from '../report/report-model.js';
import { byId, el } from './dom.js';
import { pageBudget, readBlob } from './read-blob.js';
import { renderCase } from './render.js';

let knowledge: Knowledge | undefined;
let current: CaseReport | undefined;
let redacted: CaseReport | undefined;
let files: File[] = [];
/** What the shown report was made from: the redacted copy is analysed from the same input. */
let analysed: { name: string; text: string; files: File[] } | undefined;

function getKnowledge(): Knowledge {
  knowledge ??= buildKnowledge(content);
  return knowledge;
}

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

function showFiles(): void {
  fileList.replaceChildren(...files.map((f) => el('li', {}, `${f.name} (${f.size.toLocaleString('en')} bytes)`)));
  byId<HTMLButtonElement>('clear-files').hidden = files.length === 0;
}

function addFiles(list: FileList | null): void {
  if (!list) return;
  files = [...files, ...Array.from(list)];
  showFiles();
}

/** One case from the input; with a redactor, nothing original enters it (src/analyze/case.ts). */
async function analyse(input: NonNullable<typeof analysed>, redactor?: Redactor): Promise<CaseReport> {
  const c = new CaseAnalysis(input.name, getKnowledge(), redactor);
  const budget = pageBudget();
  if (input.text.trim()) await readBlob(c, 'pasted log', new Blob([input.text], { type: 'text/plain' }), budget);
  for (const f of input.files) await readBlob(c, f.name, f, budget);
  return caseReport(await c.finish());
}

async function updateMarkdown(): Promise<void> {
  if (!current || !analysed) return;
  let report = current;
  redactNote.textContent = '';
  if (redactBox.checked) {
    const r = new Redactor();
    redacted ??= await analyse(analysed, r);
    report = redacted;
    // Distinct values only: a log line is redacted as message and as text, so times would double.
    const what = describeRedaction((report.redaction ?? []).map((c) => ({ ...c, occurrences: c.values })));
    redactNote.textContent = what === 'nothing' ? 'The log holds no address or identity to replace.' : `Replaced ${what}.`;
  }
  markdownBox.value = renderCaseMarkdown(report, getKnowledge().articles);
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
  analysed = { name, text, files: [...files] };
  redacted = undefined;
  const t0 = performance.now();
  current = await analyse(analysed);
  const ms = Math.round(performance.now() - t0);
  results.replaceChildren(renderCase(current, getKnowledge().articles));
  share.hidden = false;
  copyStatus.textContent = '';
  await updateMarkdown();
  const lines = current.facts.stats.lines;
  status.textContent = `Analysed ${lines.toLocaleString('en')} line${lines === 1 ? '' : 's'} in ${ms} ms, in this browser.`;
  byId<HTMLElement>('result-title').focus();
}

async function copyMarkdown(): Promise<void> {
  await updateMarkdown();
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
redactBox.addEventListener('change', () => void updateMarkdown());
byId('copy').addEventListener('click', () => void copyMarkdown());
const k = getKnowledge();
byId('version').textContent = `${content.version} · ${k.rules.length} rules, ${k.articles.size} articles`;
if (k.problems.length) {
  // Content that failed to load is skipped; say so rather than diagnose with less in silence.
  byId('problems').replaceChildren(el('p', {}, 'Some bundled content could not be loaded:'), el('ul', {}, ...k.problems.map((p) => el('li', {}, p))));
  byId('problems').hidden = false;
}
document.documentElement.dataset.ready = 'true';
