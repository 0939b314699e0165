// npm test's first step (pretest): stop at once, with the command that fixes it, when the page
// tests would have no browser; the rest of the suite would otherwise run first.
import { chromiumProblem } from '../test/helpers/chromium.js';

const problem = chromiumProblem();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
