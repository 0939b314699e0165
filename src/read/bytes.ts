// What the line splitter needs of bytes beyond Uint8Array: an ASCII test and two decodings. The
// web platform's are here; Node injects its own (src/node/read/buffer-text.ts), whose vectorised
// isAscii and latin1 copy are what make the splitter's fast path fast.

export interface ByteText {
  isAscii(b: Uint8Array): boolean;
  /** Bytes known to be ASCII as a string. */
  ascii(b: Uint8Array): string;
  /** Bytes as UTF-8, malformed sequences replaced; a byte-order mark is kept. */
  utf8(b: Uint8Array): string;
  /** A string as UTF-8 bytes (decoded UTF-16 and UTF-32 go to the splitter so). */
  encode(s: string): Uint8Array;
}

// ignoreBOM: each call is a stream of its own, and a BOM at the start of any piece must stay text
// (the splitter strips only the source's first).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

export const webText: ByteText = {
  isAscii(b) {
    for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
    return true;
  },
  ascii: (b) => decoder.decode(b),
  utf8: (b) => decoder.decode(b),
  encode: (s) => encoder.encode(s),
};

export function concatBytes(parts: readonly Uint8Array[], size = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
