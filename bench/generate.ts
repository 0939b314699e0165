// Seeded, deterministic logs of a busy router at debug level, written from i2pd's own message
// templates (libi2pd/*.cpp LogPrint calls) with invented hashes and documentation addresses, and a
// few known problems buried at fixed places. Same seed and size, same bytes.
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

const GENERATOR_VERSION = 1;

/** mulberry32: small, seeded, the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const pick = (r: Rnd, s: string, n: number) => {
  let o = '';
  for (let i = 0; i < n; i++) o += s[(r() * s.length) | 0];
  return o;
};
const int = (r: Rnd, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const ip4 = (r: Rnd) => `${['192.0.2', '198.51.100', '203.0.113'][int(r, 0, 2)]}.${int(r, 1, 254)}:${int(r, 9000, 31000)}`;
const ip6 = (r: Rnd) => `[2001:db8:${int(r, 0, 0xffff).toString(16)}::${int(r, 1, 0xffff).toString(16)}]:${int(r, 9000, 31000)}`;
const ep = (r: Rnd) => (r() < 0.7 ? ip4(r) : ip6(r));
const hash = (r: Rnd) => pick(r, B64, 43) + '=';
const abbrev = (r: Rnd) => pick(r, B64, 4);
const b32 = (r: Rnd) => pick(r, B32, 52) + '.b32.i2p';

/** [weight, level, text] — the mix a debug-level router prints: transports and tunnels dominate. */
type Template = [number, string, (r: Rnd) => string];
const TEMPLATES: Template[] = [
  [60, 'debug', (r) => `SSU2: Block type ${int(r, 0, 13)} of size ${int(r, 1, 1400)}`],
  [30, 'debug', () => 'SSU2: I2NP message'],
  [15, 'debug', () => 'SSU2: Datetime'],
  [8, 'debug', (r) => `SSU2: Session with ${ep(r)} (${abbrev(r)}) terminated`],
  [6, 'debug', (r) => `SSU2: Resending ${int(r, 1, 5)}`],
  [3, 'debug', (r) => `SSU2: PeerTest msg=1 sent to ${abbrev(r)}`],
  [40, 'debug', (r) => `NTCP2: Block type ${int(r, 0, 254)} of size ${int(r, 1, 65000)}`],
  [25, 'debug', (r) => `NTCP2: Received length ${int(r, 16, 65535)}`],
  [20, 'debug', (r) => `NTCP2: Sent length ${int(r, 16, 65535)}`],
  [15, 'debug', (r) => `NTCP2: Next frame sent ${int(r, 16, 65535)}`],
  [10, 'debug', () => 'NTCP2: Received message decrypted'],
  [5, 'debug', (r) => `NTCP2: Connected from ${ep(r)}`],
  [5, 'debug', (r) => `NTCP2: Session with ${ep(r)} (${abbrev(r)}) terminated`],
  [3, 'debug', () => 'NTCP2: SessionConfirmed sent'],
  [45, 'debug', (r) => `I2NP: Handling message with type ${[1, 2, 3, 11, 18, 19, 20, 21, 22, 24][int(r, 0, 9)]}`],
  [30, 'debug', (r) => `Tunnel: Handling fragment ${int(r, 0, 8)} of message ${int(r, 1e8, 4e9)}`],
  [25, 'debug', (r) => `TransitTunnel: ${int(r, 1e8, 4e9)}->${int(r, 1e8, 4e9)} ${int(r, 1, 32)}`],
  [10, 'debug', (r) => `Tunnels: Creating zero hops inbound tunnel ${int(r, 1e8, 4e9)}`],
  [8, 'debug', (r) => `Tunnel: TunnelDataMessage for tunnel ${int(r, 1e8, 4e9)} rejected`],
  [20, 'debug', (r) => `Garlic: ${int(r, 1, 6)} cloves`],
  [12, 'debug', () => 'Garlic: Type local'],
  [8, 'debug', () => 'Garlic: Type tunnel'],
  [6, 'debug', (r) => `Garlic: Message ${int(r, 1e8, 4e9)} acknowledged`],
  [5, 'debug', (r) => `Garlic: ${int(r, 1, 40)} ECIESx25519 tags expired for ${hash(r)}`],
  [15, 'debug', (r) => `NetDb: Store request: RouterInfo ${hash(r)}`],
  [10, 'debug', (r) => `NetDb: DatabaseLookup for ${hash(r)} received flags=${int(r, 0, 15)}`],
  [6, 'debug', (r) => `NetDb: Requested RouterInfo ${hash(r)} found`],
  [4, 'debug', (r) => `NetDb: Store request: LeaseSet2 of type 3 for ${b32(r)}`],
  [4, 'debug', (r) => `NetDb: RouterInfo is older: ${hash(r)}`],
  [8, 'debug', (r) => `Streaming: Received seqn=${int(r, 0, 9999)} on sSID=${int(r, 1e8, 4e9)}`],
  [6, 'debug', (r) => `Streaming: Packet ${int(r, 0, 9999)} sent`],
  [4, 'debug', (r) => `Destination: DatabaseSearchReply for ${hash(r)} num=${int(r, 0, 3)}`],
  [3, 'debug', () => 'Destination: Remote LeaseSet updated'],
  [6, 'info', (r) => `Transports: Peer ${hash(r)} connected`],
  [3, 'info', (r) => `Tunnels: Tunnel ${int(r, 1e8, 4e9)} has been created`],
  [2, 'info', (r) => `Destination: Requesting ${hash(r)} at ${hash(r)}`],
  [2, 'info', (r) => `SSU2: Connecting to ${ep(r)} (${abbrev(r)})`],
  [3, 'warn', (r) => `Tunnels: Test of tunnel ${int(r, 1e8, 4e9)} failed`],
  [1, 'warn', (r) => `Destination: ${hash(r)} was not found within 40 seconds`],
  [1, 'warn', () => 'Garlic: Failed to decrypt message'],
  [1, 'error', (r) => `Tunnel: Tunnel with id ${int(r, 1e8, 4e9)} already exists`],
];

/**
 * A second shape of log, unlike TEMPLATES in the ways that cost the reader: about 40 % info lines
 * (entries the quick path cannot skip by level alone), 34 modules (more gates, more module
 * lookups) and lines of ~150 bytes (more bytes per line to gate). The messages are i2pd's own
 * (libi2pd, libi2pd_client, daemon) with invented values.
 */
const sid = (r: Rnd) => int(r, 1e8, 4e9);
const WIDE: Template[] = [
  [30, 'debug', (r) => `SSU2: Block type ${int(r, 0, 13)} of size ${int(r, 1, 1400)} received from ${ep(r)} for session ${sid(r)} (${abbrev(r)})`],
  [20, 'debug', (r) => `NTCP2: Received length ${int(r, 16, 65535)} from ${ep(r)}, frame ${int(r, 1, 9999)} of session ${abbrev(r)} decrypted`],
  [18, 'debug', (r) => `Tunnel: Handling fragment ${int(r, 0, 8)} of message ${sid(r)} for tunnel ${sid(r)} from gateway ${hash(r)}`],
  [15, 'debug', (r) => `TransitTunnel: ${sid(r)}->${sid(r)} ${int(r, 1, 32)} bytes, next hop ${hash(r)}`],
  [14, 'debug', (r) => `I2NP: Handling message with type ${[1, 2, 3, 11, 18, 19, 20, 21, 22, 24][int(r, 0, 9)]} msgID=${sid(r)} from ${hash(r)}`],
  [12, 'debug', (r) => `Garlic: ${int(r, 1, 6)} cloves received for ${b32(r)} on session ${sid(r)}, ${int(r, 1, 40)} tags left`],
  [10, 'debug', (r) => `NetDbReq: Request for ${hash(r)} sent to floodfill ${hash(r)} attempt ${int(r, 1, 7)}`],
  [9, 'debug', (r) => `Streaming: Received seqn=${int(r, 0, 9999)} on sSID=${sid(r)} rSID=${sid(r)} from ${b32(r)} ackThrough=${int(r, 0, 9999)}`],
  [8, 'debug', (r) => `Destination: DatabaseSearchReply for ${hash(r)} num=${int(r, 0, 3)} from ${hash(r)}`],
  [8, 'debug', (r) => `LeaseSet: Lease ${int(r, 0, 15)} of ${b32(r)} expires in ${int(r, 1, 600)} seconds, tunnel ${sid(r)} gateway ${abbrev(r)}`],
  [7, 'debug', (r) => `SAM: Stream session ${abbrev(r)}${abbrev(r)} accepted connection from ${b32(r)} on port ${int(r, 1, 65535)}`],
  [6, 'debug', (r) => `I2PTunnel: Stream from ${b32(r)} to 127.0.0.1:${int(r, 1024, 65535)} bytes sent ${int(r, 0, 1e6)} received ${int(r, 0, 1e6)}`],
  [6, 'debug', (r) => `Profiling: Profile ${hash(r)} updated, ${int(r, 0, 99)} tunnels agreed, ${int(r, 0, 99)} declined, ${int(r, 0, 9)} non replied`],
  [5, 'debug', (r) => `TunnelPool: Tunnel ${sid(r)} of pool ${b32(r)} selected for ${int(r, 1, 3)} hops through ${abbrev(r)}`],
  [5, 'debug', (r) => `RouterContext: Published address ${ep(r)} with cost ${int(r, 1, 15)} and ${int(r, 0, 3)} introducers`],
  [4, 'debug', (r) => `ElGamal: Decrypted garlic message of ${int(r, 100, 60000)} bytes for ${b32(r)} in session ${sid(r)}`],
  [4, 'debug', (r) => `Datagram: Received datagram of ${int(r, 10, 30000)} bytes from ${b32(r)} to port ${int(r, 1, 65535)}`],
  [3, 'debug', (r) => `I2CP: Message ${sid(r)} of ${int(r, 10, 60000)} bytes for session ${int(r, 1, 99)} delivered to ${b32(r)}`],
  [22, 'info', (r) => `Transports: Peer ${hash(r)} connected via ${r() < 0.5 ? 'NTCP2' : 'SSU2'} at ${ep(r)}, ${int(r, 1, 9000)} peers in total`],
  [18, 'info', (r) => `Tunnels: Tunnel ${sid(r)} has been created for pool ${b32(r)} with ${int(r, 1, 3)} hops`],
  [14, 'info', (r) => `Destination: Requesting ${hash(r)} at ${hash(r)} for ${b32(r)}`],
  [10, 'info', (r) => `SSU2: Connecting to ${ep(r)} (${abbrev(r)}) with introducer ${hash(r)}`],
  [8, 'info', (r) => `HTTPServer: GET /?page=${['tunnels', 'transports', 'local_destinations', 'i2p_tunnels', 'commands'][int(r, 0, 4)]} from 127.0.0.1:${int(r, 1024, 65535)} in ${int(r, 0, 90)} ms`],
  [8, 'info', (r) => `HTTPProxy: Request to http://${b32(r)}/${pick(r, B32, 12)} from 127.0.0.1:${int(r, 1024, 65535)}`],
  [6, 'info', (r) => `SOCKS: Connection to ${b32(r)}:${int(r, 1, 65535)} established for client 127.0.0.1:${int(r, 1024, 65535)}`],
  [6, 'info', (r) => `AddressBook: ${int(r, 0, 900)} addresses processed from subscription http://${b32(r)}/hosts.txt, ${int(r, 0, 30)} new`],
  [5, 'info', (r) => `NetDb: ${int(r, 1000, 9000)} routers, ${int(r, 100, 900)} floodfills, ${int(r, 10, 900)} leasesets; ${int(r, 0, 300)} expired after ${int(r, 1, 90)} seconds`],
  [5, 'info', (r) => `TunnelPool: Exploratory tunnels: ${int(r, 0, 9)} inbound and ${int(r, 0, 9)} outbound out of ${int(r, 2, 9)}, next test in ${int(r, 1, 60)} seconds`],
  [4, 'info', (r) => `Clock: Time offset from NTP server pool.ntp.org is ${int(r, -900, 900)} ms, ${int(r, 1, 9)} samples`],
  [3, 'info', (r) => `UPnP: Port mapping for ${int(r, 9000, 31000)}/${r() < 0.5 ? 'TCP' : 'UDP'} refreshed on gateway 192.0.2.1, lease ${int(r, 1, 7200)} seconds`],
  [3, 'info', (r) => `Reseed: ${int(r, 50, 200)} RouterInfos added from https://reseed${int(r, 1, 9)}.example.net/i2pseeds.su3`],
  [3, 'info', (r) => `Router: Bandwidth used ${int(r, 0, 9000)} KB/s in, ${int(r, 0, 9000)} KB/s out, ${int(r, 0, 3000)} transit tunnels of ${int(r, 3000, 9000)}`],
  [2, 'info', (r) => `BOB: Command "list" from 127.0.0.1:${int(r, 1024, 65535)} answered with ${int(r, 0, 20)} tunnels`],
  [2, 'info', (r) => `Family: Signature of family ${pick(r, B32, 8)} verified for router ${hash(r)}`],
  [4, 'warn', (r) => `Tunnels: Test of tunnel ${sid(r)} failed, ${int(r, 1, 9)} tests in a row for pool ${b32(r)}`],
  [2, 'warn', (r) => `SSU2: Session with ${ep(r)} (${abbrev(r)}) was not established after ${int(r, 5, 30)} seconds`],
  [1, 'warn', (r) => `Destination: ${hash(r)} was not found within 40 seconds in ${int(r, 1, 9)} floodfills`],
  [1, 'warn', (r) => `Streaming: Resend of packet ${int(r, 0, 9999)} on sSID=${sid(r)} attempt ${int(r, 1, 9)}`],
  [1, 'error', (r) => `Tunnel: Tunnel with id ${sid(r)} already exists for ${b32(r)}`],
];

export type Profile = 'router' | 'wide';
/** The shapes a benchmark log can take: `router`, the default, is the mix of TEMPLATES; `wide` that of WIDE. */
export const PROFILES: Record<Profile, Template[]> = { router: TEMPLATES, wide: WIDE };

/** A seeded source of `level - message` lines in the mix of TEMPLATES (bench/watch.ts streams them). */
export function lineMaker(r: Rnd): () => string {
  const total = TEMPLATES.reduce((n, t) => n + t[0], 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const t of TEMPLATES) cumulative.push((acc += t[0] / total));
  return () => {
    const x = r();
    let i = 0;
    while (cumulative[i] < x) i++;
    return `${TEMPLATES[i][1]} - ${TEMPLATES[i][2](r)}`;
  };
}

/** Problems buried at fixed fractions of the file, so every size carries them. */
const BURIED: Array<[number, (r: Rnd) => string[]]> = [
  [0, () => [
    'info - Log: Logging level set to debug',
    'none - i2pd v2.54.0 (0.9.64) starting...',
    'info - Daemon: Router configured as floodfill',
    "info - Daemon: Floodfill bandwidth set to 'extra'",
    'warn - SSU2: Socket receive buffer size: requested = 4194304, got = 425984',
    'warn - SSU2: Socket send buffer size: requested = 4194304, got = 425984',
  ]],
  [0.37, () => Array.from({ length: 40 }, () => 'error - NTCP2: Accept error Too many open files')],
  [0.81, () => Array.from({ length: 25 }, () => 'error - NTCP2: Accept error Too many open files')],
];

/**
 * A problem that starts part-way: at `onset` (a fraction of the file) i2pd is started again
 * without having stopped (a crash), the router turns Firewalled, and from then on one line in
 * `every` is `NTCP2: Accept error Too many open files`. Before it, at a quarter of the file, an
 * orderly restart. The bursts of that error that BURIED places everywhere are left out.
 */
const ONSET: Array<[number, string[]]> = [
  [0.01, ['info - Router: network status v4 changed Unknown -> OK']],
  [0.25, ['info - Daemon: Shutting down', 'none - i2pd v2.54.0 (0.9.64) starting...']],
];
const ONSET_AT = ['none - i2pd v2.54.0 (0.9.64) starting...', 'info - Router: network status v4 changed OK -> Firewalled'];
const ONSET_ERROR = 'error - NTCP2: Accept error Too many open files';

export interface LogOptions {
  /** Lines per second on average (default 500: a busy router at debug level). */
  linesPerSecond?: number;
  /** Where the problem starts, as a fraction of the file (see ONSET). */
  onset?: number;
  /** With `onset`: one line in this many is the error (default 50). */
  every?: number;
  /** The mix of lines (default `router`). */
  profile?: Profile;
}

export interface GeneratedLog {
  path: string;
  bytes: number;
}

/**
 * Writes `bytes` (rounded to whole lines) of log to `path`, its first line at `start` (seconds of
 * the day), unless a file from the same recipe is there.
 */
export async function generateLog(path: string, bytes: number, seed = 7, start = 21 * 3600, o: LogOptions = {}): Promise<GeneratedLog> {
  const { profile = 'router', ...rest } = o;
  const stamp = `${path}.recipe`;
  // The default profile's recipe is what it was before profiles, so cached logs stay valid.
  const recipe = JSON.stringify({ GENERATOR_VERSION, bytes, seed, ...(start !== 21 * 3600 ? { start } : {}), ...(profile !== 'router' ? { profile } : {}), ...rest });
  if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === recipe) return { path, bytes: statSync(path).size };
  const r = mulberry32(seed);
  const TEMPLATES = PROFILES[profile];
  const total = TEMPLATES.reduce((n, t) => n + t[0], 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const t of TEMPLATES) cumulative.push((acc += t[0] / total));
  const out = createWriteStream(path);
  // 21:00 start: a 1 GB log runs past midnight, so day rollover is exercised too.
  let t = start;
  const step = 1 / (o.linesPerSecond ?? 500);
  const every = o.every ?? 50;
  const buriedList: Array<[number, (r: Rnd) => string[]]> = o.onset === undefined ? BURIED : [BURIED[0], ...ONSET.map(([at, l]): [number, () => string[]] => [at, () => l]), [o.onset, () => ONSET_AT]].sort((a, b) => a[0] - b[0]);
  let written = 0;
  let buried = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const threads = profile === 'router' ? [423, 424, 425, 427, 431, 436] : [12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34];
  while (written < bytes) {
    // Time moves on by a second with the chance of one line's share of it; slower logs skip more.
    if (step <= 1) {
      if (r() < step) t++;
    } else t += Math.round(step * (0.5 + r()));
    const tod = t % 86400;
    const time = `${String((tod / 3600) | 0).padStart(2, '0')}:${String(((tod / 60) | 0) % 60).padStart(2, '0')}:${String(tod % 60).padStart(2, '0')}`;
    let lines: string[];
    if (buried < buriedList.length && written >= buriedList[buried][0] * bytes) lines = buriedList[buried++][1](r);
    else if (o.onset !== undefined && written >= o.onset * bytes && r() < 1 / every) lines = [ONSET_ERROR];
    else {
      const x = r();
      let i = 0;
      while (cumulative[i] < x) i++;
      const tpl = TEMPLATES[i];
      lines = [`${tpl[1]} - ${tpl[2](r)}`];
    }
    for (const l of lines) {
      const s = `${time}@${threads[int(r, 0, threads.length - 1)]}/${l}\n`;
      buf.push(s);
      bufLen += s.length;
      written += s.length;
    }
    if (bufLen > 1 << 20) {
      if (!out.write(buf.join(''))) await new Promise((res) => out.once('drain', res));
      buf = [];
      bufLen = 0;
    }
  }
  out.end(buf.join(''));
  await new Promise((res) => out.on('finish', res));
  writeFileSync(stamp, recipe);
  return { path, bytes: statSync(path).size };
}

export async function gzipLog(path: string): Promise<GeneratedLog> {
  const gz = `${path}.gz`;
  const stamp = `${gz}.recipe`;
  const recipe = `${statSync(path).size}:${statSync(path).mtimeMs}`;
  if (!(existsSync(gz) && existsSync(stamp) && readFileSync(stamp, 'utf8') === recipe)) {
    await pipeline(createReadStream(path), createGzip({ level: 6 }), createWriteStream(gz));
    writeFileSync(stamp, recipe);
  }
  return { path: gz, bytes: statSync(gz).size };
}
