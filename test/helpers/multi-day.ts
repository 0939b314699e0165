// A generated log of four days from 21:00 (bench/generate.ts): an orderly restart at a quarter,
// and from half-way a problem — a start without a stop, the router turning Firewalled, and
// `Too many open files` from then on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../../bench/generate.js';

export async function multiDayLog(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'i2pd-doctor-days-')), 'i2pd.log');
  await generateLog(file, 2_000_000, 3, 21 * 3600, { linesPerSecond: 0.1, onset: 0.5 });
  return file;
}
