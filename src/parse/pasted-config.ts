// An i2pd.conf or tunnels.conf pasted into a report, fenced or not: what opens one, and the block
// of lines held back while it may turn out to be a config (handed to parse/config when it does).
import { OPTIONS } from './config-options.js';

export const MAX_BLOCK_LINES = 2000;
export const MAX_BLOCK_CHARS = 256 * 1024;

/**
 * A block of a paste: `config` false while undecided (until its first non-blank line), then true
 * when it is held back, whole, to be handed to `onConfig` when it closes. Its lines as pushed.
 */
export interface PastedBlock {
  config: boolean;
  fenced: boolean;
  lines: Array<[string, number]>;
  text: string[];
  chars: number;
}

/**
 * Whether a line outside a fence opens a pasted config: a section header or an option of
 * i2pd.conf or tunnels.conf. A lone `# …` (a root prompt as often as a comment) does not.
 */
export function startsConfig(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 91 /* [ */) return /^\[[A-Za-z0-9_.-]+\]$/.test(s);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) return false;
  const m = /^([A-Za-z0-9_.-]+)\s*=/.exec(s);
  return m !== null && (OPTIONS[m[1].toLowerCase()] !== undefined || TUNNEL_KEYS.has(m[1].toLowerCase()));
}

/** Keys of a tunnels.conf section (libi2pd_client/ClientContext.cpp). */
const TUNNEL_KEYS = new Set(['type', 'host', 'port', 'keys', 'destination', 'destinationport', 'address', 'inport', 'accesslist', 'gzip', 'signaturetype', 'inbound.length', 'outbound.length', 'inbound.quantity', 'outbound.quantity']);
