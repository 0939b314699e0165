// Duplicates: an issue is fingerprinted by what the analysis saw in it — the rules that fired and
// the templates of its unknown messages — and compared with the fingerprints of earlier issues.
// A feature most issues share (a harmless message every log shows) says little, so each feature
// weighs by its rarity across the index (inverse document frequency), and a finding twice an
// unknown message: a rule names a problem, a template only a wording.

export interface Fingerprint {
  /** Ids of the rules that fired, sorted. */
  rules: string[];
  /** Ids of the unknown-message templates (src/facts/templates.ts), sorted. */
  templates: string[];
}

/** An issue as the index keeps it: what the comment says of it, and its fingerprint. */
export interface IndexedIssue extends Fingerprint {
  number: number;
  title: string;
  state: 'open' | 'closed';
  stateReason?: string;
  closedBy: number[];
  /** Of the text that was analysed (body and the reporter's comments): unchanged text is not read again. */
  digest: string;
}

export interface DuplicateMatch extends IndexedIssue {
  /** 0..1: how much of the two fingerprints, by weight, they share. */
  score: number;
}

export function fingerprint(diagnoses: ReadonlyArray<{ rule: string }>, templates: ReadonlyArray<{ id: string }>): Fingerprint {
  return { rules: [...new Set(diagnoses.map((d) => d.rule))].sort(), templates: [...new Set(templates.map((t) => t.id))].sort() };
}

export interface DuplicateOptions {
  /** Matches listed at most. */
  max?: number;
  /** The least score that counts as alike. */
  minScore?: number;
}

const RULE_WEIGHT = 2;
/**
 * An unknown message more than this share of the issues show (and more than COMMON_MIN) is what
 * busy routers print anyway, whatever their problem: it is left out of the comparison.
 */
const COMMON_SHARE = 0.2;
const COMMON_MIN = 3;

/**
 * Earlier issues (numbered below `before`, when given) alike to `fp`, most alike first; when
 * equally alike, those closed as fixed (their answer is at hand), then the oldest — the one the
 * others duplicate. The score is the Dice
 * coefficient of the weighted feature sets: shared weight twice over the weight of both.
 */
export function findDuplicates(fp: Fingerprint, index: readonly IndexedIssue[], before?: number, o: DuplicateOptions = {}): DuplicateMatch[] {
  const { max = 5, minScore = 0.5 } = o;
  const n = index.length + 1;
  const df = new Map<string, number>();
  for (const f of features(fp)) df.set(f, 1);
  for (const i of index) for (const f of features(i)) df.set(f, (df.get(f) ?? 0) + 1);
  // Smoothed so that a feature every issue has still weighs a little: alone it still matches.
  const weight = (f: string) => Math.log((n + 1) / df.get(f)!) * (f.startsWith('r:') ? RULE_WEIGHT : 1);
  const telling = (f: string) => f.startsWith('r:') || df.get(f)! <= Math.max(COMMON_MIN, COMMON_SHARE * n);
  const mine = new Map([...features(fp)].filter(telling).map((f) => [f, weight(f)]));
  if (mine.size === 0) return [];
  let own = 0;
  for (const w of mine.values()) own += w;
  const out: DuplicateMatch[] = [];
  for (const i of index) {
    if (before !== undefined && i.number >= before) continue;
    let shared = 0;
    let other = 0;
    for (const f of features(i)) {
      if (!telling(f)) continue;
      const w = mine.get(f);
      if (w !== undefined) shared += w;
      else other += weight(f);
    }
    if (shared === 0) continue;
    const score = (2 * shared) / (own + shared + other);
    if (score < minScore) continue;
    const has = (x: string) => mine.has(x);
    out.push({ ...i, rules: i.rules.filter((r) => has(`r:${r}`)).sort(), templates: i.templates.filter((t) => has(`t:${t}`)).sort(), score: Math.round(score * 1000) / 1000 });
  }
  return out.sort((a, b) => b.score - a.score || unresolved(a) - unresolved(b) || a.number - b.number).slice(0, max);
}

/** 0 for an issue closed as fixed, whose answer the reporter can use at once; 1 for the rest. */
function unresolved(i: IndexedIssue): number {
  return i.state === 'closed' && (i.stateReason === 'completed' || i.closedBy.length > 0) ? 0 : 1;
}

function features(fp: Fingerprint): Set<string> {
  return new Set([...fp.rules.map((r) => `r:${r}`), ...fp.templates.map((t) => `t:${t}`)]);
}
