// What to ask for when a rule lacks a fact: the rule's own question first, else a default that
// tells the reporter exactly what to attach or run.
import type { Missing } from '../model.js';

export function defaultAsk(fact: string, reason: Missing['reason']): string {
  switch (reason) {
    case 'log-level':
      return 'The log level hides the messages this needs: set `loglevel = info` in i2pd.conf (or start i2pd with `--loglevel=info`), restart i2pd, and attach the first 10 minutes of the log.';
    case 'no-startup':
      return "The log begins after i2pd's start-up: restart i2pd and attach the log from its first line (`i2pd v… starting`).";
    case 'no-log':
      return "Attach i2pd's log (`/var/log/i2pd/i2pd.log`, or `journalctl -u i2pd --no-pager`).";
    default:
      break;
  }
  if (fact.startsWith('config.')) {
    const option = fact.slice('config.'.length);
    const dot = option.indexOf('.');
    const where = dot === -1 ? `\`${option} = …\`` : `\`${option.slice(dot + 1)} = …\` in section \`[${option.slice(0, dot)}]\``;
    const key = dot === -1 ? option : option.slice(dot + 1);
    return `Is ${where} set in i2pd.conf? Attach i2pd.conf, or run \`grep -n '${key}' /etc/i2pd/i2pd.conf\` (\`/usr/local/etc/i2pd/i2pd.conf\` on FreeBSD).`;
  }
  if (fact === 'env.version') return 'Which i2pd version is this? Run `i2pd --version`, or attach the log from its first line.';
  if (fact === 'env.os') return 'Which operating system is this? Paste the output of `uname -a`.';
  return "Attach more of the log: from i2pd's start-up, at `loglevel = info` (the finding needs a value the log did not show).";
}
