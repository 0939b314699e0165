// The order a report lists its diagnoses in: root causes first, each followed by what it explains.
import { SEVERITY_RANK, type Diagnosis } from '../model.js';
import type { Rule } from './rule.js';

const STATUS_RANK = { confirmed: 0, likely: 1, 'cannot-tell': 2 };

/**
 * Root causes first, each followed by the findings it explains; groups ordered by the most severe
 * finding in them (an info-level cause of an error-level symptom ranks with the error), then by
 * certainty and weight of evidence.
 */
export function rank(list: Diagnosis[], rules: Map<string, Rule>): Diagnosis[] {
  const byId = new Map(list.map((d) => [d.rule, d]));
  for (const d of list) {
    for (const x of rules.get(d.rule)?.explains ?? []) {
      const f = byId.get(x);
      if (!f || x === d.rule) continue;
      d.explains.push(x);
      f.followsFrom.push(d.rule);
    }
  }
  // A finding several others explain follows first from its nearest cause: the one that is itself
  // explained the most deeply (a data directory that cannot be written, then the exception, then
  // the abort), so the chain walked below is the longest, whatever order the findings came in.
  const deepest = new Map<string, number>();
  const depthOf = (d: Diagnosis, path: Set<string>): number => {
    const known = deepest.get(d.rule);
    if (known !== undefined) return known;
    path.add(d.rule);
    let depth = 0;
    for (const p of d.followsFrom) if (!path.has(p)) depth = Math.max(depth, depthOf(byId.get(p)!, path) + 1);
    path.delete(d.rule);
    deepest.set(d.rule, depth);
    return depth;
  };
  for (const d of [...list].sort((a, b) => a.rule.localeCompare(b.rule))) depthOf(d, new Set());
  for (const d of list) d.followsFrom.sort((a, b) => deepest.get(b)! - deepest.get(a)! || a.localeCompare(b));
  const rootOf = (d: Diagnosis): { root: Diagnosis; depth: number } => {
    let cur = d;
    let depth = 0;
    const seen = new Set<string>([d.rule]);
    while (cur.followsFrom.length > 0) {
      const up = byId.get(cur.followsFrom[0]);
      if (!up || seen.has(up.rule)) break; // a cycle of explanations: stop where it closes
      seen.add(up.rule);
      cur = up;
      depth++;
    }
    return { root: cur, depth };
  };
  const info = new Map(list.map((d) => [d.rule, rootOf(d)]));
  const groupSeverity = new Map<string, number>();
  // A group with no line to show never ranks above one that has some, whatever its severity.
  const groupShown = new Map<string, number>();
  for (const d of list) {
    const r = info.get(d.rule)!.root.rule;
    groupSeverity.set(r, Math.max(groupSeverity.get(r) ?? 0, SEVERITY_RANK[d.severity]));
    groupShown.set(r, Math.max(groupShown.get(r) ?? 0, d.evidence.length > 0 ? 1 : 0));
  }
  const key = (d: Diagnosis) => {
    const { root, depth } = info.get(d.rule)!;
    return { group: groupSeverity.get(root.rule)!, root, depth };
  };
  return list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka.root !== kb.root) {
      return groupShown.get(kb.root.rule)! - groupShown.get(ka.root.rule)! || kb.group - ka.group || STATUS_RANK[ka.root.status] - STATUS_RANK[kb.root.status] ||
        b.evidence.length - a.evidence.length || ka.root.rule.localeCompare(kb.root.rule);
    }
    return ka.depth - kb.depth || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule);
  });
}
