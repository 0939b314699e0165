// A progress bar on stderr, only for a person watching a long batch: never in a pipe or a log.
import type CliProgress from 'cli-progress';
import { createRequire } from 'node:module';

const LONG_BATCH = 20;

export interface Progress {
  tick(): void;
  stop(): void;
}

export function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY || total < LONG_BATCH) return undefined;
  // Required here, not imported: only a person at a terminal needs it, and start-up counts.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    { stream, format: 'analysing {bar} {value}/{total} cases, {eta_formatted} left', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
