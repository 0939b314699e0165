// Unknown messages: warn/error/critical lines no signature matched, reduced to templates so that
// the same message from different routers (other addresses, ports, hashes, numbers) clusters.
// Pure: the browser page can use it too.
import type { Entry, Level } from '../model.js';
import { own } from '../parse/own.js';

export interface TemplateExample {
  case: string;
  source: string;
  line: number;
  text: string;
}

/** One template as seen in one case. */
export interface CaseTemplate {
  id: string;
  level: Level;
  module: string;
  template: string;
  count: number;
  example: TemplateExample;
}

/** One template across the batch. */
export interface TemplateCluster extends CaseTemplate {
  /** Cases that show it, most examples from the first. */
  cases: number;
  caseNames: string[];
}

// Order matters: wider shapes are masked before the numbers inside them. Each mask comes with a
// test its pattern cannot match without (a shorter text, a character it needs), so the common
// short message skips most of the twelve replaces; the result is the same.
const HAS_DIGIT = /\d/;
const HAS_I2P = /\.i2p/i;
export const TEMPLATE_MASKS: Array<[RegExp, string, (t: string) => boolean]> = [
  [/\b[a-z2-7]{52}\.b32\.i2p\b/gi, '<b32>', (t) => t.length >= 60 && HAS_I2P.test(t)],
  [/\b[\w-]+(\.[\w-]+)*\.i2p\b/gi, '<host.i2p>', (t) => HAS_I2P.test(t)],
  [/\[[0-9a-f:.]+\]:\d{1,5}\b/gi, '<ip>:<port>', (t) => t.includes(']:')],
  [/\b\d{1,3}(\.\d{1,3}){3}:\d{1,5}\b/g, '<ip>:<port>', (t) => t.includes('.')],
  [/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>', (t) => t.includes('.')],
  [/(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])/gi, '<ip>', (t) => t.includes(':')],
  [/(?<![\w:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?![\w:])/gi, '<ip>', (t) => t.includes('::')],
  [/(?:[A-Za-z]:)?(?:[\\/][\w.@+~-]+){2,}[\\/]?/g, '<path>', (t) => t.includes('/') || t.includes('\\')],
  // i2p's base64 uses - and ~; identities and router hashes are 44+ characters.
  [/[A-Za-z0-9~+/-]{30,}={0,2}/g, '<base64>', (t) => t.length >= 30],
  [/\b[a-z2-7]{52}\b/gi, '<base32>', (t) => t.length >= 52],
  [/\b(?:0x[0-9a-f]+|(?=[0-9a-f]*[a-f])[0-9a-f]{8,})\b/gi, '<hex>', (t) => HAS_DIGIT.test(t) || t.length >= 8],
  [/-?\b\d+(\.\d+)?\b/g, '<n>', (t) => HAS_DIGIT.test(t)],
];

export function templateOf(message: string): string {
  let t = message;
  for (const [re, mask, may] of TEMPLATE_MASKS) if (may(t)) t = t.replace(re, mask);
  return t.replace(/\s+/g, ' ').trim();
}

/** FNV-1a: a short id that stays the same across runs and machines. */
export function templateId(level: string, module: string, template: string): string {
  return fnv1a(`${level}\u0000${module}\u0000${template}`);
}

/** FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const MAX_PER_CASE = 500;

/** Collects the templates of one case; feed it CaseAnalysis.onUnmatched. */
export class TemplateCollector {
  private readonly byId = new Map<string, CaseTemplate>();
  constructor(readonly caseName: string) {}

  add(e: Entry): void {
    const template = templateOf(e.message);
    const level = e.level ?? 'error';
    const id = templateId(level, e.module, template);
    const t = this.byId.get(id);
    if (t) t.count++;
    else if (this.byId.size < MAX_PER_CASE) {
      this.byId.set(id, { id, level, module: e.module, template, count: 1, example: { case: this.caseName, source: e.source, line: e.line, text: own(e.text) } });
    }
  }

  /** In first-seen order, for `merge` on another thread. */
  state(): CaseTemplate[] {
    return [...this.byId.values()];
  }

  /**
   * Adds the templates of a later part of the same source (read on another thread), its lines
   * numbered after `lines`: the same as having seen that part here.
   */
  merge(part: readonly CaseTemplate[], lines: number): void {
    for (const p of part) {
      const t = this.byId.get(p.id);
      if (t) t.count += p.count;
      else if (this.byId.size < MAX_PER_CASE) this.byId.set(p.id, { ...p, example: { ...p.example, case: this.caseName, line: p.example.line + lines } });
    }
  }

  list(): CaseTemplate[] {
    return [...this.byId.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  }
}

/** Merges per-case templates: most cases first, then most lines. */
export function clusterTemplates(perCase: CaseTemplate[][]): TemplateCluster[] {
  const by = new Map<string, TemplateCluster>();
  for (const list of perCase) {
    for (const t of list) {
      const c = by.get(t.id);
      if (c) {
        c.count += t.count;
        c.cases++;
        c.caseNames.push(t.example.case);
      } else by.set(t.id, { ...t, example: { ...t.example }, cases: 1, caseNames: [t.example.case] });
    }
  }
  return [...by.values()].sort((a, b) => b.cases - a.cases || b.count - a.count || (a.id < b.id ? -1 : 1));
}
