// A worker thread of a parallel read of one large plain log (see parallel-file.ts): builds its
// matcher from the signatures the main thread loaded (no content files to read, validate or
// parse, so it is ready in a fraction of the time), says so, then reads the byte ranges it is
// sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Derivations } from '../../facts/derivations.js';
import { Matcher } from '../../match/matcher.js';
import type { Signature } from '../../match/signature.js';
import { readRange, type RangeTask } from './range-reader.js';

const data = workerData as { signatures: Signature[]; derivations: Derivations };
const matcher = new Matcher(data.signatures);
parentPort!.on('message', (task: RangeTask) => {
  readRange(task, matcher, data.derivations).then(
    (part) => parentPort!.postMessage({ part }),
    (e: Error) => parentPort!.postMessage({ error: e }),
  );
});
parentPort!.postMessage({ ready: true });
