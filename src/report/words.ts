// Words every rendering shares: counts that agree with their number, and what a case says when
// it read no i2pd line at all (a question pasted without its log is not a healthy router).
import type { CaseReport } from './model.js';

/** "1 line", "2 lines". */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

export const NO_LOG_LINES = 'No i2pd log lines found: paste the log itself (the file i2pd writes, e.g. /var/log/i2pd/i2pd.log, or the output of journalctl -u i2pd --no-pager)';

/** Whether any source of the case held an i2pd log line. */
export function readLogLines(c: Pick<CaseReport, 'sources'>): boolean {
  return c.sources.some((s) => s.kind === 'log' && s.parsed > 0);
}
