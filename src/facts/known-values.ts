// The values a case's text reveals, each with the line it came from: config (from an attached
// i2pd.conf, else from log lines), derived values (from messages and tunnels.conf), and the
// environment (version, OS). Written rarely — by a signature's `sets`, an attached config — so
// apart from the per-line counting of CaseFacts.
import type { ConfigValue, Entry, EvidenceLine, Facts } from '../model.js';
import type { SetValue, Signature } from '../match/signature.js';
import type { ParsedConfig } from '../parse/config.js';
import type { Derivations } from './derivations.js';
import { OPTIONS } from '../parse/config-options.js';
import { morePrecise } from './os-hints.js';
import { own } from '../parse/own.js';
import { TUNNEL_FACT, type ParsedTunnels } from '../parse/tunnels.js';

/** The known values of a part read on another thread, as FactsPart carries them. */
export interface KnownState {
  config: Record<string, ConfigValue>;
  configOrigin: Record<string, string>;
  derived: Record<string, ConfigValue>;
  lines: Facts['lines'];
  env: Facts['env'];
}

export class KnownValues implements KnownState {
  readonly config: Record<string, ConfigValue> = Object.create(null);
  readonly configOrigin: Record<string, string> = Object.create(null);
  readonly derived: Record<string, ConfigValue> = Object.create(null);
  readonly lines: Facts['lines'] = { config: Object.create(null), derived: Object.create(null) };
  readonly env: Facts['env'] = {};

  constructor(private readonly derivations: Derivations) {}

  /** What a signature's `sets` says the entry `e` revealed. */
  apply(s: Signature, captures: Record<string, string> | undefined, e: Entry): void {
    for (const [path, spec] of Object.entries(s.sets ?? {})) {
      const value = resolveSet(spec, captures);
      if (value === undefined) continue;
      const dot = path.indexOf('.');
      const scope = path.slice(0, dot);
      const key = path.slice(dot + 1);
      if (scope === 'config') {
        // An attached i2pd.conf says what was configured; a log line only fills what it did not.
        if (this.configOrigin[key] === undefined || this.configOrigin[key] === 'log') {
          this.config[key] = value;
          this.configOrigin[key] = 'log';
          this.lines.config[key] = { source: e.source, line: e.line, text: own(e.text) };
        }
      } else if (scope === 'derived') {
        this.derived[key] = value;
        this.lines.derived[key] = { source: e.source, line: e.line, text: own(e.text) };
      } else if (scope === 'env' && key === 'version') this.env.version = String(value);
      else if (scope === 'env' && key === 'os') this.env.os = morePrecise(this.env.os, String(value), this.derivations);
    }
  }

  /** Takes a later part's values; `lines` is the number of lines before it. */
  merge(b: KnownState, lines: number): void {
    for (const [k, v] of Object.entries(b.config)) {
      if (this.configOrigin[k] === undefined || this.configOrigin[k] === 'log') {
        this.config[k] = v;
        this.configOrigin[k] = b.configOrigin[k];
      }
    }
    Object.assign(this.derived, b.derived);
    const move = (e: EvidenceLine) => ({ ...e, line: e.line + lines });
    for (const [k, e] of Object.entries(b.lines.config)) if (this.configOrigin[k] === 'log' || this.lines.config[k] === undefined) this.lines.config[k] = move(e);
    for (const [k, e] of Object.entries(b.lines.derived)) this.lines.derived[k] = move(e);
    Object.assign(this.env, b.env);
  }

  /** `at`: where the config sits inside another source (a block pasted at a line of a paste). */
  addConfig(parsed: ParsedConfig, name: string, at?: { source: string; line: number }): void {
    for (const [k, v] of Object.entries(parsed.values)) {
      this.config[k] = v;
      this.configOrigin[k] = name;
      this.lines.config[k] = { source: at?.source ?? name, line: (at ? at.line - 1 : 0) + parsed.lines[k], text: parsed.texts[k] };
    }
    // With the config file in hand, an option it does not set has i2pd's default: known, not
    // unknown. (The command line could still override it; reports name the origin.)
    for (const [k, [, dflt]] of Object.entries(OPTIONS)) {
      if (dflt === undefined || (this.configOrigin[k] !== undefined && this.configOrigin[k] !== 'log')) continue;
      if (this.configOrigin[k] === 'log') continue;
      this.config[k] = dflt;
      this.configOrigin[k] = 'default';
    }
  }

  /**
   * A tunnels.conf's problems as derived facts, one per kind (the first of each), with the line
   * it was found on as evidence; `derived.tunnels` counts the tunnels read.
   */
  addTunnels(parsed: ParsedTunnels, name: string, at?: { source: string; line: number }): void {
    this.derived.tunnels = (typeof this.derived.tunnels === 'number' ? this.derived.tunnels : 0) + parsed.tunnels.length;
    for (const p of parsed.problems) {
      const key = TUNNEL_FACT[p.kind];
      if (this.derived[key] !== undefined) continue;
      this.derived[key] = p.message;
      this.lines.derived[key] = { source: at?.source ?? name, line: (at ? at.line - 1 : 0) + p.line, text: (parsed.texts[p.line - 1] ?? '').trim() };
    }
  }

  /** Problems in an attached i2pd.conf become facts too: rules can diagnose them. */
  addConfigCheck(parsed: ParsedConfig): void {
    this.derived.configUnknownOptions = parsed.unknownOptions.join(',');
    this.derived.configProblems = parsed.problems.length;
  }
}

function resolveSet(spec: SetValue, captures: Record<string, string> | undefined): ConfigValue | undefined {
  if (typeof spec !== 'object') return spec;
  const raw = captures?.[spec.capture];
  if (raw === undefined) return undefined;
  if (spec.as === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  return raw;
}

