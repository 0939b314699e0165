import { loadKnowledge } from '../../src/node/content/content-loader.js';
import type { Knowledge } from '../../src/knowledge.js';

let cached: Knowledge | undefined;
/** The bundled content, loaded once per test file. */
export function knowledge(): Knowledge {
  cached ??= loadKnowledge();
  return cached;
}
