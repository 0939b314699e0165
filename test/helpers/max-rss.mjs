// Preloaded into a CLI child (NODE_OPTIONS=--import=…): at exit it writes the process's peak
// resident set size in KiB to $MAX_RSS_FILE, worker threads included, so a test can bound memory.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.MAX_RSS_FILE;
if (out && isMainThread) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
