// Rule → article → samples is one step: a rule in rules/<area>/<id>.json has a firing sample
// named after it in samples/<area>/ (`<id>.log`, `<id>-freebsd.log`, `<id>-quiet…` for the quiet
// ones, a folder `<id>[-variant]/`), as `rules new` scaffolds. A rule whose only samples belong to
// another rule's file says so in samples/shared.json, with the sample and the reason.
import type { Rule } from '../rules/rule.js';
import type { Finding, LintSample } from './finding.js';

/** samples/shared.json of one pack: rule id → the sample (area/name) that fires it, and why. */
export interface SharedSamples {
  file: string;
  entries: Record<string, { sample?: unknown; reason?: unknown }>;
}

/** A sample's area folder and name, from its expectation file (relative to its pack). */
export function sampleSlot(expectFile: string): { area: string; name: string } | undefined {
  const m = /^samples\/(?:(.+)\/)?([^/]+)(?:\.expect\.json|\/expect\.json)$/.exec(expectFile);
  return m ? { area: m[1] ?? '', name: m[2] } : undefined;
}

/** The folder under rules/ that holds the rule (its area), from the rule's file path. */
export function ruleArea(file: string | undefined): string | undefined {
  const m = /(?:^|\/)rules\/(?:(.+)\/)?[^/]+\.json$/.exec((file ?? '').split('\\').join('/'));
  return m ? (m[1] ?? '') : undefined;
}

const namedAfter = (name: string, id: string) => name === id || name.startsWith(`${id}-`);

export function sampleNameFindings(rules: Rule[], samples: LintSample[], shared: SharedSamples[]): Finding[] {
  const findings: Finding[] = [];
  const err = (file: string | undefined, message: string) => findings.push({ level: 'error', file: file ?? '?', message });
  const fires = (s: LintSample, id: string) => s.fire.includes(id);
  const declared = new Map<string, { file: string; sample: string }>();
  for (const p of shared) {
    for (const [id, e] of Object.entries(p.entries)) {
      if (id === '$comment') continue;
      if (typeof e?.sample !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) {
        err(p.file, `$["${id}"]: give "sample" (<area>/<name> of the sample that fires the rule) and "reason" (why the rule has no sample of its own)`);
        continue;
      }
      declared.set(id, { file: p.file, sample: e.sample });
    }
  }
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, d] of declared) {
    if (!byId.has(id)) err(d.file, `$["${id}"]: no rule "${id}"; remove the entry`);
  }
  for (const r of rules) {
    const area = ruleArea(r.file);
    const firing = samples.filter((s) => fires(s, r.id));
    // No firing sample at all is said by lint already.
    if (area === undefined || firing.length === 0) continue;
    const own = firing.some((s) => {
      const slot = sampleSlot(s.expectFile);
      return slot !== undefined && slot.area === area && namedAfter(slot.name, r.id);
    });
    const d = declared.get(r.id);
    if (own) {
      if (d) err(d.file, `$["${r.id}"]: the rule has a sample of its own now; remove the entry`);
      continue;
    }
    if (d) {
      const named = firing.some((s) => {
        const slot = sampleSlot(s.expectFile);
        return slot !== undefined && `${slot.area}/${slot.name}` === d.sample;
      });
      if (!named) err(d.file, `$["${r.id}"].sample: "${d.sample}" is no sample that fires "${r.id}"; name the one that does (<area>/<name>)`);
      continue;
    }
    const where = area ? `samples/${area}/` : 'samples/';
    const names = firing.map((s) => s.expectFile).join(', ');
    err(r.file, `no firing sample in ${where} is named after the rule (${r.id}.log, ${r.id}-<variant>.log or a folder ${r.id}[-<variant>]/); it fires in ${names}: rename one, or list the rule in samples/shared.json with the sample and the reason`);
  }
  return findings;
}
