// Validates content against the schemas with Ajv and words each error as
// `<json path>: <what is wrong> — <what to do>`, the fix taken from the schema's description.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { SCHEMAS, type SchemaName } from './definitions.js';

export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true } as const;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * Validators compiled ahead of time with Ajv's standalone code (scripts/build-web.ts): the web
 * page's Content-Security-Policy forbids compiling code at run time, as Ajv otherwise does.
 */
export function usePrecompiled(validators: Partial<Record<SchemaName, ValidateFunction>>): void {
  for (const [name, v] of Object.entries(validators)) if (v) compiled.set(name as SchemaName, v);
}

function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    ajv ??= new Ajv(AJV_OPTIONS);
    v = ajv.compile(SCHEMAS[name]);
    compiled.set(name, v);
  }
  return v;
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
