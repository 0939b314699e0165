// `rules new`: the triad a contribution needs — rule, article, a firing and a quiet sample — with
// TODO placeholders that `rules lint` refuses until they are filled in.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from './content-loader.js';

export const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const AREA = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export interface ScaffoldOptions {
  id: string;
  area: string;
  /** The pack folder to write into. */
  root: string;
  /** A signature id to start the conditions from, when it already exists. */
  signature?: string;
}

export interface Scaffold {
  /** Files to create, by absolute path. */
  files: Map<string, string>;
  /** Files the pack needs once (its schemas): written when absent, never refused for existing. */
  shared: Map<string, string>;
}

/** The schemas a pack's JSON names, copied into it so that `$schema` works wherever the tool is. */
const PACK_SCHEMAS = ['rule.schema.json', 'signatures.schema.json'];

/** Why the id or area cannot be used, or undefined. */
export function scaffoldProblem(o: ScaffoldOptions): string | undefined {
  if (!KEBAB.test(o.id)) return `"${o.id}" is not a kebab-case id: use lower-case letters, digits and single dashes (e.g. ssu2-socket-buffer-enobufs)`;
  if (o.id.length > 80) return `"${o.id}" is longer than 80 characters; name the problem in a few words`;
  if (!AREA.test(o.area)) return `area "${o.area}" is not a folder name: use lower-case letters, digits and dashes (e.g. network, sockets, time)`;
  return undefined;
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

export function scaffold(o: ScaffoldOptions): Scaffold {
  const { id, area, root } = o;
  const ruleFile = join(root, 'rules', area, `${id}.json`);
  const files = new Map<string, string>();
  const shared = new Map<string, string>();
  // The pack's own copy, in the bundled layout: the path stays right when the tool moves.
  if (root !== PACKAGE_ROOT) for (const f of PACK_SCHEMAS) shared.set(join(root, 'schemas', f), readFileSync(join(PACKAGE_ROOT, 'schemas', f), 'utf8'));
  files.set(ruleFile, json({
    $schema: '../../schemas/rule.schema.json',
    id,
    title: 'TODO: one line naming the problem, in the words of the operator who sees it',
    severity: 'warning',
    status: 'experimental',
    article: id,
    tags: [area],
    references: ['TODO: the i2pd source file that prints the message, e.g. libi2pd/SSU2.cpp'],
    conditions: {
      all: [{ fact: o.signature ?? 'TODO-signature-id', path: '$.count', operator: 'greaterThanInclusive', value: 1 }],
    },
  }));
  files.set(join(root, 'kb', `${id}.md`), article(id));
  const samples = join(root, 'samples', area);
  files.set(join(samples, `${id}.log`), 'TODO: write the log lines that show the problem from i2pd\'s message templates (documentation addresses only: 192.0.2.x, 198.51.100.x, 203.0.113.x, 2001:db8::; invented router hashes). Never paste a log from someone else\'s report.\n');
  files.set(join(samples, `${id}.expect.json`), json({ description: 'TODO: what this case is (OS, log format, level, what happened)', fire: { [id]: 'confirmed' } }));
  files.set(join(samples, `${id}-quiet.log`), 'TODO: write a similar-looking log in which the rule must not fire (the same message for a harmless reason, or a healthy run).\n');
  files.set(join(samples, `${id}-quiet.expect.json`), json({ description: 'TODO: why the rule must stay quiet on this log', quiet: [id] }));
  return { files, shared };
}

function article(id: string): string {
  return `---
id: ${id}
title: "TODO: one line naming the problem"
applies-to: [all]
rules: [${id}]
---

## Symptoms

TODO: the log lines the operator sees (from i2pd's message template, with documentation
addresses), and what they notice (no tunnels, high CPU, the router shows Firewalled…).

## Cause

TODO: in plain words, why it happens; cite the i2pd source file that prints the message.

## Fix

TODO: commands the operator can paste, per operating system where they differ.

## Verify

TODO: how to check that the fix worked (which line stops appearing, what the web console shows).

## References

- TODO: \`libi2pd/<File>.cpp\` (prints the message), issues or documentation pages
`;
}

/** Writes the scaffold; refuses, writing nothing, if any of its files exists. */
export function writeScaffold(s: Scaffold): { written: string[]; existing: string[] } {
  const existing = [...s.files.keys()].filter((f) => existsSync(f));
  if (existing.length) return { written: [], existing };
  const shared = [...s.shared].filter(([f]) => !existsSync(f));
  for (const [file, text] of [...s.files, ...shared]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  }
  return { written: [...s.files.keys(), ...shared.map(([f]) => f)], existing: [] };
}
