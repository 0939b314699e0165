// `rules coverage`: which of the messages i2pd prints at critical, error and warn the content
// knows. A message is known when a signature fits its template (same module, a level the
// signature can match, its literal and pattern fit the text) or when the catalogue
// (rules/catalogue/<module>.json) lists it: skipped with the reason, covered by a named signature,
// or still to do (not covered). Pure: the releases' sources are read at the edge.
import { moduleEnd } from '../parse/i2pd-line.js';
import type { Signature } from '../match/signature.js';
import { argsTemplate, fixedMatched } from './source-drift.js';

export const COVERAGE_LEVELS = ['critical', 'error', 'warn'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

/** The goal per level: the share of templates that must be known. */
export const GOAL: Record<CoverageLevel, number> = { critical: 1, error: 1, warn: 0.9 };

const LEVEL_OF: Record<string, CoverageLevel> = { eLogCritical: 'critical', eLogError: 'error', eLogWarning: 'warn' };

/** One LogPrint call site at critical, error or warn. */
export interface Call {
  level: CoverageLevel;
  /** The message with every non-literal argument as `{}`, white space collapsed. */
  template: string;
  /** The module prefix the message carries, as the line parser reads it; '' for none, '{}' when an argument prints it. */
  module: string;
  file: string;
  line: number;
}

const CALL = /\bLogPrint\s*\(/g;

/**
 * The LogPrint calls of one source file at critical, error and warn. The level is the first
 * argument; a computed one (`ec == would_block ? eLogInfo : eLogError`) counts at each of those
 * levels it can take.
 */
export function callsOf(source: string, file: string): Call[] {
  const out: Call[] = [];
  let lineNo = 1;
  let lineAt = 0;
  for (const m of source.matchAll(CALL)) {
    const start = m.index + m[0].length;
    const comma = firstTopComma(source, start);
    if (comma < 0) continue;
    const levels = [...new Set([...source.slice(start, comma).matchAll(/\beLog(Critical|Error|Warning)\b/g)].map((x) => LEVEL_OF[x[0]]))];
    if (levels.length === 0) continue;
    const raw = argsTemplate(source, comma + 1);
    if (raw === undefined) continue;
    for (; lineAt < m.index; lineAt++) if (source.charCodeAt(lineAt) === 10) lineNo++;
    const template = normalise(raw);
    for (const level of levels) out.push({ level, template, module: moduleOfTemplate(template), file, line: lineNo });
  }
  return out;
}

/** The index of the first comma at the call's top level after `from`, or -1 when the call ends first. */
function firstTopComma(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length && i < from + 400; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return -1;
      depth--;
    } else if (c === ',' && depth === 0) return i;
    else if (c === ';' || c === '"') return -1;
  }
  return -1;
}

/** White space runs become one space; the ends are trimmed. */
export function normalise(template: string): string {
  return template.replace(/\s+/g, ' ').trim();
}

/** The module of a template as the line parser would read it from a printed line. */
export function moduleOfTemplate(template: string): string {
  if (template.startsWith('{}')) return '{}';
  const colon = moduleEnd(template, 0);
  return colon === -1 ? '' : template.slice(0, colon);
}

/** The template without its `Module: ` prefix (`{}: ` too): what a signature's literal and pattern see. */
export function bodyOf(template: string, module: string): string {
  if (module === '{}') return template.startsWith('{}: ') ? template.slice(4) : template;
  return module === '' ? template : template.slice(module.length + 2);
}

/** Values an argument often takes, to try a signature's pattern on instances of a template. */
const FILLERS = [
  '1',
  '127.0.0.1',
  '127.0.0.1:4567',
  'x',
  'Connection refused',
  '0',
  '[::1]:4567',
  'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  '/var/lib/i2pd/router.info',
  'example.i2p',
  '',
];

/**
 * Whether `s` recognises the printed form of `call` whatever its arguments: a `log` signature of
 * the same module (`*` for any module that is one), at the call's level when it names levels,
 * whose literal is part of the template's fixed text, and whose pattern matches an instance of the
 * template with its arguments filled from common values. A signature for some values of an
 * argument only (an errno text) does not fit by itself; the catalogue can name it.
 */
export function fits(s: Signature, call: Pick<Call, 'level' | 'template' | 'module'>): boolean {
  if (s.kind !== 'log') return false;
  if (s.levels && !s.levels.includes(call.level)) return false;
  if (!sameModule(s, call.module)) return false;
  const body = bodyOf(call.template, call.module);
  if (!literalFits(s.literalLower, body.toLowerCase())) return false;
  const re = s.regex;
  if (!re) return true;
  for (const text of instances(body)) if (re.test(text)) return true;
  return false;
}

/**
 * Whether a signature is for a template's module: the same name, or `*` for any that has one. A
 * template that starts with an argument (`{}: Runtime exception: {}`, `{} is malformed`) prints
 * a module only the running code knows: `*` signatures and those for no module may fit it.
 */
export function sameModule(s: Signature, module: string): boolean {
  if (s.kind !== 'log') return false;
  if (module === '{}') return s.module === '*' || s.module === '';
  return s.module === '*' ? module !== '' : s.module.toLowerCase() === module.toLowerCase();
}

/** Whether a literal lies in the fixed text of a template body (lower case), between arguments. */
export function literalFits(literal: string, body: string): boolean {
  return body.split('{}').some((part) => part.includes(literal));
}

/** Whether a literal can be part of some instance of a template body (lower case), reaching into arguments. */
export function literalMayFit(literal: string, body: string): boolean {
  return body.includes(literal) || (body.includes('{}') && fixedMatched(literal, body) >= 0);
}

/** Instances of a template: each `{}` filled from FILLERS, every combination while there are few. */
function* instances(template: string): Generator<string> {
  const parts = template.split('{}');
  const holes = parts.length - 1;
  if (holes === 0) {
    yield template;
    return;
  }
  const fill = (pick: (hole: number) => string) => parts.reduce((acc, p, i) => (i === 0 ? p : acc + pick(i - 1) + p), '');
  for (const f of FILLERS) yield fill(() => f);
  if (FILLERS.length ** holes <= 2000) {
    const idx = new Array<number>(holes).fill(0);
    for (;;) {
      yield fill((h) => FILLERS[idx[h]]);
      let k = 0;
      while (k < holes && ++idx[k] === FILLERS.length) idx[k++] = 0;
      if (k === holes) return;
    }
  }
  for (const base of FILLERS.slice(0, 4)) {
    for (let h = 0; h < holes; h++) for (const f of FILLERS) yield fill((x) => (x === h ? f : base));
  }
}

export interface ReleaseCalls {
  /** The release tag, or the tree's path for a plain source tree. */
  release: string;
  calls: Call[];
}

export type Status = 'signature' | 'skip' | 'todo' | 'unknown';

/** One template at one level in one release, and how it is known. */
export interface Verdict {
  template: string;
  module: string;
  level: CoverageLevel;
  /** `file:line` of every call that prints it. */
  sites: string[];
  status: Status;
  signature?: string;
  reason?: string;
  /** The catalogue file that lists it. */
  listed?: string;
}

export interface LevelCoverage {
  level: CoverageLevel;
  templates: number;
  signature: number;
  skip: number;
  todo: number;
  unknown: number;
  /** Known (signature or skip) / templates; 1 when there are none. */
  share: number;
  goal: number;
  met: boolean;
}

export interface ReleaseCoverage {
  release: string;
  levels: LevelCoverage[];
  met: boolean;
  /** Templates counted as not covered: todo and unknown. */
  missing: Verdict[];
}

/** How the catalogue is consulted: by template. */
export interface CatalogueLookup {
  byTemplate: ReadonlyMap<string, { status: 'skip' | 'todo' | 'signature'; reason?: string; signature?: string; file: string }>;
}

export function coverageOf(releases: ReleaseCalls[], signatures: readonly Signature[], catalogue: CatalogueLookup): ReleaseCoverage[] {
  const byModule = new Map<string, Signature[]>();
  for (const s of signatures) {
    if (s.kind !== 'log') continue;
    const key = s.module === '*' ? '*' : s.module.toLowerCase();
    byModule.set(key, [...(byModule.get(key) ?? []), s]);
  }
  const fitCache = new Map<string, Signature | null>();
  const fitOf = (level: CoverageLevel, template: string, module: string): Signature | undefined => {
    const key = `${level}\0${template}`;
    let hit = fitCache.get(key);
    if (hit === undefined) {
      const own = byModule.get(module === '{}' ? '' : module.toLowerCase()) ?? [];
      const candidates = [...own, ...(byModule.get('*') ?? [])];
      hit = candidates.find((s) => fits(s, { level, template, module })) ?? null;
      fitCache.set(key, hit);
    }
    return hit ?? undefined;
  };
  return releases.map(({ release, calls }) => {
    const verdicts = new Map<string, Verdict>();
    for (const c of calls) {
      const key = `${c.level}\0${c.template}`;
      const seen = verdicts.get(key);
      if (seen) {
        seen.sites.push(`${c.file}:${c.line}`);
        continue;
      }
      const v: Verdict = { template: c.template, module: c.module, level: c.level, sites: [`${c.file}:${c.line}`], status: 'unknown' };
      const sig = fitOf(c.level, c.template, c.module);
      const entry = catalogue.byTemplate.get(c.template);
      if (sig) {
        v.status = 'signature';
        v.signature = sig.id;
      } else if (entry) {
        v.status = entry.status;
        v.signature = entry.signature;
        v.reason = entry.reason;
        v.listed = entry.file;
      }
      verdicts.set(key, v);
    }
    const all = [...verdicts.values()];
    const levels = COVERAGE_LEVELS.map((level): LevelCoverage => {
      const here = all.filter((v) => v.level === level);
      const n = (s: Status) => here.filter((v) => v.status === s).length;
      const known = n('signature') + n('skip');
      const share = here.length ? known / here.length : 1;
      return { level, templates: here.length, signature: n('signature'), skip: n('skip'), todo: n('todo'), unknown: n('unknown'), share, goal: GOAL[level], met: share >= GOAL[level] };
    });
    const order = (v: Verdict) => COVERAGE_LEVELS.indexOf(v.level);
    const missing = all
      .filter((v) => v.status === 'todo' || v.status === 'unknown')
      .sort((a, b) => order(a) - order(b) || a.sites[0].localeCompare(b.sites[0], 'en', { numeric: true }));
    return { release, levels, met: levels.every((l) => l.met), missing };
  });
}
