// Validates content against the schemas (Ajv's validators) and words each error as
// `<json path>: <what is wrong> — <what to do>`, the fix taken from the schema's description.
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SchemaName } from './definitions.js';
// Compiled ahead of time (`npm run schemas`; a test keeps it current): nothing compiles code at
// run time, which the page's Content-Security-Policy forbids, and the CLI starts without Ajv.
import * as compiled from './validators.generated.js';

function validator(name: SchemaName): ValidateFunction {
  return (compiled as unknown as Record<SchemaName, ValidateFunction>)[name];
}

/** `/conditions/all/0/fact` → `$.conditions.all[0].fact` */
export function jsonPath(pointer: string): string {
  let out = '$';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describe(e: ErrorObject): { at: string; text: string } {
  const at = jsonPath(e.instancePath);
  const fix = (e.parentSchema as { description?: string } | undefined)?.description;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const key = String(p.missingProperty);
      const sub = (e.parentSchema as { properties?: Record<string, { description?: string }> }).properties?.[key]?.description;
      return { at: `${at === '$' ? '$' : at}.${key}`, text: `required${sub ? ` — ${sub}` : fix ? ` — ${fix}` : ''}` };
    }
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
      return { at: `${at}.${String(p.additionalProperty)}`, text: `unknown field; check its spelling or remove it (known fields: ${allowed.join(', ')})` };
    }
    case 'enum':
      return { at, text: `${JSON.stringify(e.data)} is not allowed — ${fix ?? `use one of ${(p.allowedValues as unknown[]).join(', ')}`}` };
    case 'not':
      return { at, text: fix ?? 'has a form that is not allowed' };
    case 'propertyNames':
      return { at: `${at}[${JSON.stringify(p.propertyName)}]`, text: `bad key — ${fix ?? ''}` };
    case 'minLength':
    case 'minItems':
      if (p.limit === 1) return { at, text: `must not be empty${fix ? ` — ${fix}` : ''}` };
      return { at, text: `${e.message ?? 'too short'}${fix ? ` — ${fix}` : ''}` };
    default:
      return { at, text: `${e.message ?? 'invalid'}${fix ? ` — ${fix}` : ''}` };
  }
}

// Errors that only repeat a more precise one below them.
const NOISE = new Set(['if', 'allOf', '$ref']);

/** Problems with `data` as `<json path>: <message>`, most precise first, without repeats. */
export function schemaErrors(name: SchemaName, data: unknown): string[] {
  const v = validator(name);
  if (v(data)) return [];
  const all = v.errors ?? [];
  // An anyOf says it better than each of its failed alternatives.
  const alternatives = all.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath + '/');
  const out: string[] = [];
  for (const e of all) {
    if (NOISE.has(e.keyword) || alternatives.some((a) => e.schemaPath.startsWith(a))) continue;
    // The propertyNames keyword reports the key twice: once as pattern on the name.
    if (e.keyword === 'pattern' && e.propertyName !== undefined) continue;
    const { at, text } = describe(e);
    const line = `${at}: ${text}`;
    if (!out.includes(line)) out.push(line);
  }
  if (out.length === 0) {
    for (const e of all) {
      const { at, text } = describe(e);
      out.push(`${at}: ${text}`);
    }
  }
  return out;
}
