// Results go to stdout through here, and messages to stderr through say. Node's own stdout to a
// file ignores a short write (a disk that fills up part way: the report is cut and the run ends
// with status 0) and throws ENOSPC from an event handler (a stack trace and status 1, which means
// "findings"). Here every byte is written or the run ends at once with status 2 and one line
// saying why.
import { writeSync } from 'node:fs';
import { terminalSafe } from '../report/safe-text.js';

const pause = new Int32Array(new SharedArrayBuffer(4));

const REASON: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be larger than allowed',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EIO: 'an input/output error',
};

/** Writes all of `text` to stdout. */
export function writeOut(text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    let n: number;
    try {
      n = writeSync(1, buf);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      // A non-blocking pipe that is full: wait a moment for its reader.
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      // `i2pd-doctor … | head` closes the pipe early: that is the reader's choice, not an error.
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.stderr.write(`i2pd-doctor: cannot write the output: ${REASON[code] ?? (e as Error).message} (${code || 'error'}); free some space or write it elsewhere\n`);
      process.exit(2);
    }
    buf = buf.subarray(n);
  }
}

/** One message for the user on stderr, its controls made visible. */
export function say(msg: string): void {
  process.stderr.write(`i2pd-doctor: ${terminalSafe(msg)}\n`);
}
