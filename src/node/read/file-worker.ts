// A worker thread of a parallel read of one large plain log (see parallel-file.ts): builds its
// matcher from the signatures the main thread loaded (no content files to read, validate or
// parse, so it is ready in a fraction of the time), says so, then reads the byte ranges it is
// sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { Matcher } from '../../match/matcher.js';
import type { Signature } from '../../match/signature.js';
import { readRange, type RangeTask } from './range-reader.js';

const matcher = new Matcher((workerData as { signatures: Signature[] }).signatures);
parentPort!.on('message', (task: RangeTask) => {
  readRange(task, matcher).then(
    (part) => parentPort!.postMessage({ part }),
    (e: Error) => parentPort!.postMessage({ error: e }),
  );
});
parentPort!.postMessage({ ready: true });
