// Operators rules need beyond json-rules-engine's own. Each accepts a string or an array of
// strings (capture values), and is false, never throwing, for values of another type.
import { compareVersions } from './version.js';
import { compileUserRegex } from './safe-regex.js';
import type { OWN_OPERATORS } from '../schemas/definitions.js';

type Op = (factValue: unknown, ruleValue: unknown) => boolean;

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

export const OPERATORS: Record<string, Op> = {
  includesText: (fact, value) => {
    if (typeof value !== 'string') return false;
    const needle = value.toLowerCase();
    return strings(fact).some((s) => s.toLowerCase().includes(needle));
  },
  matchesPattern: (fact, value) => {
    if (typeof value !== 'string') return false;
    const re = compileUserRegex(value);
    return strings(fact).some((s) => re.test(s));
  },
  versionBelow: (fact, value) => typeof fact === 'string' && typeof value === 'string' && (compareVersions(fact, value) ?? 0) < 0,
  versionAtLeast: (fact, value) => typeof fact === 'string' && typeof value === 'string' && (compareVersions(fact, value) ?? -1) >= 0,
} satisfies Record<(typeof OWN_OPERATORS)[number], Op>;
