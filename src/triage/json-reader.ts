// Reads fields of untrusted JSON (payloads, gh output, an index) so that each failure names the
// file, the JSON path and what was expected instead.

export class InputError extends Error {}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function shown(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export class JsonReader {
  constructor(readonly file: string) {}

  fail(path: string, what: string): never {
    throw new InputError(`${this.file}: ${path}: ${what}`);
  }

  int(o: Obj, key: string, at: string): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.fail(`${at}.${key}`, `expected a whole number, got ${shown(v)}`);
    return v;
  }

  /** Absent (and, when nullable, null) reads as ''. */
  text(o: Obj, key: string, at: string, nullable = false): string {
    const v = o[key];
    if (v === undefined || (nullable && v === null)) return '';
    if (typeof v !== 'string') this.fail(`${at}.${key}`, `expected text${nullable ? ' or null' : ''}, got ${shown(v)}`);
    return v;
  }

  list(o: Obj, key: string, at: string): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(`${at}.${key}`, `expected an array, got ${shown(v)}`);
    return v;
  }

  texts(o: Obj, key: string, at: string): string[] {
    return this.list(o, key, at).map((v, i) => {
      if (typeof v !== 'string') this.fail(`${at}.${key}[${i}]`, `expected text, got ${shown(v)}`);
      return v;
    });
  }

  ints(o: Obj, key: string, at: string): number[] {
    return this.list(o, key, at).map((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.fail(`${at}.${key}[${i}]`, `expected a whole number, got ${shown(v)}`);
      return v;
    });
  }
}
