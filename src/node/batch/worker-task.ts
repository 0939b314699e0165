// What the batch pool and its case workers say to each other: the task a worker is sent, and
// how many it runs at once. Apart from both, so that neither imports the other.
import type { CaseSpec } from './cases.js';
import type { Limits } from '../../read/limits.js';

export interface WorkerTask {
  index: number;
  spec: CaseSpec;
  limits: Limits;
  redact: boolean;
}

/**
 * Cases a lane works on at once: while one waits for its files (reading, inflating on libuv's
 * pool), the other runs, instead of the core idling.
 */
export const IN_FLIGHT = 2;
