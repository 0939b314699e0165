// The message catalogue (rules/catalogue/*.json): i2pd's messages at critical, error and warn
// that no signature fits by itself, each skipped with its reason, handed to a named signature,
// or marked as still to do. Parsed and checked here; read from disk at the edge.
import type { Signature } from '../match/signature.js';
import { schemaErrors } from '../schemas/validate.js';
import { bodyOf, COVERAGE_LEVELS, fits, literalMayFit, moduleOfTemplate, normalise, sameModule, type CoverageLevel } from './coverage.js';

export interface CatalogueFileText {
  name: string;
  text: string;
}

interface MessageSpec {
  template: string;
  levels?: CoverageLevel[];
  source?: string;
  since?: string;
  until?: string;
  skip?: string;
  todo?: string;
  signature?: string;
  group?: string;
}

interface CatalogueSpec {
  description?: string;
  groups?: Record<string, { skip?: string; todo?: string }>;
  messages: MessageSpec[];
}

export type EntryStatus = 'skip' | 'todo' | 'signature';

export interface CatalogueEntry {
  template: string;
  module: string;
  status: EntryStatus;
  /** The reason (skip, todo), its own or its group's. */
  reason?: string;
  group?: string;
  signature?: string;
  levels?: CoverageLevel[];
  source?: string;
  since?: string;
  until?: string;
  /** `rules/catalogue/ssu2.json`, and the entry's JSON path in it. */
  file: string;
  at: string;
}

export interface Catalogue {
  byTemplate: Map<string, CatalogueEntry>;
  entries: CatalogueEntry[];
  /** Unused groups, by file. */
  unusedGroups: { file: string; group: string }[];
  /** Problems that leave an entry out or make it wrong: `file: $.path: what to do`. */
  problems: string[];
}

const KINDS = ['skip', 'todo', 'signature', 'group'] as const;

export function parseCatalogue(files: CatalogueFileText[]): Catalogue {
  const byTemplate = new Map<string, CatalogueEntry>();
  const entries: CatalogueEntry[] = [];
  const problems: string[] = [];
  const unusedGroups: Catalogue['unusedGroups'] = [];
  for (const f of files) {
    let data: CatalogueSpec;
    try {
      data = JSON.parse(f.text) as CatalogueSpec;
    } catch (e) {
      problems.push(`${f.name}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    const errs = schemaErrors('catalogue', data);
    for (const e of errs) problems.push(`${f.name}: ${e}`);
    if (!data || !Array.isArray(data.messages)) continue;
    const groups = data.groups && typeof data.groups === 'object' ? data.groups : {};
    const used = new Set<string>();
    data.messages.forEach((m, i) => {
      const at = `$.messages[${i}]`;
      if (errs.some((e) => e.startsWith(at + '.') || e.startsWith(at + ':'))) return;
      const given = KINDS.filter((k) => m[k] !== undefined);
      if (given.length > 1) {
        problems.push(`${f.name}: ${at}: gives ${given.map((k) => `"${k}"`).join(' and ')}; keep one (skip, todo, signature or group)`);
        return;
      }
      if (normalise(m.template) !== m.template) {
        problems.push(`${f.name}: ${at}.template: white space differs from the template i2pd's call reduces to; write it as "${normalise(m.template)}"`);
        return;
      }
      let status: EntryStatus;
      let reason: string | undefined;
      if (m.group !== undefined) {
        const g = Object.hasOwn(groups, m.group) ? groups[m.group] : undefined;
        if (!g) {
          problems.push(`${f.name}: ${at}.group: no group "${m.group}" in this file's "groups"; add it with its reason, or fix the spelling`);
          return;
        }
        used.add(m.group);
        status = g.skip !== undefined ? 'skip' : 'todo';
        reason = g.skip ?? g.todo;
      } else if (m.signature !== undefined) status = 'signature';
      else {
        status = m.skip !== undefined ? 'skip' : 'todo';
        reason = m.skip ?? m.todo;
      }
      const prev = byTemplate.get(m.template);
      if (prev) {
        problems.push(`${f.name}: ${at}.template: "${m.template}" is listed already (${prev.file} ${prev.at}); keep one entry`);
        return;
      }
      const e: CatalogueEntry = {
        template: m.template, module: moduleOfTemplate(m.template), status, reason, group: m.group, signature: m.signature,
        levels: m.levels, source: m.source, since: m.since, until: m.until, file: f.name, at,
      };
      byTemplate.set(m.template, e);
      entries.push(e);
    });
    for (const g of Object.keys(groups)) if (!used.has(g)) unusedGroups.push({ file: f.name, group: g });
  }
  return { byTemplate, entries, unusedGroups, problems };
}

export interface CatalogueFinding {
  level: 'error' | 'warning';
  file: string;
  message: string;
}

/** What `rules lint` says about the catalogue, given every signature loaded. */
export function catalogueFindings(c: Catalogue, signatures: readonly Signature[]): CatalogueFinding[] {
  const out: CatalogueFinding[] = [];
  for (const p of c.problems) {
    const i = p.indexOf(': ');
    out.push({ level: 'error', file: i > 0 ? p.slice(0, i) : '?', message: i > 0 ? p.slice(i + 2) : p });
  }
  for (const g of c.unusedGroups) out.push({ level: 'warning', file: g.file, message: `$.groups["${g.group}"]: no message uses this group; use it or remove it` });
  const byId = new Map(signatures.map((s) => [s.id, s]));
  for (const e of c.entries) {
    const levels = e.levels ?? [...COVERAGE_LEVELS];
    if (e.status === 'signature') {
      const s = byId.get(e.signature!);
      if (!s) {
        out.push({ level: 'error', file: e.file, message: `${e.at}.signature: no signature "${e.signature}"; define it in rules/signatures/, or give "skip" or "todo" with a reason` });
        continue;
      }
      const body = bodyOf(e.template, e.module).toLowerCase();
      if (!sameModule(s, e.module)) out.push({ level: 'error', file: e.file, message: `${e.at}.signature: ${s.id} is for module "${s.module}", the template's is "${e.module}"; name a signature of the same module` });
      else if (!literalMayFit(s.literalLower, body)) out.push({ level: 'error', file: e.file, message: `${e.at}.signature: the literal of ${s.id} ("${s.literal}") cannot be part of "${e.template}"; name the signature that recognises it` });
      else if (s.levels && !levels.some((l) => s.levels!.includes(l))) out.push({ level: 'error', file: e.file, message: `${e.at}.signature: ${s.id} matches ${s.levels.join(', ')} only, the message is printed at ${levels.join(', ')}; add the level to the signature` });
      continue;
    }
    // Listed at levels a signature covers at each of them: the entry says nothing any more.
    const fit = signatures.find((s) => (e.levels ? levels.every : levels.some).call(levels, (level) => fits(s, { level, template: e.template, module: e.module })));
    if (fit) {
      out.push({
        level: 'warning',
        file: e.file,
        message: `${e.at}: signature ${fit.id} fits "${e.template}"${e.status === 'todo' ? ', so it is done' : ''}; remove the entry`,
      });
    }
  }
  return out;
}
