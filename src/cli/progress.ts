// A progress bar on stderr, only for a person watching a long batch: never in a pipe or a log.
import cliProgress from 'cli-progress';

const LONG_BATCH = 20;

export interface Progress {
  tick(): void;
  stop(): void;
}

export function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY || total < LONG_BATCH) return undefined;
  const bar = new cliProgress.SingleBar(
    { stream, format: 'analysing {bar} {value}/{total} cases, {eta_formatted} left', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
