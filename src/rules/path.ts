// A small, safe resolver for the `path` of a rule condition. It understands `$.a.b`, `$.a[0]` and
// `$['a.b']` over own properties only: no filters, no script, no prototype walk. Config keys are
// flat with dots in them (`limits.openfiles`), so a dotted remainder is tried as one key first.
const TOKEN = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^'\]]*)'\]|\["([^"\]]*)"\]/y;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePath(path: string): string[] {
  if (!path.startsWith('$')) throw new Error(`path "${path}" must start with "$"`);
  const out: string[] = [];
  TOKEN.lastIndex = 1;
  while (TOKEN.lastIndex < path.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(path);
    if (!m) throw new Error(`path "${path}" is not understood at "${path.slice(at)}": use $.name, $.name[0] or $['dotted.name']`);
    const key = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (FORBIDDEN.has(key)) throw new Error(`path "${path}" uses the forbidden key "${key}"`);
    out.push(key);
  }
  return out;
}

const cache = new Map<string, string[]>();

export function resolvePath(value: unknown, path: string): unknown {
  let tokens = cache.get(path);
  if (!tokens) {
    tokens = parsePath(path);
    if (cache.size < 10_000) cache.set(path, tokens);
  }
  let cur: unknown = value;
  for (let i = 0; i < tokens.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const obj = cur as Record<string, unknown>;
    if (i < tokens.length - 1) {
      const rest = tokens.slice(i).join('.');
      if (Object.hasOwn(obj, rest)) return obj[rest];
    }
    const k = tokens[i];
    if (Array.isArray(obj) && k === 'length') cur = obj.length;
    else cur = Object.hasOwn(obj, k) ? obj[k] : undefined;
  }
  return cur;
}
