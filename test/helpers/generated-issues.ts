// A tracker's worth of generated issues, in `gh issue list --json` shape: a few problems that
// come back under new titles (the same rule, or the same unknown message, with other addresses,
// times, prose and noise around them), and issues that share nothing — healthy logs, questions
// without a log. Written from the samples (i2pd's templates), never from real reports.
import { readFileSync } from 'node:fs';
import { ghIssue } from './github-payloads.js';

export const KINDS = ['ssu2', 'shutdown-crash', 'unknown-option', 'odd-request', 'healthy', 'question'] as const;
export type Kind = (typeof KINDS)[number];

const SSU2 = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', 'utf8');
const CRASH = readFileSync('samples/crashes/crash-at-shutdown-segv-systemd-2-50.log', 'utf8');
const HEALTHY = readFileSync('samples/sockets/ssu2-socket-buffer-enobufs-quiet-healthy-floodfill-freebsd.log', 'utf8');

const PROSE = [
  'Since yesterday the router does not work.',
  'Hello, I have a problem after the upgrade.',
  'The router looks firewalled and I do not know why.',
  'Please help, this happens every time.',
];
const TYPOS = ['floodfil', 'bandwith', 'ipv66', 'notransit'];
// What any busy router prints now and then, whatever its problem: shared across kinds, so it
// must not make unrelated issues look alike.
const NOISE = [
  '08:00:01@300/warn - Tunnels: Can\'t select next hop for tunnel build',
  '08:00:02@301/error - NetDb: RouterInfo from 192.0.2.40 is too old, dropped',
  '08:00:03@302/warn - Streaming: Rcv buffer full for stream 4242, dropping',
  '08:00:04@303/error - Garlic: Failed to decrypt message',
  '08:00:05@304/warn - Tunnels: Test of tunnel 2384716231 failed',
];

/** Every address and time of a text shifted, so that no two issues carry the same line. */
function vary(text: string, n: number): string {
  return text
    .replace(/\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g, (m, a, b, c) => (m.startsWith('0.') ? m : `${a}.${b}.${c}.${(n * 7) % 250 + 1}`))
    // i2pd prints a thread id of at most three digits (its hash modulo 1000, libi2pd/Log.cpp).
    .replace(/\b(\d{2}):(\d{2}):(\d{2})@(\d+)/g, (_m, h, mi, s, tid) => `${String((Number(h) + n) % 24).padStart(2, '0')}:${mi}:${s}@${(Number(tid) + n) % 1000}`)
    .replace(/\bnas\b/g, `host${n}`);
}

/** Two lines of the noise, in turn: 5 and the 6 kinds have no common divisor, so every kind gets each. */
function noise(n: number): string {
  return vary(`${NOISE[n % NOISE.length]}\n${NOISE[(n + 2) % NOISE.length]}\n`, n);
}

function logBlock(kind: Kind, n: number): string {
  switch (kind) {
    case 'ssu2':
      // Half of them paste only the IPv4 socket's line.
      return vary(n % 2 ? SSU2 : SSU2.split('\n').filter((l) => !l.includes('socket on :::')).join('\n'), n) + noise(n);
    case 'shutdown-crash':
      // Half of them paste the crash without the start-up lines before it.
      return vary(n % 2 ? CRASH : CRASH.split('\n').slice(3).join('\n'), n) + noise(n);
    case 'unknown-option':
      return `user@box:~$ sudo -u i2pd i2pd --conf=/etc/i2pd/i2pd.conf\nunrecognised option '${TYPOS[n % TYPOS.length]}'\n`;
    case 'odd-request':
      return vary(`07:50:00@212/warn - HTTPServer: Odd request from 192.0.2.9 to /x\n07:52:00@212/warn - HTTPServer: Odd request from 192.0.2.9 to /x\n`, n) + noise(n);
    case 'healthy':
      return vary(HEALTHY, n) + noise(n);
    case 'question':
      return '';
  }
}

export interface Generated {
  number: number;
  kind: Kind;
  body: string;
}

export function generatedIssue(number: number, kind: Kind): Generated {
  const log = logBlock(kind, number);
  const prose = PROSE[number % PROSE.length];
  const body = log ? `${prose}\n\n**Log**\n\n\`\`\`\n${log}\`\`\`\n\nThanks!` : `${prose} How do I open the web console from another machine?`;
  return { number, kind, body };
}

/** Issues 1..n, their kinds in turn; every third closed as completed by a pull request. */
export function generatedIssues(n: number): Generated[] {
  return Array.from({ length: n }, (_, i) => generatedIssue(i + 1, KINDS[i % KINDS.length]));
}

const FIELDS = ['number', 'title', 'body', 'author', 'comments', 'state', 'stateReason', 'closedByPullRequestsReferences'];

export function ghList(issues: Generated[], closed: (n: number) => boolean = (n) => n % 3 === 0): Record<string, unknown>[] {
  return issues.map((g) =>
    ghIssue(
      { number: g.number, title: `Problem ${g.number}`, body: g.body, author: `user${g.number}`, state: closed(g.number) ? 'closed' : 'open', stateReason: closed(g.number) ? 'completed' : null, closedBy: closed(g.number) ? [g.number + 1000] : [] },
      FIELDS,
    ),
  );
}
