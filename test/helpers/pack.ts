// Builds a small content pack on disk for tests: one signature, one rule, its article and a
// firing and a quiet sample, each part replaceable, so that a test changes only what it attacks.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PACK_RULE = 'demo-boom';
export const PACK_SIGNATURE = 'demo.boom';
/** A line the pack's signature matches and its rule fires on. */
export const PACK_LINE = '12:00:05@131/error - Demo: boom happened here';

export interface PackParts {
  /** The signature's fields over the default's. */
  signature?: Record<string, unknown>;
  /** More signatures in the same file. */
  signatures?: Record<string, unknown>[];
  rule?: Record<string, unknown>;
  /** The article's markdown sections after the front matter. */
  article?: string;
  title?: string;
}

export function makePack(parts: PackParts = {}, root = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'))): string {
  const put = (f: string, text: string) => {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), text);
  };
  const sig = { id: PACK_SIGNATURE, levels: ['error'], literal: 'boom', pattern: '^boom (?<what>\\S+)', source: 'daemon/Daemon.cpp', meaning: 'A demo message.', ...parts.signature };
  put('rules/signatures/demo.json', JSON.stringify({ module: 'Demo', signatures: [sig, ...(parts.signatures ?? [])] }));
  const title = parts.title ?? 'Demo boom';
  put(`rules/demo/${PACK_RULE}.json`, JSON.stringify({
    id: PACK_RULE, title, severity: 'error', status: 'experimental', article: PACK_RULE, tags: ['demo'], references: ['daemon/Daemon.cpp'],
    conditions: { all: [{ fact: PACK_SIGNATURE, path: '$.count', operator: 'greaterThanInclusive', value: 1 }] },
    ...parts.rule,
  }));
  const body = parts.article ?? '## Symptoms\n\nBoom.\n\n## Cause\n\nA demo.\n\n## Fix\n\nNothing.\n\n## Verify\n\nNo boom.\n\n## References\n\n- `daemon/Daemon.cpp`\n';
  put(`kb/${PACK_RULE}.md`, `---\nid: ${PACK_RULE}\ntitle: Demo boom\napplies-to: [all]\nrules: [${PACK_RULE}]\n---\n\n${body}`);
  put(`samples/demo/${PACK_RULE}.log`, `${PACK_LINE}\n`);
  put(`samples/demo/${PACK_RULE}.expect.json`, JSON.stringify({ description: 'a boom', fire: { [PACK_RULE]: 'confirmed' } }));
  put(`samples/demo/${PACK_RULE}-quiet.log`, '12:00:05@131/error - Demo: all quiet\n');
  put(`samples/demo/${PACK_RULE}-quiet.expect.json`, JSON.stringify({ description: 'no boom', quiet: [PACK_RULE] }));
  return root;
}
