// The bytes of a log as they are written. A file is followed with @logdna/tail-file, which polls
// it and keeps reading across rotation: after a rename (logrotate's create mode) it reads the old
// file to its end and goes on with the new one from its start, and after a truncation
// (copytruncate) it starts again from the beginning. A pipe is read until it closes.
import TailFile from '@logdna/tail-file';
import type { Readable } from 'node:stream';

export interface LogInput {
  /** Resolves when the input ended (a pipe closed, or the file could not be read any more). */
  readonly ended: Promise<void>;
  stop(): Promise<void>;
}

export interface FollowOptions {
  onData: (chunk: Buffer) => void;
  /** What happened to the file (renamed, truncated, gone), for stderr. */
  onNote: (message: string) => void;
  /** Skip what the file holds already. */
  fromEnd?: boolean;
  pollMs?: number;
}

export async function followFile(path: string, o: FollowOptions): Promise<LogInput> {
  const tail = new TailFile(path, {
    startPos: o.fromEnd ? null : 0,
    pollFileIntervalMs: o.pollMs ?? 250,
    // A rotation may leave the name missing for a moment; a log gone for ten minutes is gone.
    pollFailureRetryMs: 500,
    maxPollFailures: 1200,
  });
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  tail.on('data', (b: Buffer) => o.onData(b));
  tail.on('renamed', () => o.onNote(`${path} was renamed (rotated): reading the new file from its start`));
  tail.on('truncated', () => o.onNote(`${path} was truncated (copytruncate): reading it again from its start`));
  tail.on('tail_error', (e: Error & { meta?: { actual?: Error } }) => {
    o.onNote(`${path}: ${e.meta?.actual?.message ?? e.message}; stopped following it`);
    end();
  });
  tail.on('close', () => end());
  await tail.start();
  return {
    ended,
    async stop() {
      await tail.quit();
      end();
    },
  };
}

export function followStream(stream: Readable, o: Pick<FollowOptions, 'onData'>): LogInput {
  let end!: () => void;
  const ended = new Promise<void>((r) => (end = r));
  stream.on('data', (b: Buffer | string) => o.onData(typeof b === 'string' ? Buffer.from(b) : b));
  stream.on('end', () => end());
  stream.on('error', () => end());
  return {
    ended,
    async stop() {
      stream.pause();
      end();
    },
  };
}
