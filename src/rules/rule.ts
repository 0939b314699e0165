// Rules as contributors write them (rules/<area>/<id>.json), checked against their JSON Schema
// (src/schemas/definitions.ts) with messages that name the JSON path and the fix.
import type { Severity } from '../model.js';
import { schemaErrors } from '../schemas/validate.js';
import { parsePath } from './path.js';
import { trustNot, unsafeReason } from './safe-regex.js';

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
  /** Facts that make the rule apply without being evidence of the problem (see docs/formats.md). */
  context?: string[];
  affected?: string;
  fixedIn?: string;
  /** Issue-tracker labels `triage` suggests when the rule fires. */
  labels?: string[];
  replacedBy?: string;
  /** Replaces a rule of the same id from an earlier pack. */
  override?: boolean;
  /** Where it was loaded from, for messages. */
  file?: string;
}

const MAX_DEPTH = 12;
const MAX_CONDITIONS = 200;

/**
 * Problems with a rule, each `<json path>: <what is wrong and what to do>`: its shape from the
 * JSON Schema (schemas/rule.schema.json), then what a schema cannot say (limits, paths, patterns).
 */
export function checkRule(r: unknown, fromPack = false): string[] {
  const errs = schemaErrors('rule', r);
  if (errs.length) return errs;
  const counter = { n: 0, fromPack };
  checkCondition((r as Rule).conditions, '$.conditions', 0, errs, counter);
  return errs;
}

function checkCondition(c: Condition, at: string, depth: number, errs: string[], counter: { n: number; fromPack: boolean }): void {
  if (++counter.n > MAX_CONDITIONS) {
    if (counter.n === MAX_CONDITIONS + 1) errs.push(`${at}: more than ${MAX_CONDITIONS} conditions; split the rule`);
    return;
  }
  if (depth > MAX_DEPTH) {
    errs.push(`${at}: nested deeper than ${MAX_DEPTH} levels; flatten the conditions`);
    return;
  }
  if ('all' in c) return c.all.forEach((x, i) => checkCondition(x, `${at}.all[${i}]`, depth + 1, errs, counter));
  if ('any' in c) return c.any.forEach((x, i) => checkCondition(x, `${at}.any[${i}]`, depth + 1, errs, counter));
  if ('not' in c) return checkCondition(c.not, `${at}.not`, depth + 1, errs, counter);
  if (c.path !== undefined) {
    try {
      parsePath(c.path);
    } catch (e) {
      errs.push(`${at}.path: ${(e as Error).message}`);
    }
  }
  if (c.operator === 'matchesPattern') {
    if (typeof c.value !== 'string') errs.push(`${at}.value: matchesPattern takes a regular expression as a string`);
    else {
      const why = patternProblem(c.value, counter.fromPack);
      if (why) errs.push(`${at}.value: ${why}`);
    }
  }
}

/**
 * Why a contributed pattern cannot be used (unsafe or does not compile), or undefined. A pack's
 * (`fromPack`) must compile in the linear-time engine it will run in.
 */
export function patternProblem(source: string, fromPack = false): string | undefined {
  const why = unsafeReason(source);
  if (why) return why;
  try {
    new RegExp(source, 'i');
    if (fromPack) trustNot(source);
  } catch (e) {
    return `pattern does not compile: ${(e as Error).message}`;
  }
  return undefined;
}

/** Every fact a rule's conditions name (signature ids among them), in order of appearance. */
/** Facts that are not a signature's signal: the case's config, system, derived values and counts. */
export const NOT_SIGNALS: ReadonlySet<string> = new Set(['config', 'env', 'derived', 'stats']);

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
