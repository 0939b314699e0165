// Per-line work: find the signatures an entry matches. This runs for every line, so signatures are
// indexed by kind and module, levels are compared before text, and a literal is tested before any
// regular expression.
import { LEVEL_BY_RANK, LEVEL_RANK, type Entry } from '../model.js';
import { LINE_ASCII } from '../parse/i2pd-line.js';
import type { Signature } from './signature.js';
import { own } from '../parse/own.js';

export interface Hit {
  signature: Signature;
  captures?: Record<string, string>;
}

/** A pattern sees at most this much of a message: no i2pd message is longer, and it bounds backtracking. */
export const MAX_PATTERN_INPUT = 8 * 1024;
/** Total matching time a signature may spend before it is switched off for the rest of the run. */
export const PATTERN_BUDGET_MS = 2000;

export interface DisabledSignature {
  id: string;
  file: string;
  ms: number;
}

export class Matcher {
  /** Signatures whose pattern ran over its time budget; reported, and no longer tried. */
  readonly disabled: DisabledSignature[] = [];
  private readonly spent = new Map<Signature, number>();
  /** `log` signatures by lower-case module; other kinds by kind. */
  private readonly byModule = new Map<string, Signature[]>();
  private readonly anyModule: Signature[] = [];
  private readonly byKind = new Map<string, Signature[]>();
  private readonly moduleCache = new Map<string, { list: Signature[] | undefined; byRank: RankLists }>();
  /**
   * `byModule` by length * 128 + first char code | 32, for modules of letters, digits and spaces,
   * each list split by level rank (see byRank).
   */
  private readonly byShape: Array<Array<{ name: string; byRank: RankLists }> | undefined> = [];
  private readonly anyByRank: RankLists;
  private readonly noModuleByRank: RankLists;
  private readonly gates = new Map<Signature[] | undefined, RegExp>();
  private readonly asciiGates = new Map<Signature[] | undefined, RegExp>();

  constructor(
    readonly signatures: readonly Signature[],
    private readonly clock: () => number = () => performance.now(),
    private readonly budgetMs = PATTERN_BUDGET_MS,
  ) {
    for (const s of signatures) {
      if (s.kind !== 'log') push(this.byKind, s.kind, s);
      else if (s.module === '*') this.anyModule.push(s);
      else push(this.byModule, s.module.toLowerCase(), s);
    }
    for (const [name, list] of this.byModule) {
      // A line's module is letters, digits and spaces (see moduleEnd); |32 folds exactly those.
      if (name.length === 0 || name.length >= 32 || !/^[a-z][a-z0-9 ]*$/.test(name)) continue;
      (this.byShape[name.length * 128 + name.charCodeAt(0)] ??= []).push({ name, byRank: byRank(list) });
    }
    // A `raw` signature reads any text that is not an i2pd log line, whatever kind the reader gave
    // it: a line the reader learns to class (a console line, a crash text) stays matched.
    const raw = this.byKind.get('raw') ?? [];
    if (raw.length > 0) for (const [kind, list] of this.byKind) if (kind !== 'raw') this.byKind.set(kind, [...list, ...raw]);
    for (const kind of ['crash', 'systemd', 'kernel', 'console'] as const) if (!this.byKind.has(kind) && raw.length > 0) this.byKind.set(kind, raw);
    this.anyByRank = byRank(this.anyModule);
    this.noModuleByRank = byRank(this.byModule.get(''));
  }

  match(e: Entry, out: Hit[]): void {
    out.length = 0;
    let list: Signature[] | undefined;
    let any: Signature[] | undefined;
    if (e.kind === 'log') {
      // Only the signatures the entry's level can match (see byRank): fewer literals to gate on.
      const m = this.moduleLists(e.module);
      const r = e.level === undefined ? -1 : LEVEL_RANK[e.level];
      list = r < 0 ? m.list : m.byRank[r];
      if (e.module !== '') any = r < 0 ? (this.anyModule.length > 0 ? this.anyModule : undefined) : this.anyByRank[r];
    } else list = this.byKind.get(e.kind);
    if (!list && !any) return;
    // One pass over the message for all candidate literals; the scan below runs on the few that pass.
    if (!gateOf(list, any, this.gates).test(e.message)) return;
    let lower: string | undefined;
    if (list) lower = this.scan(list, e, lower, out);
    if (any) this.scan(any, e, lower, out);
  }

  /**
   * Whether a `log` line at the level of `rank` whose module is `line.slice(from, colon)` (none
   * when colon is -1) could match any signature; tested on the whole line (more text only lets
   * more through). False means `match` finds nothing for its entry, so the caller may skip
   * building it. `flags` & LINE_ASCII: the caller knows the line holds only ASCII, so the gate's
   * test for other characters can go.
   */
  mayMatchAt(line: string, from: number, colon: number, rank: number, flags = 0): boolean {
    const list = colon === -1 ? this.noModuleByRank[rank] : this.moduleAt(line, from, colon, rank);
    const any = colon === -1 ? undefined : this.anyByRank[rank];
    if (!list && !any) return false;
    const ascii = (flags & LINE_ASCII) !== 0;
    return gateOf(list, any, ascii ? this.asciiGates : this.gates, ascii).test(line);
  }

  /** `mayMatchAt` for the line `text.slice(from, end)` of an ASCII piece, its module read from the bytes `b`. */
  mayMatchBytes(b: Uint8Array, text: string, from: number, end: number, modFrom: number, colon: number, rank: number): boolean {
    const list = colon === -1 ? this.noModuleByRank[rank] : this.moduleAtBytes(b, modFrom, colon, rank);
    const any = colon === -1 ? undefined : this.anyByRank[rank];
    if (!list && !any) return false;
    // The entry's message is what `match` tests: after `Module: `, or all of it without a module.
    return gateOf(list, any, this.asciiGates, true).test(text.slice(colon === -1 ? modFrom : colon + 2, end));
  }

  /** `moduleAt` on bytes. */
  private moduleAtBytes(b: Uint8Array, from: number, colon: number, rank: number): Signature[] | undefined {
    const n = colon - from;
    const bucket = this.byShape[n * 128 + (b[from] | 32)];
    if (bucket === undefined) return undefined;
    for (let k = 0; k < bucket.length; k++) {
      const name = bucket[k].name;
      let i = 1;
      while (i < n && (b[from + i] | 32) === name.charCodeAt(i)) i++;
      if (i === n) return bucket[k].byRank[rank];
    }
    return undefined;
  }

  /**
   * The signatures of module `line.slice(from, colon)` that a line at the level of `rank` can
   * match, without making the string: found by module length and first letter, then compared
   * letter by letter, ASCII case folded as toLowerCase would.
   */
  private moduleAt(line: string, from: number, colon: number, rank: number): Signature[] | undefined {
    const n = colon - from;
    const bucket = this.byShape[n * 128 + (line.charCodeAt(from) | 32)];
    if (bucket === undefined) return undefined;
    for (let b = 0; b < bucket.length; b++) {
      const name = bucket[b].name;
      let i = 1;
      while (i < n && (line.charCodeAt(from + i) | 32) === name.charCodeAt(i)) i++;
      if (i === n) return bucket[b].byRank[rank];
    }
    return undefined;
  }

  private moduleLists(module: string): { list: Signature[] | undefined; byRank: RankLists } {
    // Modules repeat a handful of spellings: remember each one's lists instead of lower-casing per line.
    let m = this.moduleCache.get(module);
    if (!m) {
      const list = this.byModule.get(module.toLowerCase());
      m = { list, byRank: byRank(list) };
      if (this.moduleCache.size < 1024) this.moduleCache.set(module, m);
    }
    return m;
  }

  private scan(list: Signature[], e: Entry, lower: string | undefined, out: Hit[]): string | undefined {
    for (const s of list) {
      if (s.levels && e.level !== undefined && !s.levels.includes(e.level)) continue;
      lower ??= e.message.toLowerCase();
      if (!lower.includes(s.literalLower)) continue;
      if (!s.regex) {
        out.push({ signature: s });
        continue;
      }
      const spent = this.spent.get(s) ?? 0;
      if (spent > this.budgetMs) continue;
      const t0 = this.clock();
      const m = s.regex.exec(e.message.length > MAX_PATTERN_INPUT ? e.message.slice(0, MAX_PATTERN_INPUT) : e.message);
      const total = spent + (this.clock() - t0);
      this.spent.set(s, total);
      if (total > this.budgetMs) this.disabled.push({ id: s.id, file: s.file, ms: Math.round(total) });
      if (m) out.push({ signature: s, captures: m.groups ? captured(m.groups) : undefined });
    }
    return lower;
  }
}

/**
 * A match's named groups as a plain object whose values hold nothing else alive (see parse/own.ts): they
 * are kept as a signal's capture values. A loop, not `{ ...groups }`: spreading the exec result's
 * dictionary-mode object was 56 % of scan()'s own time (issue 17).
 */
function captured(groups: Record<string, string | undefined>): Record<string, string> {
  // A group that took no part stays, undefined, as `{ ...m.groups }` kept it.
  const out: Record<string, string | undefined> = {};
  for (const k in groups) {
    const v = groups[k];
    out[k] = v === undefined ? v : own(v);
  }
  return out as Record<string, string>;
}

/** Signatures by the rank of the line's level (LEVEL_RANK): those a line at that level can match. */
type RankLists = Array<Signature[] | undefined>;

/**
 * A list split by level: a signature with `levels` only matches lines at those levels (see
 * `scan`), and none of i2pd's debug messages has one, so most lines of a debug log need no gate.
 * Each split list is a new array, so gateOf caches one gate per module and level.
 */
function byRank(list: Signature[] | undefined): RankLists {
  return LEVEL_BY_RANK.map((level) => {
    const l = (list ?? []).filter((s) => !s.levels || s.levels.includes(level));
    return l.length > 0 ? l : undefined;
  });
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const l = map.get(k);
  if (l) l.push(v);
  else map.set(k, [v]);
}

/**
 * A case-insensitive alternation of the candidates' literals: a superset of `lower.includes(literal)`.
 * For ASCII text the two agree; any non-ASCII character opens the gate, because toLowerCase folds
 * a few characters (the Kelvin sign, dotted capital I) that a regex's /i does not. For text known
 * to be ASCII that alternative is left out: it nearly doubles the cost of a failing test.
 */
function gateOf(list: Signature[] | undefined, any: Signature[] | undefined, cache: Map<Signature[] | undefined, RegExp>, ascii = false): RegExp {
  const key = any && list ? list : list ?? any;
  let g = cache.get(key);
  if (!g) {
    const lits = [...(list ?? []), ...(any ?? [])].map((s) => s.literalLower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    g = new RegExp(ascii ? lits.join('|') : `${lits.join('|')}|[^\\x00-\\x7f]`, 'i');
    cache.set(key, g);
  }
  return g;
}
