// `i2pd-doctor analyze`: one case (a log, its config, stdin) or a batch of reports (a folder of
// attachments, archives), analysed on a worker pool, with batch sections in the report.
import { say, writeOut } from './output.js';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Article } from '../kb/article.js';
import { suggest, suggestProblem } from '../analyze/suggest.js';
import { StageProfile } from '../analyze/profile.js';
import { LineLog } from '../analyze/line-log.js';
import { SEVERITY_RANK, type Severity } from '../model.js';
import { planCases, type CasePer } from '../node/batch/cases.js';
import { inPacks } from '../node/content/packs.js';
import { DEFAULT_LIMITS, type Limits } from '../read/limits.js';
import { defaultJobs, runBatch } from '../node/batch/pool.js';
import type { CaseOutcome } from '../node/batch/run-case.js';
import { expandInputs } from '../node/read/sources.js';
import { describeRedaction, type RedactionCount } from '../redact/redactor.js';
import { buildBatchReport, type BatchReport } from '../report/batch.js';
import { renderBatchMarkdown, renderBatchText } from '../report/batch-render.js';
import { contentFor } from './content.js';
import { renderMarkdown } from '../report/markdown.js';
import { terminalSafe } from '../report/safe-text.js';
import { renderText } from '../report/text.js';
import { renderProfile } from './profile-report.js';
import { startProgress } from './progress.js';
import { terminal, wantColor } from './terminal.js';

export type Format = 'text' | 'markdown' | 'json' | 'ndjson' | 'html';

export interface AnalyzeOptions {
  config: string[];
  rules?: string[];
  format: Format;
  failOn: Severity | 'none';
  brief?: boolean;
  color?: boolean;
  casePer: CasePer;
  jobs?: number;
  progress?: boolean;
  suggest?: string;
  drafts: string;
  maxBytes?: number;
  maxRatio?: number;
  maxEntries?: number;
  /** Unset: redact markdown (meant for posting) only. */
  redact?: boolean;
  version: string;
  /** Time per stage and per-signature cost, to stderr (one case). */
  profile?: boolean;
  /** Each line's class and signatures instead of the report (one case). */
  lines?: boolean;
}

/** --jobs at most this many times the cores. */
export const JOBS_PER_CORE = 4;

/** A batch gets the summary, totals, follow-ups and unknown messages; a single case does not. */
function isBatch(r: BatchReport): boolean {
  return r.cases.length > 1;
}

export async function analyzeCommand(args: string[], o: AnalyzeOptions): Promise<number> {
  const content = contentFor(o);
  if (!content) return 2;
  const knowledge = content.knowledge;
  // A config alone (`--config i2pd.conf` from a terminal) is a case; a pipe is read as well.
  const configOnly = args.length === 0 && o.config.length > 0;
  if (args.length === 0) {
    if (process.stdin.isTTY && !configOnly) {
      say('nothing to analyse: give log files, folders, archives or globs, or pipe a log in (i2pd-doctor analyze /var/log/i2pd/i2pd.log, or cat i2pd.log | i2pd-doctor analyze)');
      return 2;
    }
    if (!process.stdin.isTTY) args = ['-'];
  }
  const configs = await expandInputs(o.config);
  const plan = await planCases(args, configs.sources.map((s) => ({ ...s, as: 'i2pd.conf' as const })), o.casePer);
  if (configOnly && plan.cases.length === 1) plan.cases[0].name = o.config.join(' ');
  let inputError = plan.errors.length + configs.errors.length > 0;
  for (const e of [...plan.errors, ...configs.errors]) say(e);
  if (plan.cases.length === 0) {
    say('no source could be read; nothing analysed');
    return 2;
  }
  const limits = limitsOf(o);
  if (o.lines && plan.cases.length !== 1) {
    say('--lines lists the lines of one case; give one case (a file, or several files with --case-per dir)');
    return 2;
  }
  const lineLog = o.lines ? new LineLog() : undefined;
  // Each thread is an isolate of its own (~35 MB): thousands of them would only exhaust memory.
  const maxJobs = JOBS_PER_CORE * availableParallelism();
  if (o.jobs !== undefined && o.jobs > maxJobs) {
    say(`--jobs ${o.jobs}: more than ${JOBS_PER_CORE} threads per core; using ${maxJobs}`);
    o = { ...o, jobs: maxJobs };
  }
  const jobs = lineLog ? 1 : (o.jobs ?? defaultJobs(plan.cases.length));
  const started = performance.now();
  const profile = o.profile && plan.cases.length === 1 ? new StageProfile() : undefined;
  if (o.profile && !profile) say('--profile times one case; give one case (a file, or several files with --case-per dir)');
  const progress = o.progress === false || o.format === 'ndjson' ? undefined : startProgress(plan.cases.length);
  const single = plan.cases.length === 1;
  const redact = o.redact ?? o.format === 'markdown';
  const onDone = (out: CaseOutcome) => {
    progress?.tick();
    for (const s of out.report.sources) {
      for (const e of s.errors) {
        say(e);
        inputError = true;
      }
      if (single && o.format !== 'text') for (const w of s.warnings) say(`${s.name}: ${w}`);
    }
    if (o.format === 'ndjson' && !o.suggest) writeOut(JSON.stringify({ type: 'case', ...out.report }) + '\n');
  };
  let outcomes: CaseOutcome[];
  try {
    // One case: the threads go to splitting a large file instead of to cases.
    // One thread unless --jobs asks for more: two are 1.4-1.7x as fast on a 1 GB log with a core
    // idle, but hold 150-175 MB against one's 87 (bench/results.md), past what a run should take.
    const fileJobs = single && !lineLog ? (o.jobs ?? 1) : 1;
    outcomes = await runBatch(plan.cases, { jobs, content: { knowledge: () => knowledge, packs: o.rules }, run: { limits, redact, profile, fileJobs, lineLog }, onDone });
  } finally {
    progress?.stop();
  }
  if (profile) process.stderr.write(renderProfile(profile, knowledge, performance.now() - started));
  // Signatures switched off for their time budget (in this thread; workers have their own matcher).
  for (const d of knowledge.matcher.disabled) say(`content: ${d.file}: signature ${d.id} spent ${d.ms} ms matching and was switched off for the rest of the run; simplify its pattern`);
  if (redact) say(`redacted ${describeRedaction(sumRedaction(outcomes.map((x) => x.report.redaction ?? [])))}${o.redact === undefined ? ' (--no-redact keeps them)' : ''}`);
  if (lineLog) {
    writeOut(terminalSafe(lineLog.render()));
    return inputError ? 2 : 0;
  }
  const report = buildBatchReport(outcomes, o.version);
  if (o.suggest) {
    const written = writeSuggestion(report, o.suggest, o.drafts);
    // The drafts are written either way; a source that could not be read still fails the run.
    return inputError ? 2 : written;
  }
  await writeReport(report, knowledge.articles, { format: o.format, brief: o.brief, color: o.color, packs: o.rules ?? [] });
  if (inputError) return 2;
  if (o.failOn === 'none') return 0;
  const bar = SEVERITY_RANK[o.failOn];
  return report.cases.some((c) => c.diagnoses.some((d) => SEVERITY_RANK[d.severity] >= bar)) ? 1 : 0;
}

/** The command's limits: the defaults, with what --max-bytes, --max-ratio and --max-entries change. */
function limitsOf(o: AnalyzeOptions): Limits {
  return {
    ...DEFAULT_LIMITS,
    ...(o.maxBytes ? { maxBytes: o.maxBytes } : {}),
    ...(o.maxRatio ? { maxRatio: o.maxRatio } : {}),
    ...(o.maxEntries ? { maxEntries: o.maxEntries } : {}),
  };
}

/** What rendering the report takes of the command's options. */
interface ReportOutput {
  format: Format;
  brief?: boolean;
  color?: boolean;
  /** The --rules packs, for the `kb` command a finding's article is shown with. */
  packs: string[];
}

async function writeReport(report: BatchReport, articles: Map<string, Article>, o: ReportOutput): Promise<void> {
  const { cases: _cases, ...batch } = report;
  if (o.format === 'json') writeOut(JSON.stringify(report, null, 2) + '\n');
  else if (o.format === 'ndjson') writeOut(JSON.stringify({ type: 'batch', ...batch, cases: report.cases.length }) + '\n');
  // Loaded for this format only: marked and sanitize-html were a sixth of a short log's start-up.
  else if (o.format === 'html') writeOut((await import('../report/html.js')).renderHtml(report, articles, (text) => createHash('sha256').update(text).digest('base64')));
  // Markdown is read in a terminal as often as it is pasted: no control character from a pack's
  // title or article reaches either (log text in it is escaped already, so this changes nothing there).
  else if (o.format === 'markdown') writeOut(terminalSafe(isBatch(report) ? renderBatchMarkdown(report, articles, { brief: o.brief }) : renderMarkdown(report, articles, { brief: o.brief })));
  else {
    const t = await terminal(wantColor(process.stdout, o.color === false ? false : undefined));
    // Log lines are cut to fit a terminal; a file or a pipe gets them whole.
    const clip = process.stdout.isTTY ? 160 : undefined;
    // The sparkline of each case's timeline: for a person at a terminal, not with --brief.
    const timelineWidth = process.stdout.isTTY && !o.brief ? process.stdout.columns || 100 : undefined;
    const to = { style: t.style, markdown: t.markdown, articles, articlesInline: !o.brief && !isBatch(report), clip, kbCommand: kbCommandFor(articles, o.packs), timelineWidth };
    writeOut(isBatch(report) ? renderBatchText(report, { ...to, articlesInline: o.brief === false }) : renderText(report, to));
  }
}

/** `i2pd-doctor kb <id>`, with the --rules an article of a pack given on the command line needs. */
function kbCommandFor(articles: Map<string, Article>, rulesDirs: string[]): (id: string) => string {
  return (id) => {
    const file = articles.get(id)?.file;
    const dir = file && rulesDirs.find((d) => inPacks(file, [resolve(d)]));
    return `i2pd-doctor kb ${id}${dir ? ` --rules ${/\s/.test(dir) ? `'${dir}'` : dir}` : ''}`;
  };
}

function sumRedaction(perCase: RedactionCount[][]): RedactionCount[] {
  const by = new Map<string, RedactionCount>();
  for (const list of perCase) {
    for (const c of list) {
      const t = by.get(c.kind);
      if (t) {
        t.values += c.values;
        t.occurrences += c.occurrences;
      } else by.set(c.kind, { ...c });
    }
  }
  return [...by.values()];
}

function writeSuggestion(report: BatchReport, id: string, dir: string): number {
  const u = report.unknownMessages.find((x) => x.id === id);
  if (!u) {
    say(`no unknown-message template ${id} in these cases; run without --suggest to list the templates and their ids`);
    return 2;
  }
  const problem = suggestProblem(u);
  if (problem) {
    say(problem);
    return 2;
  }
  const s = suggest(u);
  const files: [string, object][] = [
    [join(dir, 'signatures', `${s.signatureId}.json`), s.signature],
    [join(dir, `${s.ruleId}.json`), s.rule],
  ];
  for (const [f] of files) {
    if (existsSync(f)) {
      say(`${f} exists; not overwritten. Remove it or choose another folder with --drafts`);
      return 2;
    }
  }
  const failed = writeAll(files.map(([f, body]) => [f, JSON.stringify(body, null, 2) + '\n']));
  if (failed) {
    say(`cannot write the drafts in ${dir}: ${failed}; nothing was written. Free some space or choose a writable folder with --drafts`);
    return 2;
  }
  for (const [f] of files) writeOut(`${f}\n`);
  say(`drafts written for template ${id}; fill in the TODOs, then move the signature into rules/signatures/ and the rule into rules/<area>/ (docs/formats.md)`);
  return 0;
}

const WRITE_REASON: Record<string, string> = { ENOSPC: 'no space left on the device', EDQUOT: 'the disk quota is used up', EROFS: 'the file system is read-only', EACCES: 'permission denied', EPERM: 'permission denied', ENOTDIR: 'a part of the path is a file, not a folder' };

/**
 * Makes `d` and the folders above it that are missing, one at a time (a recursive mkdir says
 * ENOENT on a read-only file system, hiding EROFS); returns the first one made.
 */
function makeDirs(d: string): string {
  const missing: string[] = [];
  for (let p = resolve(d); !existsSync(p); p = dirname(p)) missing.unshift(p);
  for (const p of missing) mkdirSync(p);
  return missing[0] ?? d;
}

/**
 * Writes every file or none: each goes to a temporary file beside it, synced, and only when all
 * are written are they renamed into place; on any failure the temporary files and the folders
 * made for them go. Returns why it failed, or undefined.
 */
function writeAll(files: [string, string][]): string | undefined {
  const made: string[] = [];
  const temps: string[] = [];
  try {
    for (const [f, text] of files) {
      const d = dirname(f);
      if (!existsSync(d)) made.push(makeDirs(d));
      const tmp = `${f}.${process.pid}.tmp`;
      temps.push(tmp);
      const fd = openSync(tmp, 'wx');
      try {
        const buf = Buffer.from(text);
        for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    files.forEach(([f], i) => renameSync(temps[i], f));
    return undefined;
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    for (const d of made.reverse()) rmSync(d, { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return `${WRITE_REASON[code] ?? (e as Error).message} (${code || 'error'})`;
  }
}
