// What a source is, decided from its name and first bytes. Shared by the file-system reader and
// the browser page, so a file dropped on the page is read exactly as the CLI reads it.
import { sniffConfig } from '../facts/config.js';

export const SNIFF_BYTES = 8192;
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ConfigKind = 'i2pd.conf' | 'tunnels.conf';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Windows editors save UTF-16LE with a byte-order mark. */
export function isUtf16le(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0xff && head[1] === 0xfe;
}

export function isBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_BYTES);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = head[i];
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 27) || (c > 27 && c < 32)) ctrl++;
  }
  return n > 0 && ctrl / n > 0.1;
}

/**
 * A config kind when the source is a config (by its name, else by its first text), undefined when
 * it is read as a log. An archive member's name (`report.zip!etc/i2pd.conf`) counts from the `!`.
 */
export function configKind(name: string, headText: string, as?: ConfigKind): ConfigKind | undefined {
  if (as) return as;
  const base = name.slice(name.lastIndexOf('!') + 1);
  if (/(^|\/)tunnels\.conf$|tunnels\.d\/[^/]+\.conf$/i.test(base)) return 'tunnels.conf';
  if (/(^|\/)i2pd\.conf$/i.test(base)) return 'i2pd.conf';
  if (/\.conf$/i.test(base) || !/\.log(\.\d+)?(\.gz)?$/i.test(base)) return sniffConfig(headText.replace(/^\uFEFF/, ''));
  return undefined;
}

export function binaryMessage(name: string): string {
  return `${name}: binary data, not a text log; attach i2pd's text log (i2pd.log), not a core dump, database or image`;
}

export function configTooLargeMessage(name: string): string {
  return `${name}: a config larger than 1 MiB is not an i2pd.conf; attach the right file`;
}

export function depthMessage(name: string, max: number): string {
  return `${name}: compressed or archived more than ${max} times over; unpack it first`;
}
