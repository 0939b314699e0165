// The content a command runs with, loaded once with its problems said: apart from rules.ts so that
// `analyze` does not load the linter and the scaffolder to get it (start-up, issue 17).
import { loadContent, type Content } from '../node/content/packs.js';
import { say } from './output.js';

export interface PackOptions {
  rules?: string[];
}

/** Loads the content for a command; on errors in the user's packs or config, says so and returns undefined. */
export function contentFor(o: PackOptions): Content | undefined {
  const c = loadContent(o.rules ?? []);
  for (const p of c.knowledge.problems) say(`content: ${p}`);
  if (c.errors.length) {
    for (const e of c.errors) say(e);
    say('fix the pack or the project config above (i2pd-doctor rules lint --rules <dir> lists every problem)');
    return undefined;
  }
  return c;
}

