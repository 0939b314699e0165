// Scores the real-report corpus (test/corpus/README.md): each folder's files are analysed as
// one case, as `i2pd-doctor analyze <files>` would, and the top finding is held to the
// maintainers' resolution. Shared by `npm run corpus` and the corpus test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Knowledge } from '../src/knowledge.js';
import type { Diagnosis } from '../src/model.js';
import { planCases } from '../src/node/batch/cases.js';
import { runCase } from '../src/node/batch/run-case.js';

export type Category = 'problem' | 'no-problem' | 'unrelated';
export type Verdict = 'right' | 'wrong' | 'trap-ok' | 'trap-fail';

export const FAMILIES = [
  'sockets', 'nat-firewall', 'ipv6-yggdrasil', 'reseed', 'netdb-tunnels', 'time', 'services', 'filesystem',
  'config', 'resources', 'crashes', 'console-proxy', 'clients', 'harmless', 'outside',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface CorpusCase {
  source: string;
  category: Category;
  family: Family;
  diagnosis: string[];
  resolution: string;
  platform: string;
  version: string;
  shape?: string[];
  proposed?: Record<string, string>;
}

export interface ReportScore {
  id: string;
  case: CorpusCase;
  verdict: Verdict;
  /** The first finding as the report lists it, or undefined when there is none. */
  top?: Pick<Diagnosis, 'rule' | 'status' | 'severity'>;
  /** Why a trap failed: the findings that broke the silence. */
  loud: string[];
  findings: Array<Pick<Diagnosis, 'rule' | 'status' | 'severity'>>;
  lines: number;
  parsed: number;
  unparsed: number;
  /** What the lines were read as (SourceStats.classes), over the report's files. */
  classes: Record<string, number>;
  /** Reading problems the analysis reported for a source (they make the case unusable). */
  errors: string[];
}

export interface Totals {
  reports: number;
  threads: number;
  problems: number;
  right: number;
  traps: number;
  trapsOk: number;
  lines: number;
  parsed: number;
  unparsed: number;
  classes: Record<string, number>;
  byFamily: Record<string, { reports: number; ok: number }>;
}

const CATEGORIES: readonly Category[] = ['problem', 'no-problem', 'unrelated'];

/** Folders of the corpus, sorted; anything that is not a report folder is ignored. */
export function corpusIds(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'case.json')))
    .map((e) => e.name)
    .sort();
}

/** Reads and checks a case.json; every problem is named with the file and the field. */
export function readCase(file: string): CorpusCase {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<CorpusCase>;
  const bad = (field: string, want: string) => new Error(`${file}: "${field}" must be ${want}`);
  if (typeof raw.source !== 'string' || !/^https?:\/\//.test(raw.source)) throw bad('source', 'the thread URL');
  if (!CATEGORIES.includes(raw.category as Category)) throw bad('category', CATEGORIES.join(', '));
  if (!FAMILIES.includes(raw.family as Family)) throw bad('family', `one of ${FAMILIES.join(', ')}`);
  if (!Array.isArray(raw.diagnosis) || !raw.diagnosis.every((d) => typeof d === 'string')) throw bad('diagnosis', 'an array of rule ids');
  if (raw.category === 'problem' && raw.diagnosis.length === 0) throw bad('diagnosis', 'at least one rule id for a problem');
  for (const f of ['resolution', 'platform', 'version'] as const) if (typeof raw[f] !== 'string' || raw[f] === '') throw bad(f, 'a non-empty string');
  return raw as CorpusCase;
}

function brief(d: Diagnosis): Pick<Diagnosis, 'rule' | 'status' | 'severity'> {
  return { rule: d.rule, status: d.status, severity: d.severity };
}

/** A trap stays quiet when nothing is error or critical and no warning is confirmed. */
function loudFindings(ds: Diagnosis[]): string[] {
  return ds.filter((d) => d.severity === 'critical' || d.severity === 'error' || (d.severity === 'warning' && d.status === 'confirmed')).map((d) => `${d.rule} [${d.severity}, ${d.status}]`);
}

export function judge(c: CorpusCase, ds: Diagnosis[]): { verdict: Verdict; loud: string[] } {
  const top = ds[0];
  if (c.category === 'problem') return { verdict: top && c.diagnosis.includes(top.rule) ? 'right' : 'wrong', loud: [] };
  const loud = loudFindings(ds);
  const explained = c.diagnosis.length === 0 || (top !== undefined && c.diagnosis.includes(top.rule));
  return { verdict: loud.length === 0 && explained ? 'trap-ok' : 'trap-fail', loud };
}

export async function scoreReport(dir: string, id: string, knowledge: Knowledge): Promise<ReportScore> {
  const folder = join(dir, id);
  const c = readCase(join(folder, 'case.json'));
  const files = readdirSync(folder)
    .filter((f) => f !== 'case.json' && !f.startsWith('.') && statSync(join(folder, f)).isFile())
    .sort((a, b) => (a === 'report.txt' ? -1 : b === 'report.txt' ? 1 : a < b ? -1 : 1))
    .map((f) => join(folder, f));
  const plan = await planCases(files, [], 'auto');
  if (plan.cases.length !== 1) throw new Error(`${folder}: its files do not make one case (${plan.errors.join('; ') || `${plan.cases.length} cases`})`);
  const { report } = await runCase(plan.cases[0], knowledge);
  // A config found inside a paste is a source of its own, but its lines are the paste's (class config).
  const logs = report.sources.filter((s) => s.kind === 'log' || !/ \((?:i2pd|tunnels)\.conf at line \d+\)$/.test(s.name));
  const classes: Record<string, number> = {};
  for (const src of logs) for (const [k, n] of Object.entries(src.classes)) classes[k] = (classes[k] ?? 0) + n;
  const { verdict, loud } = judge(c, report.diagnoses);
  return {
    id,
    case: c,
    verdict,
    top: report.diagnoses[0] ? brief(report.diagnoses[0]) : undefined,
    loud,
    findings: report.diagnoses.map(brief),
    lines: logs.reduce((n, s) => n + s.lines, 0),
    parsed: logs.reduce((n, s) => n + s.parsed, 0),
    unparsed: classes.unparsed ?? 0,
    classes,
    errors: report.sources.flatMap((s) => s.errors.map((e) => `${s.name}: ${e}`)),
  };
}

/** The thread a source URL names, so two folders of one thread count once. */
export function threadOf(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase();
}

export function totals(scores: ReportScore[]): Totals {
  const t: Totals = { reports: scores.length, threads: new Set(scores.map((s) => threadOf(s.case.source))).size, problems: 0, right: 0, traps: 0, trapsOk: 0, lines: 0, parsed: 0, unparsed: 0, classes: {}, byFamily: {} };
  for (const s of scores) {
    const ok = s.verdict === 'right' || s.verdict === 'trap-ok';
    if (s.case.category === 'problem') {
      t.problems++;
      if (ok) t.right++;
    } else {
      t.traps++;
      if (ok) t.trapsOk++;
    }
    t.lines += s.lines;
    t.parsed += s.parsed;
    t.unparsed += s.unparsed;
    for (const [k, n] of Object.entries(s.classes)) t.classes[k] = (t.classes[k] ?? 0) + n;
    const f = (t.byFamily[s.case.family] ??= { reports: 0, ok: 0 });
    f.reports++;
    if (ok) f.ok++;
  }
  return t;
}

export function passes(s: ReportScore): boolean {
  return s.verdict === 'right' || s.verdict === 'trap-ok';
}

/** `known-misses.json`: report id → why its expectation is not met yet. */
export function readKnownMisses(dir: string): Record<string, string> {
  const file = join(dir, 'known-misses.json');
  if (!existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [id, why] of Object.entries(raw)) {
    if (typeof why !== 'string' || why.trim() === '') throw new Error(`${file}: "${id}" must give the reason it misses, as a string`);
  }
  return raw as Record<string, string>;
}

const FAMILY_LABEL: Record<Family, string> = {
  sockets: 'sockets (binds, ports, buffers)', 'nat-firewall': 'NAT, firewall, UPnP', 'ipv6-yggdrasil': 'IPv6 and Yggdrasil',
  reseed: 'reseed', 'netdb-tunnels': 'netDb and tunnels', time: 'clocks', services: 'service managers',
  filesystem: 'files and permissions', config: 'configuration', resources: 'open files, memory, CPU', crashes: 'crashes',
  'console-proxy': 'web console and HTTP proxy', clients: 'SAM, BOB, address book, client tunnels',
  harmless: 'harmless messages (traps)', outside: 'causes outside i2pd (traps)',
};

function percent(n: number, d: number): string {
  return d === 0 ? '–' : `${Math.round((100 * n) / d)} %`;
}

/** The README's "How well it works" table: the score as `npm run corpus` computes it. */
export function scoreMarkdown(t: Totals): string {
  const rows = FAMILIES.filter((f) => t.byFamily[f]).map((f) => `| ${FAMILY_LABEL[f]} | ${t.byFamily[f].reports} | ${t.byFamily[f].ok} | ${percent(t.byFamily[f].ok, t.byFamily[f].reports)} |`);
  return [
    `${t.reports} real reports from ${t.threads} public threads: the top finding is right for **${t.right} of ${t.problems} problems (${percent(t.right, t.problems)})**, and **${t.trapsOk} of ${t.traps}** harmless or unrelated reports are kept quiet (${percent(t.trapsOk, t.traps)}). Of their ${t.lines} pasted lines, ${t.unparsed} are text no reader knows yet; the rest are read as ${classList(t.classes)}.`,
    '',
    '| family | reports | right or quiet | |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}

/** "612 i2pd log, 140 prose, …": the classes other than unparsed, most lines first. */
export function classList(classes: Record<string, number>): string {
  return Object.entries(classes).filter(([k, n]) => k !== 'unparsed' && n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(', ');
}
