// Words every rendering shares: counts that agree with their number, and what a case says when
// it read no i2pd line at all (a question pasted without its log is not a healthy router).
import type { CaseReport } from './report-model.js';

/** "1 line", "2 lines". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

export const NO_LOG_LINES = 'No i2pd log lines found: paste the log itself (the file i2pd writes, e.g. /var/log/i2pd/i2pd.log, or the output of journalctl -u i2pd --no-pager)';

/** Whether any source of the case held an i2pd log line. */
export function readLogLines(c: Pick<CaseReport, 'sources'>): boolean {
  return c.sources.some((s) => s.kind === 'log' && s.parsed > 0);
}

export const CONFIG_ONLY = "No problem found in the config. The rest needs i2pd's log: attach it (/var/log/i2pd/i2pd.log, or the output of journalctl -u i2pd --no-pager)";

/** What a case with no finding says: read and healthy, a config alone, or nothing of i2pd's read. */
export function noFinding(c: Pick<CaseReport, 'sources'>): string {
  if (readLogLines(c)) return 'No known problem found';
  if (c.sources.some((s) => s.kind === 'i2pd.conf' || s.kind === 'tunnels.conf')) return CONFIG_ONLY;
  return NO_LOG_LINES;
}
