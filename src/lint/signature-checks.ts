// What the schema cannot say about a signature: its literal is lower case and a fixed part of
// its pattern (the matcher tests the literal first, so a literal outside the pattern's text
// silently drops every match), and the pattern compiles and is safe.
import type { Signature } from '../match/signature.js';
import { patternProblem } from '../rules/rule.js';
import { fixedRuns } from './pattern-text.js';

export interface SignatureProblem {
  level: 'error' | 'warning';
  message: string;
}

export function signatureProblems(s: Signature): SignatureProblem[] {
  const out: SignatureProblem[] = [];
  const e = (message: string) => out.push({ level: 'error', message });
  if (s.literal !== s.literal.toLowerCase()) e(`$.literal: "${s.literal}" has capitals; write it in lower case ("${s.literal.toLowerCase()}") — messages are compared case-insensitively`);
  if (/\bTODO\b/.test(`${s.literal} ${s.pattern ?? ''} ${s.meaning} ${s.source}`)) e('$: still has TODO placeholders from `rules new`; fill them in');
  if (s.pattern === undefined) return out;
  const why = patternProblem(s.pattern);
  if (why) return [...out, { level: 'error', message: `$.pattern: ${why}` }];
  const runs = fixedRuns(s.pattern).map((r) => r.toLowerCase());
  if (runs.some((r) => r.includes(s.literalLower))) return out;
  // A literal may sit inside a group on purpose, narrowing the match (`v4|v6` after "status v").
  const text = s.pattern.replace(/\(\?(?:<[A-Za-z]\w*>|[:=!]|<[=!])/g, '').replace(/\\(.)/g, '$1').replace(/[()|^$?*+]/g, '').toLowerCase();
  if (text.includes(s.literalLower)) return out;
  out.push({
    level: 'warning',
    message: `$.literal: "${s.literal}" is not in the pattern's text, so it narrows what the pattern matches; if that is meant, put it in the pattern, else use a fixed piece of it${runs.length ? ` (${runs.map((r) => JSON.stringify(r)).join(', ')})` : ''}`,
  });
  return out;
}
