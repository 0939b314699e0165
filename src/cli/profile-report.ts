// Prints `analyze --profile` to stderr: time per stage, then what each signature costs per line.
import { SAMPLE, type Stage, type StageProfile } from '../analyze/profile.js';
import type { Knowledge } from '../knowledge.js';
import { entryCosts } from '../match/entry-cost.js';

export function renderProfile(p: StageProfile, knowledge: Knowledge, wallMs: number): string {
  const stages = Object.keys(p.ms) as Stage[];
  const total = stages.reduce((n, s) => n + p.ms[s], 0);
  const mb = p.bytes / 1e6;
  const lines = [
    `profile: ${p.lines} lines, ${mb.toFixed(1)} MB in ${(wallMs / 1000).toFixed(2)} s (${(mb / (wallMs / 1000)).toFixed(0)} MB/s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    `  split/parse/match/facts timed stage by stage on 1 read chunk in ${SAMPLE}, scaled by bytes; read is the wait for data`,
    `  parse reads every line's header; ${p.sampledLines ? ((100 * (p.sampledLines - p.sampledEntries)) / p.sampledLines).toFixed(1) : '0'} % of the sampled lines could match no signature and were only counted, the rest became entries for match and facts`,
    ...stages.map((s) => `  ${s.padEnd(6)} ${p.ms[s].toFixed(0).padStart(8)} ms  ${total ? ((100 * p.ms[s]) / total).toFixed(1).padStart(5) : '0'} %`),
    `  other  ${Math.max(0, wallMs - total).toFixed(0).padStart(8)} ms  (event loop, garbage collection, reading configs)`,
  ];
  const costs = entryCosts(knowledge.signatures, p.entries);
  if (costs.length) {
    lines.push(`signature cost over ${p.entries.length} sampled entries, the lines that reached matching (ns per entry; tested = entries its module and level route to it):`);
    for (const c of costs.slice(0, 15)) lines.push(`  ${c.nsPerLine.toFixed(1).padStart(8)} ns  ${String(c.tested).padStart(6)} tested  ${String(c.hits).padStart(5)} hits  ${c.id}`);
    if (costs.length > 15) lines.push(`  … ${costs.length - 15} more under ${costs[14].nsPerLine.toFixed(1)} ns`);
  }
  return lines.join('\n') + '\n';
}
