// Catastrophic backtracking, proven rather than guessed: recheck (an automaton-based ReDoS
// checker, run offline by its native binary) looks at every contributed pattern after the cheap
// structural check in rules/safe-regex.ts. Its verdicts are cached by pattern so a second lint is
// instant; a check that runs out of time is a warning, never a failure.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RedosVerdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** "exponential", "2nd degree polynomial", … */
  complexity?: string;
  attack?: string;
}

type Check = (source: string, flags: string, params?: Record<string, unknown>) => Promise<{
  status: string;
  complexity?: { summary?: string; type?: string; degree?: number };
  attack?: { string?: string };
  error?: { kind?: string };
}>;

const VERSION = 1;
const CONCURRENCY = 1;
const cacheFile = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'i2pd-doctor', `redos-v${VERSION}.json`);

function readCache(): Record<string, RedosVerdict> {
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, RedosVerdict>;
  } catch {
    return {};
  }
}

/**
 * Lint's time for all checks together: past it, the patterns left get no verdict and say so (a
 * pack of thousands of new patterns must not hold lint for hours, 2 s at a time).
 */
export const TOTAL_MS = 120_000;

/** Verdicts for each pattern, matched case-insensitively as the matcher does. */
export async function checkRedos(patterns: string[], timeoutMs = 2000, totalMs = TOTAL_MS): Promise<Map<string, RedosVerdict>> {
  const started = performance.now();
  const cache = readCache();
  const out = new Map<string, RedosVerdict>();
  let check: Check | undefined;
  let changed = false;
  const todo = [...new Set(patterns)].filter((p) => {
    if (cache[p]) out.set(p, cache[p]);
    return !cache[p];
  });
  if (todo.length) check = (createRequire(import.meta.url)('recheck') as { check: Check }).check;
  // One at a time: in parallel the checks starve each other into timeouts on 2 cores.
  const one = async (p: string) => {
    if (performance.now() - started > totalMs) {
      out.set(p, { status: 'unknown', complexity: `not checked: lint's ${totalMs / 1000} s for these checks ran out` });
      return;
    }
    let v: RedosVerdict;
    try {
      const r = await check!(p, 'i', { timeout: timeoutMs });
      v = r.status === 'vulnerable'
        ? { status: 'vulnerable', complexity: r.complexity?.summary, attack: r.attack?.string?.slice(0, 60) }
        : r.status === 'safe' ? { status: 'safe' } : { status: 'unknown', complexity: r.error?.kind };
    } catch (e) {
      v = { status: 'unknown', complexity: (e as Error).message };
    }
    out.set(p, v);
    // A timeout is cached too: the next lint says the same, and the pattern needs simplifying anyway.
    cache[p] = v;
    changed = true;
  };
  for (let i = 0; i < todo.length; i += CONCURRENCY) await Promise.all(todo.slice(i, i + CONCURRENCY).map(one));
  if (changed) {
    try {
      mkdirSync(join(cacheFile, '..'), { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(cache));
    } catch {
      // No cache: the next lint checks again.
    }
  }
  return out;
}
