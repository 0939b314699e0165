// The web console's status text as people paste it: translated (http.lang), wrapped in quotation
// marks, and in the layouts of old releases (2.1.0's `Status: OK`; `Network status: Error` with the
// reason on the next line before 2.4x). Read into the English text of today's console, so one
// signature knows every form.
// Data, not code (scripts/console-i18n.ts writes it): JSON, which tsc copies to dist and esbuild bundles.
import I18N from './console-i18n.generated.json' with { type: 'json' };

const CONSOLE_LABELS: Readonly<Record<string, string>> = I18N.labels;
const CONSOLE_STATES: Readonly<Record<string, string>> = I18N.states;

const ENGLISH_LABELS = new Set(Object.values(CONSOLE_LABELS));
/** Status words, English ones included: old consoles printed `Error` where today's name the error. */
const ENGLISH_STATES = new Set([...Object.values(CONSOLE_STATES), 'Error']);
/** Translated status words, longest first, so `Symmetric NAT`'s translation wins over a shorter one inside it. */
const TRANSLATED = Object.keys(CONSOLE_STATES).sort((a, b) => b.length - a.length);

function unquote(s: string): string {
  return s.replace(/^["“«„]\s*/, '').replace(/\s*["”»“]$/, '');
}

/** The state words of a status in English: `Заблокировано извне (Тестирование)` → `Firewalled (Testing)`. */
function englishStates(rest: string): string {
  let out = rest;
  for (const tr of TRANSLATED) if (out.includes(tr)) out = out.split(tr).join(CONSOLE_STATES[tr]);
  return out;
}

/**
 * A console line in today's English form, or undefined when the line is none: `Сетевой статус:
 * Заблокировано извне` → `Network status: Firewalled`.
 */
export function consoleLine(s: string): string | undefined {
  const t = unquote(s.trim());
  const colon = t.indexOf(':');
  if (colon <= 0 || colon > 64) return undefined;
  const label = t.slice(0, colon).trim();
  const rest = t.slice(colon + 1).trim();
  if (rest === '') return undefined;
  let en = ENGLISH_LABELS.has(label) ? label : CONSOLE_LABELS[label];
  // 2.1.0 printed `Status:`; other programs do too, so only with one of the console's states.
  if (en === undefined && label === 'Status' && ENGLISH_STATES.has(rest.replace(/ \(Testing\)$/, ''))) en = 'Network status';
  if (en === undefined) return undefined;
  return `${en}: ${en.startsWith('Network status') ? englishStates(rest) : rest}`;
}

/** A status word alone on a line (`Clock skew`), as old consoles printed the error under the status. */
export function consoleState(s: string): string | undefined {
  const t = unquote(s.trim());
  if (ENGLISH_STATES.has(t)) return t;
  for (const en of ENGLISH_STATES) if (en.toLowerCase() === t.toLowerCase()) return en;
  return CONSOLE_STATES[t];
}

/** The console's address table (`Our external address:`, then one row per published address). */
const ADDRESS_ROW = /^(NTCP2?|SSU2?|Unknown)(v4v6|v6|6)?\s+(\S+)(?:\s+:?\d+)?$/;

/** A row of that table as `Our external address: SSU 127.0.0.1:12`, or undefined. */
export function consoleAddressRow(s: string): string | undefined {
  const m = ADDRESS_ROW.exec(s.trim());
  return m ? `Our external address: ${m[1]}${m[2] ?? ''} ${m[3]}` : undefined;
}

/** The table's heading alone on its line, in any language. */
export function isAddressHeading(s: string): boolean {
  const t = unquote(s.trim());
  if (!t.endsWith(':')) return false;
  const label = t.slice(0, -1).trim();
  return label === 'Our external address' || CONSOLE_LABELS[label] === 'Our external address';
}
