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

export interface GeneratedLog {
  path: string;
  bytes: number;
}

/** Writes `bytes` (rounded to whole lines) of log to `path`, unless a file from the same recipe is there. */
export async function generateLog(path: string, bytes: number, seed = 7): Promise<GeneratedLog> {
  const stamp = `${path}.recipe`;
  const recipe = JSON.stringify({ GENERATOR_VERSION, bytes, seed });
  if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === recipe) return { path, bytes: statSync(path).size };
  const r = mulberry32(seed);
  const total = TEMPLATES.reduce((n, t) => n + t[0], 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const t of TEMPLATES) cumulative.push((acc += t[0] / total));
  const out = createWriteStream(path);
  // 21:00 start: a 1 GB log runs past midnight, so day rollover is exercised too.
  let t = 21 * 3600;
  let written = 0;
  let buried = 0;
  let buf: string[] = [];
  let bufLen = 0;
  const threads = [423, 424, 425, 427, 431, 436];
  while (written < bytes) {
    if (r() < 0.002) t++;
    const tod = t % 86400;
    const time = `${String((tod / 3600) | 0).padStart(2, '0')}:${String(((tod / 60) | 0) % 60).padStart(2, '0')}:${String(tod % 60).padStart(2, '0')}`;
    let lines: string[];
    if (buried < BURIED.length && written >= BURIED[buried][0] * bytes) lines = BURIED[buried++][1](r);
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
