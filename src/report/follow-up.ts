// A reply to the reporter, paste-ready markdown: what was found, and exactly what is still needed
// to decide the findings that are only likely or that the log cannot tell.
import type { Diagnosis } from '../model.js';
import type { CaseReport } from './report-model.js';
import { neutralise } from './markdown.js';
import { inlineCode } from './safe-text.js';

const STATUS: Record<Diagnosis['status'], string> = { confirmed: 'confirmed by the log', likely: 'likely', 'cannot-tell': 'possible, but the log cannot tell' };

/** Undefined when every finding is confirmed (or there is none) and every file could be read. */
export function followUp(c: CaseReport): string | undefined {
  const open = c.diagnoses.filter((d) => d.status !== 'confirmed');
  const unreadable = c.sources.flatMap((s) => s.errors);
  if (open.length === 0 && unreadable.length === 0) return undefined;
  const out: string[] = ['Thanks for the report.'];
  out.push('');
  if (c.diagnoses.length) {
    out.push(c.diagnoses.length === 1 ? 'From the attached files, this looks like:' : 'From the attached files, these look like the problems:');
    out.push('');
    for (const d of c.diagnoses) out.push(`- **${d.title}** (${STATUS[d.status]})`);
    out.push('');
  }
  const asks: string[] = [];
  for (const d of open) for (const m of d.missing) if (!asks.includes(m.ask)) asks.push(m.ask);
  if (unreadable.length) {
    out.push(`Some attachments could not be read: ${unreadable.map((e) => inlineCode(e)).join('; ')}`);
    out.push('');
  }
  if (asks.length) {
    out.push(asks.length === 1 ? 'To be sure, could you send this:' : 'To be sure, could you send these:');
    out.push('');
    asks.forEach((a, i) => out.push(`${i + 1}. ${neutralise(a)}`));
    out.push('');
  } else if (open.length) {
    out.push('To be sure, could you attach the whole log from the start of i2pd (`i2pd v… starting`), at `loglevel = info`, and your i2pd.conf?');
    out.push('');
  }
  return out.join('\n');
}
