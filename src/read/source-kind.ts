// What a source is, decided from its name and first bytes. Shared by the file-system reader and
// the browser page, so a file dropped on the page is read exactly as the CLI reads it.

export const SNIFF_BYTES = 8192;
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ConfigKind = 'i2pd.conf' | 'tunnels.conf';

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * The Unicode encoding of a text source: by its byte-order mark, else by where the zero bytes
 * of ASCII text fall (Windows tools write UTF-16LE without a BOM, Java's UTF-16BE, some UTF-32);
 * undefined for binary data.
 */
export function textEncoding(head: Uint8Array): TextEncoding | undefined {
  const h = head;
  if (h.length >= 3 && h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf) return 'utf-8';
  // UTF-32LE's mark begins with UTF-16LE's: it is tested first.
  if (h.length >= 4 && h[0] === 0xff && h[1] === 0xfe && h[2] === 0 && h[3] === 0) return 'utf-32le';
  if (h.length >= 4 && h[0] === 0 && h[1] === 0 && h[2] === 0xfe && h[3] === 0xff) return 'utf-32be';
  if (h.length >= 2 && h[0] === 0xff && h[1] === 0xfe) return 'utf-16le';
  if (h.length >= 2 && h[0] === 0xfe && h[1] === 0xff) return 'utf-16be';
  const n = Math.min(h.length, SNIFF_BYTES) & ~3;
  if (n >= 8) {
    const zeros = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) if (h[i] === 0) zeros[i & 3]++;
    const q = n / 4;
    const mostly = (k: number) => zeros[k] >= q * 0.9;
    const rarely = (k: number) => zeros[k] <= q * 0.1;
    if (rarely(0) && mostly(1) && mostly(2) && mostly(3)) return 'utf-32le';
    if (mostly(0) && mostly(1) && mostly(2) && rarely(3)) return 'utf-32be';
    if (rarely(0) && rarely(2) && mostly(1) && mostly(3)) return 'utf-16le';
    if (mostly(0) && mostly(2) && rarely(1) && rarely(3)) return 'utf-16be';
  }
  return isBinary(h) ? undefined : 'utf-8';
}

export interface StreamDecoder {
  /** Text of `chunk`; `stream`: more follows, so a sequence cut at its end waits for the rest. */
  decode(chunk: Uint8Array, stream: boolean): string;
}

/**
 * A decoder for each encoding, dropping a leading byte-order mark: TextDecoder for UTF-8 and
 * UTF-16, which the web platform has; UTF-32, which it does not, four bytes at a time here.
 */
export function textDecoder(encoding: TextEncoding): StreamDecoder {
  if (encoding === 'utf-32le' || encoding === 'utf-32be') return new Utf32Decoder(encoding === 'utf-32le');
  const d = new TextDecoder(encoding);
  return { decode: (chunk, stream) => d.decode(chunk, { stream }) };
}

class Utf32Decoder implements StreamDecoder {
  private carry = new Uint8Array(0);
  private first = true;
  constructor(private readonly le: boolean) {}

  decode(chunk: Uint8Array, stream: boolean): string {
    let b = chunk;
    if (this.carry.length) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
    }
    const whole = b.length & ~3;
    const parts: string[] = [];
    let cps: number[] = [];
    for (let i = 0; i < whole; i += 4) {
      const cp = this.le ? (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0 : ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
      cps.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
      if (cps.length === 4096) {
        parts.push(String.fromCodePoint(...cps));
        cps = [];
      }
    }
    if (cps.length) parts.push(String.fromCodePoint(...cps));
    this.carry = b.slice(whole);
    let s = parts.join('');
    if (!stream && this.carry.length) {
      s += '\ufffd';
      this.carry = new Uint8Array(0);
    }
    if (this.first && s.length) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    return s;
  }
}

/** What packs a source that no reader here opens, by its magic bytes, and how to unpack it. */
export function packedBy(head: Uint8Array): { what: string; unpack: string } | undefined {
  const at = (bytes: number[], from = 0) => head.length >= from + bytes.length && bytes.every((b, i) => head[from + i] === b);
  if (at([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return { what: 'compressed with xz', unpack: 'xz -d <file> (or unxz)' };
  // "BZh", the block size, then the magic of a block (pi) or of the end of an empty stream.
  if (at([0x42, 0x5a, 0x68]) && head[3] >= 0x31 && head[3] <= 0x39 && (at([0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 4) || at([0x17, 0x72, 0x45, 0x38, 0x50, 0x90], 4))) return { what: 'compressed with bzip2', unpack: 'bunzip2 <file> (or bzip2 -d)' };
  if (at([0x28, 0xb5, 0x2f, 0xfd])) return { what: 'compressed with zstd', unpack: 'zstd -d <file> (or unzstd)' };
  if (at([0x04, 0x22, 0x4d, 0x18])) return { what: 'compressed with lz4', unpack: 'lz4 -d <file>' };
  if (at([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { what: 'a 7z archive', unpack: '7z x <file>' };
  if (at([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return { what: 'a RAR archive', unpack: 'unrar x <file>' };
  return undefined;
}

export function packedMessage(name: string, p: { what: string; unpack: string }): string {
  return `${name}: ${p.what}, which i2pd-doctor does not read; unpack it first (${p.unpack}) and analyse what comes out, or attach it as .gz, .zip or .tar`;
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
export function configKind(name: string, headText: string, sniffConfig: (text: string) => ConfigKind | undefined, as?: ConfigKind): ConfigKind | undefined {
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
