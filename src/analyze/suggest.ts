// A draft signature and rule for an unknown-message template, in the shape of docs/formats.md:
// a starting point for a contributor, marked TODO where only a person can fill it in.
import type { Level } from '../model.js';
import type { TemplateCluster } from '../facts/templates.js';

const MASK = /<(b32|host\.i2p|ip|port|path|base64|base32|hex|n)>/g;
const GROUP: Record<string, string> = {
  b32: '[a-z2-7]{52}\\.b32\\.i2p', 'host.i2p': '\\S+\\.i2p', ip: '[0-9A-Fa-f.:\\[\\]]+', port: '\\d{1,5}', path: '\\S+',
  base64: '[A-Za-z0-9~+/=-]+', base32: '[a-z2-7]+', hex: '(?:0x)?[0-9a-fA-F]+', n: '-?\\d+(?:\\.\\d+)?',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function draftPattern(template: string): string {
  const used = new Map<string, number>();
  let out = '^';
  let last = 0;
  for (const m of template.matchAll(MASK)) {
    out += escapeRegex(template.slice(last, m.index));
    const kind = m[1];
    const n = (used.get(kind) ?? 0) + 1;
    used.set(kind, n);
    const name = `${kind.replace(/\W/g, '')}${n > 1 ? n : ''}`;
    out += `(?<${name}>${GROUP[kind]})`;
    last = m.index! + m[0].length;
  }
  return `${out}${escapeRegex(template.slice(last))}$`;
}

/** The longest fixed run of the template: the literal the matcher tests first. */
export function draftLiteral(template: string): string {
  return template.split(MASK).filter((_, i) => i % 2 === 0).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0].toLowerCase();
}

function kebab(s: string): string {
  return s.toLowerCase().replace(/<[^>]+>/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').split('-').slice(0, 6).join('-') || 'message';
}

const SEVERITY: Record<Level, string> = { critical: 'critical', error: 'error', warn: 'warning', info: 'info', debug: 'info', none: 'info' };

/** The shortest literal a signature may have (rules/signatures schema). */
const MIN_LITERAL = 3;

/** Why no signature can be drafted for the template, or undefined. */
export function suggestProblem(u: TemplateCluster): string | undefined {
  if (draftLiteral(u.template).length >= MIN_LITERAL) return undefined;
  return `template ${u.id} (${u.module ? `${u.module}: ` : ''}${u.template}) has no fixed text of ${MIN_LITERAL} characters or more for the signature's literal, which the matcher tests first; write the signature by hand (docs/formats.md), with a literal from i2pd's source`;
}

export function suggest(u: TemplateCluster): { signature: object; rule: object; signatureId: string; ruleId: string } {
  const mod = u.module || '';
  // A module may have a space (`HTTP Server`); ids and tags are kebab-case.
  const modId = mod.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'raw';
  const signatureId = `${modId}.${kebab(u.template)}`;
  const ruleId = `draft-${kebab(`${mod} ${u.template}`)}`;
  const signature = {
    $schema: '../../schemas/signatures.schema.json',
    module: mod,
    signatures: [
      {
        id: signatureId,
        levels: [u.level],
        literal: draftLiteral(u.template),
        pattern: draftPattern(u.template),
        source: 'TODO: the i2pd source file that prints it (git grep the literal in libi2pd, daemon, libi2pd_client)',
        meaning: 'TODO: one line, what the message means',
      },
    ],
  };
  const rule = {
    $schema: '../../schemas/rule.schema.json',
    id: ruleId,
    title: `TODO: what is wrong when i2pd logs "${u.template}" (seen in ${u.cases} case${u.cases === 1 ? '' : 's'}, e.g. ${u.example.source}:${u.example.line})`,
    severity: SEVERITY[u.level],
    status: 'experimental',
    article: `todo-${ruleId}`,
    tags: [modId],
    references: ['TODO: the i2pd source file'],
    conditions: { all: [{ fact: signatureId, path: '$.count', operator: 'greaterThan', value: 0 }] },
  };
  return { signature, rule, signatureId, ruleId };
}
