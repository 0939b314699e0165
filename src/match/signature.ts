// Signatures as contributors write them (rules/signatures/*.json) and their compiled form.
import type { ConfigValue, EntryKind, Level } from '../model.js';
import { linearRegex, type Pattern } from './linear-regex.js';

export type SetValue = ConfigValue | { capture: string; as?: 'string' | 'number' };

export interface SignatureSpec {
  id: string;
  kind?: EntryKind;
  module?: string;
  levels?: Level[];
  literal: string;
  pattern?: string;
  sets?: Record<string, SetValue>;
  source: string;
  since?: string;
  until?: string;
  startup?: boolean;
  /**
   * `run-start`: this message opens a run (the version banner); `run-end`: it begins an orderly
   * stop; `status`: it reports the router's network status (the timeline marks each change).
   */
  marks?: 'run-start' | 'run-end' | 'status';
  meaning: string;
  /** Replaces a signature of the same id from an earlier pack. */
  override?: boolean;
}

export interface SignatureFile {
  $schema?: string;
  module?: string;
  kind?: EntryKind;
  signatures: SignatureSpec[];
}

export interface Signature extends SignatureSpec {
  kind: EntryKind;
  module: string;
  literalLower: string;
  /** V8's RegExp for the bundled content; RE2's linear-time engine for a pack's (linear-regex.ts). */
  regex?: Pattern;
  /** Where it was defined, for messages. */
  file: string;
}

/**
 * Resolves file-level defaults and compiles the pattern (`linear`: in the linear-time engine, for
 * a pack's). Throws with a message naming the id.
 */
export function compileSignature(spec: SignatureSpec, file: SignatureFile, fileName: string, linear = false): Signature {
  const kind = spec.kind ?? file.kind ?? 'log';
  const module = spec.module ?? file.module ?? '';
  let regex: Pattern | undefined;
  if (spec.pattern !== undefined) {
    try {
      regex = linear ? linearRegex(spec.pattern) : new RegExp(spec.pattern, 'i');
    } catch (e) {
      throw new Error(`${fileName}: signature ${spec.id}: pattern does not compile: ${(e as Error).message}`);
    }
  }
  return { ...spec, kind, module, literalLower: spec.literal.toLowerCase(), regex, file: fileName };
}
