// `i2pd-doctor explain <rule> <log…>`: why one rule did or did not fire on one case.
import { say, writeOut } from './output.js';
import { terminalSafe } from '../report/safe-text.js';
import { expandInputs } from '../node/read/sources.js';
import { analyzeSources } from '../node/batch/run-case.js';
import { explainVerdict, renderExplanation } from '../report/explanation.js';
import { nearest } from '../rules/nearest.js';
import { contentFor, type PackOptions } from './content.js';

export interface ExplainOptions extends PackOptions {
  config: string[];
  format: 'text' | 'json';
}

export async function explainCommand(id: string, logs: string[], o: ExplainOptions): Promise<number> {
  const content = contentFor(o);
  if (!content) return 2;
  const k = content.knowledge;
  if (!k.runner.byId.has(id)) {
    const near = nearest(id, k.runner.byId.keys());
    say(`no rule "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (i2pd-doctor rules list shows them all)`);
    return 2;
  }
  if (logs.length === 0) logs = ['-'];
  const inputs = await expandInputs(logs);
  const configs = await expandInputs(o.config);
  for (const e of [...inputs.errors, ...configs.errors]) say(e);
  if (inputs.sources.length === 0) {
    say('no log could be read; nothing to explain');
    return 2;
  }
  const refs = [...inputs.sources, ...configs.sources.map((s) => ({ ...s, as: 'i2pd.conf' as const }))];
  const name = logs.join(' ');
  const result = await analyzeSources(name, refs, k);
  for (const s of result.sources) for (const e of s.errors) say(`${s.name}: ${e}`);
  const verdict = (await k.runner.verdicts(result.caseFacts)).find((v) => v.rule.id === id)!;
  const e = explainVerdict(verdict);
  if (o.format === 'json') writeOut(JSON.stringify({ case: name, ...e }, null, 2) + '\n');
  else writeOut(terminalSafe(renderExplanation(e, name)));
  return 0;
}
