// Where the page tests find Chromium, and what a machine without one is told to run: npm test
// checks this before it builds anything (scripts/check-chromium.ts), so a missing browser costs
// seconds, not a whole run that fails in a hook.
import { existsSync } from 'node:fs';

/** Debian's and Fedora's binaries, and macOS's app; CHROMIUM names any other. */
const KNOWN = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM) return existsSync(env.CHROMIUM) ? env.CHROMIUM : undefined;
  return KNOWN.find((p) => existsSync(p));
}

/** The one command that installs Chromium with this machine's package manager. */
export function installCommand(isRoot = process.getuid?.() === 0): string {
  const sudo = isRoot ? '' : 'sudo ';
  if (existsSync('/usr/bin/apt-get')) return `${sudo}apt-get install -y chromium`;
  if (existsSync('/usr/bin/dnf')) return `${sudo}dnf install -y chromium`;
  if (existsSync('/usr/bin/pacman')) return `${sudo}pacman -S --noconfirm chromium`;
  if (existsSync('/sbin/apk')) return `${sudo}apk add chromium`;
  if (existsSync('/opt/homebrew/bin/brew') || existsSync('/usr/local/bin/brew')) return 'brew install --cask chromium';
  return `${sudo}apt-get install -y chromium`;
}

/** Why the page tests cannot run here and what fixes it, or undefined when Chromium is there. */
export function chromiumProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (chromiumPath(env)) return undefined;
  const where = env.CHROMIUM ? `CHROMIUM=${env.CHROMIUM} does not exist` : `no Chromium at ${KNOWN.join(', ')}`;
  return [
    `npm test drives the page in headless Chromium, and there is none: ${where}. Install it:`,
    '',
    `    ${installCommand()}`,
    '',
    'then run npm test again (.ci/run installs it too). To use a Chromium or Chrome elsewhere: CHROMIUM=/path/to/chromium npm test',
  ].join('\n');
}
