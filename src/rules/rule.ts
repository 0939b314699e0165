// Rules as contributors write them (rules/<area>/<id>.json). The shape is checked here with
// messages that name the file and the JSON path; the JSON Schema in schemas/ says the same for
// editors.
import type { Severity } from '../model.js';
import { SEVERITIES } from '../model.js';
import { parsePath } from './path.js';
import { OPERATORS } from './operators.js';
import { unsafeReason } from './safe-regex.js';

export type RuleStatus = 'experimental' | 'test' | 'stable' | 'deprecated';

export interface ConditionLeaf {
  fact: string;
  path?: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
}
export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export interface Rule {
  $schema?: string;
  id: string;
  title: string;
  severity: Severity;
  status: RuleStatus;
  article: string;
  tags: string[];
  references: string[];
  conditions: { all: Condition[] } | { any: Condition[] } | { not: Condition };
  ask?: Record<string, string>;
  explains?: string[];
  affected?: string;
  fixedIn?: string;
  replacedBy?: string;
  /** Where it was loaded from, for messages. */
  file?: string;
}

const BUILTIN_OPERATORS = new Set([
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
]);
const STATUSES = ['experimental', 'test', 'stable', 'deprecated'];
const MAX_DEPTH = 12;
const MAX_CONDITIONS = 200;

/** Problems with a rule's shape, each `<json path>: <what is wrong and what to do>`. */
export function checkRule(r: unknown): string[] {
  const errs: string[] = [];
  if (!r || typeof r !== 'object' || Array.isArray(r)) return ['$: a rule must be a JSON object'];
  const o = r as Record<string, unknown>;
  const str = (k: string, hint: string) => {
    if (typeof o[k] !== 'string' || (o[k] as string).trim() === '') errs.push(`$.${k}: required string (${hint})`);
  };
  str('id', 'kebab-case, equal to the file name');
  if (typeof o.id === 'string' && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) errs.push(`$.id: "${o.id}" is not kebab-case (a-z, 0-9 and single dashes)`);
  str('title', 'one line a user understands');
  str('article', 'the id of an article in kb/');
  if (!SEVERITIES.includes(o.severity as Severity)) errs.push(`$.severity: must be one of ${SEVERITIES.join(', ')}`);
  if (!STATUSES.includes(o.status as string)) errs.push(`$.status: must be one of ${STATUSES.join(', ')}`);
  if (o.status === 'deprecated' && typeof o.replacedBy !== 'string') errs.push('$.replacedBy: a deprecated rule names the rule that replaces it');
  for (const k of ['tags', 'references']) {
    if (!Array.isArray(o[k]) || (o[k] as unknown[]).some((x) => typeof x !== 'string')) errs.push(`$.${k}: required array of strings`);
  }
  if (Array.isArray(o.references) && o.references.length === 0) errs.push('$.references: name at least one i2pd source file or discussion');
  if (o.explains !== undefined && (!Array.isArray(o.explains) || o.explains.some((x) => typeof x !== 'string'))) errs.push('$.explains: array of rule ids');
  if (o.ask !== undefined && (typeof o.ask !== 'object' || o.ask === null || Object.values(o.ask).some((x) => typeof x !== 'string'))) errs.push('$.ask: object of fact → question strings');
  const counter = { n: 0 };
  if (!o.conditions || typeof o.conditions !== 'object') errs.push('$.conditions: required object with "all", "any" or "not"');
  else checkCondition(o.conditions, '$.conditions', 0, errs, counter, true);
  return errs;
}

function checkCondition(c: unknown, at: string, depth: number, errs: string[], counter: { n: number }, top = false): void {
  if (++counter.n > MAX_CONDITIONS) {
    if (counter.n === MAX_CONDITIONS + 1) errs.push(`${at}: more than ${MAX_CONDITIONS} conditions; split the rule`);
    return;
  }
  if (depth > MAX_DEPTH) {
    errs.push(`${at}: nested deeper than ${MAX_DEPTH} levels; flatten the conditions`);
    return;
  }
  if (!c || typeof c !== 'object' || Array.isArray(c)) {
    errs.push(`${at}: a condition must be an object`);
    return;
  }
  const o = c as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') errs.push(`${at}.${k}: forbidden key`);
  }
  for (const b of ['all', 'any'] as const) {
    if (b in o) {
      if (!Array.isArray(o[b]) || (o[b] as unknown[]).length === 0) errs.push(`${at}.${b}: a non-empty array of conditions`);
      else (o[b] as unknown[]).forEach((x, i) => checkCondition(x, `${at}.${b}[${i}]`, depth + 1, errs, counter));
      return;
    }
  }
  if ('not' in o) {
    checkCondition(o.not, `${at}.not`, depth + 1, errs, counter);
    return;
  }
  if (top) {
    errs.push(`${at}: the top level must be "all", "any" or "not"`);
    return;
  }
  if (typeof o.fact !== 'string') errs.push(`${at}.fact: required: a signature id, "config", "env", "derived" or "stats"`);
  if (typeof o.operator !== 'string' || !(BUILTIN_OPERATORS.has(o.operator) || o.operator in OPERATORS)) {
    errs.push(`${at}.operator: "${String(o.operator)}" is not an operator; use one of ${[...BUILTIN_OPERATORS, ...Object.keys(OPERATORS)].join(', ')}`);
  }
  if (!('value' in o)) errs.push(`${at}.value: required`);
  if (o.path !== undefined) {
    if (typeof o.path !== 'string') errs.push(`${at}.path: a string like "$.count"`);
    else {
      try {
        parsePath(o.path);
      } catch (e) {
        errs.push(`${at}.path: ${(e as Error).message}`);
      }
    }
  }
  if (o.operator === 'matchesPattern' && typeof o.value === 'string') {
    const why = unsafeReason(o.value);
    if (why) errs.push(`${at}.value: ${why}`);
    else {
      try {
        new RegExp(o.value);
      } catch (e) {
        errs.push(`${at}.value: pattern does not compile: ${(e as Error).message}`);
      }
    }
  }
}

/** Every fact a rule's conditions name (signature ids among them), in order of appearance. */
export function factsOf(c: Condition | Rule['conditions'], out: string[] = []): string[] {
  if ('all' in c) c.all.forEach((x) => factsOf(x, out));
  else if ('any' in c) c.any.forEach((x) => factsOf(x, out));
  else if ('not' in c) factsOf(c.not, out);
  else {
    if (!out.includes(c.fact)) out.push(c.fact);
    const v = c.value as { fact?: unknown } | undefined;
    if (v && typeof v === 'object' && typeof v.fact === 'string' && !out.includes(v.fact)) out.push(v.fact);
  }
  return out;
}
