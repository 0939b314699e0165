// Replaces what identifies a router or its operator with pseudonyms, consistently within one
// report: the same address always gets the same alias, so a redacted log still reads (and still
// diagnoses) like the original. Pure: the CLI and the web page share it.
//
// Aliases keep the shape of what they replace (an IPv4 address stays an IPv4 address, a router
// hash stays 44 base64 characters) so that signatures match redacted text as they match the
// original. They are drawn from ranges no real log contains (198.18.0.0/15 is for benchmarks,
// 100::/64 discards), so an alias is never mistaken for an original. Loopback, private, link-local
// and unspecified addresses identify nobody and often explain a problem; they are kept.

export type RedactionKind = 'ipv4' | 'ipv6' | 'port' | 'router-hash' | 'router-abbreviation' | 'identity' | 'b32' | 'tunnel-id' | 'home';

export interface RedactionCount {
  kind: RedactionKind;
  /** Distinct originals replaced. */
  values: number;
  /** Replacements made. */
  occurrences: number;
  /** Past MAX_ALIASES distinct values the rest share this one alias. */
  overflow?: string;
}

/**
 * Distinct values of one kind that get an alias of their own. One router's log holds a few
 * thousand peers; past this the table would only grow with the input, so the rest share one
 * alias (still replaced: nothing original is left) and the summary says so.
 */
export const MAX_ALIASES = 50_000;

/** A copy of a substring that does not keep the whole line it was cut from alive. */
function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

const LABEL: Record<RedactionKind, [string, string]> = {
  ipv4: ['IPv4 address', 'IPv4 addresses'],
  ipv6: ['IPv6 address', 'IPv6 addresses'],
  port: ['port', 'ports'],
  'router-hash': ['router hash', 'router hashes'],
  'router-abbreviation': ['abbreviated router hash', 'abbreviated router hashes'],
  identity: ['base64 identity', 'base64 identities'],
  b32: ['.b32.i2p address', '.b32.i2p addresses'],
  'tunnel-id': ['tunnel id', 'tunnel ids'],
  home: ['home-directory user name', 'home-directory user names'],
};

/** "3 IPv4 addresses (12 times), 1 router hash" or "nothing". */
export function describeRedaction(counts: readonly RedactionCount[]): string {
  const bits = counts.filter((c) => c.values > 0).map((c) => `${c.values} ${LABEL[c.kind][c.values === 1 ? 0 : 1]}${c.occurrences > c.values ? ` (${c.occurrences} times)` : ''}`);
  const over = counts.filter((c) => c.overflow).map((c) => `more than ${MAX_ALIASES.toLocaleString('en-US')} distinct ${LABEL[c.kind][1]}: the rest are all shown as ${c.overflow}`);
  return (bits.length ? bits.join(', ') : 'nothing') + (over.length ? `; ${over.join('; ')}` : '');
}

const B64 = 'A-Za-z0-9~-';
// Destinations and full identities: hundreds of base64 characters.
const IDENTITY = new RegExp(`(?<![${B64}])[${B64}]{100,}={0,2}`, 'g');
// An ident hash as i2pd prints it: 32 bytes, 44 base64 characters with one '='. It may follow a
// dash (routerInfo-<hash>.dat), which is itself a base64 character.
const HASH = new RegExp(`(?<![A-Za-z0-9~])[${B64}]{43}=`, 'g');
const B32 = /(?<![a-z2-7])([a-z2-7]{52,})(\.b32\.i2p)?(?![a-z2-7])/g;
const V4 = /(?<![\d.])((?:\d{1,3}\.){3}\d{1,3})(?::(\d{1,5}))?(?!\.?\d)/g;
// Candidate IPv6 text, checked by isIPv6 before it is replaced: `[addr]:port` or bare.
const V6 = /\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?|(?<![\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?)(?![\w:]|\.\d)/g;
// i2pd's own port is published with its address, so it identifies the router as well.
const PORT_WORD = /\b(port\s*[=:]?\s*)(\d{4,5})\b/gi;
const TUNNEL = /\b(tunnel(?:\s*id)?(?:\s+with\s+id)?\s*[=:#]?\s*)(\d{3,10})\b/gi;
const HOME = /(\/home\/|\/Users\/|[A-Za-z]:\\Users\\|[A-Za-z]:\/Users\/)([^/\\\s:'"`<>|]+)/g;
// A router's alias is r<n> padded with ~, so that its first 4 characters, what i2pd would print
// as its abbreviation, tell routers apart (up to 999 of them); `router<n>~` is an older alias.
const ALIAS = /^(?:r|router|identity)\d+~/;
const B32_ALIAS = /^site[a-z2-7]{1,8}a{40,}$/;
const ABBREVIATION_ALIAS = /^r\d{1,3}~*$/;
const routerAlias = (n: number) => `${`r${n}`.padEnd(43, '~')}=`;

// i2pd abbreviates an ident hash to its first 4 base64 characters (GetIdentHashAbbreviation,
// libi2pd/Identity.h) in these messages and in the web console; anywhere else 4 letters are a
// word. Each entry: a literal the line must hold, and the text before and after the abbreviation,
// none of it the module prefix (a parsed message is redacted without it, see redactRepeat).
const ABBR = `[${B64}]{4}`;
const END = '(?=\\s|$)';
const ABBREVIATED: Array<[string, RegExp]> = ([
  // NTCP2.cpp, SSU2Session.cpp: "Connecting to <endpoint> (AbCd)", "Session with … (AbCd) terminated"
  ['Connect', '(?:Connecting|Connected) to \\S+ \\(', '(?=\\))'],
  ['Session', 'Session(?:Confirmed from| with) \\S+ \\(', '(?=\\))'],
  // SSU2Session.cpp: "… in SessionConfirmed from AbCd", "Peer test 4 error code 66 from AbCd"
  ['SessionConfirmed from ', 'SessionConfirmed from ', END],
  ['Peer test 4 ', 'Peer test 4 (?:received|error code \\d+) from ', END],
  ['with information about ', 'Peer test 4 received from \\S+ with information about ', END],
  ['actual endpoint ', 'actual endpoint \\S+ from ', END],
  ['PeerTest msg=1 sent to ', 'PeerTest msg=1 sent to ', END],
  ['Outgoing messages queue to ', 'Outgoing messages queue to ', '(?= is semi-full)'],
  ['Introducer added ', 'Introducer added \\d+ at ', END],
  // RouterContext.cpp (NetDb.cpp before 2.44.0), RouterInfo.cpp
  ['Publishing our RouterInfo to ', 'Publishing our RouterInfo to ', '(?=\\. reply token)'],
  ['Buffer for ', 'Buffer for ', '(?= loaded from file)'],
  // SSU.cpp, until 2.44.0
  ['Router ', 'Router ', "(?= doesn't have SSU address)"],
  ['new session to [', '(?:Creating|Introduce) new session to \\[', '(?=\\])'],
  // The web console (daemon/HTTPServer.cpp), whose rows all hold an arrow: transports out and
  // in, a transit tunnel's next peer, tunnel hops with their bandwidth class.
  ['⇒', '⇒\\s*', '(?=: (?:\\[|\\d))'],
  ['⇒', '^\\s*', '(?=: \\S+:\\d+ ⇒)'],
  ['⇒', '(?:^|[^A-Za-z0-9~-])', '(?=-(?:NTCP2V4|NTCP2V6|SSU2V4|SSU2V6|Mesh)\\b)'],
  ['⇒', '⇒\\s*(?!\\d{4}\\b)', '(?=(?:\\s+[A-Za-z]{1,3})?\\s*(?:⇒|$))'],
] as const).map(([gate, before, after]) => [gate, new RegExp(`(${before})(${ABBR})${after}`, 'gm')]);
// peerProfiles/p<c>/profile-<hash>.txt and netDb/r<c>/routerInfo-<hash>.dat: <c> is the hash's
// first character (i2p::fs::HashedStorage), so it follows the hash's alias.
const HASHED_FOLDER = /(peerProfiles[\\/]p|netDb[\\/]r)[A-Za-z0-9~-](?=[\\/](?:profile|routerInfo)-([A-Za-z0-9~-]))/g;
/** Ports that say which service, not which router. */
const KEEP_PORTS = new Set([2827, 4444, 4447, 7070, 7650, 7654, 7656, 6668, 8080, 8443, 9050]);
const KEEP_USERS = new Set(['i2pd', 'root', 'user', 'Public', 'Default', 'Shared']);

export function isIPv4(s: string): boolean {
  const p = s.split('.');
  return p.length === 4 && p.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255);
}

export function isIPv6(s: string): boolean {
  let t = s;
  const v4 = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(t);
  let max = 8;
  if (v4) {
    if (!isIPv4(v4[1])) return false;
    t = t.slice(0, v4.index + 1) + '0';
    max = 7;
  }
  const dbl = t.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const parts = dbl.flatMap(groups);
  if (!parts.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? parts.length < max : parts.length === max;
}

function v4Private(s: string): boolean {
  const [a, b] = s.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32)
    || (a === 192 && b === 168) || (a === 100 && b >= 64 && b < 128) || (a === 198 && (b === 18 || b === 19));
}

function v6Private(s: string): boolean {
  const l = s.toLowerCase();
  // `::`, `::1`, and a bare prefix such as the `300::` of i2pd.conf's comments: none names a host.
  if (l === '::' || l === '::1' || /^[0-9a-f]{1,4}::$/.test(l)) return true;
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l);
  if (m) return v4Private(m[1]);
  const first = l.startsWith('::') ? 0 : parseInt(l.split(':')[0], 16);
  // ::/8 is reserved (IANA): no host on the Internet has such an address.
  if (first === 0) return true;
  // link-local fe80::/10, unique-local fc00::/7, multicast ff00::/8, our own aliases in 100::/64
  // and, for Yggdrasil addresses, 200:db8::/32 and 300:db8::/32.
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00 || (first === 0x100 && /^100:(0:){0,3}:/.test(l)) || /^[23]00:db8::/.test(l);
}

export class Redactor {
  private readonly maps = new Map<RedactionKind, Map<string, string>>();
  /** Aliases handed out, kind by kind: met again (our own output redacted again), they are kept. */
  private readonly issued = new Map<RedactionKind, Set<string>>();
  private readonly uses = new Map<RedactionKind, number>();
  /** Routers numbered in the order met, by full hash or by abbreviation (see routerNumber). */
  private routers = 0;
  /** The router number each abbreviation stands for. */
  private readonly byAbbreviation = new Map<string, number>();
  /** Abbreviations whose full hash has been met. */
  private readonly abbreviatedFull = new Set<string>();
  /** False while redacting a repeat of text already counted (see redactRepeat). */
  private counting = true;
  /** The alias shared by the values of a kind past MAX_ALIASES. */
  private readonly overflow = new Map<RedactionKind, string>();

  private alias(kind: RedactionKind, original: string, make: (n: number) => string): string {
    let m = this.maps.get(kind);
    if (!m) this.maps.set(kind, (m = new Map()));
    let out = this.issued.get(kind);
    if (!out) this.issued.set(kind, (out = new Set()));
    let a = m.get(original);
    if (a === undefined) {
      if (out.has(original)) return original;
      if (m.size >= MAX_ALIASES) {
        a = this.overflow.get(kind);
        if (a === undefined) {
          this.overflow.set(kind, (a = make(MAX_ALIASES + 1)));
          out.add(a);
        }
        if (!this.counting) return a;
        this.uses.set(kind, (this.uses.get(kind) ?? 0) + 1);
        return a;
      }
      // A copy: the match is a slice of its line, and would keep all of it alive in the table.
      m.set(own(original), (a = make(m.size + 1)));
      out.add(a);
    } else if (!this.counting) return a;
    // A value first met in a repeat is still one occurrence: it was not counted before.
    this.uses.set(kind, (this.uses.get(kind) ?? 0) + 1);
    return a;
  }

  /**
   * The number of the router a hash or abbreviation belongs to: a full hash takes the number its
   * abbreviation was given when that came first, so that both aliases agree in either order.
   */
  private routerNumber(abbreviation: string, full: boolean): number {
    let n = this.byAbbreviation.get(abbreviation);
    // A second full hash with the same first 4 characters is another router.
    if (n === undefined || (full && this.abbreviatedFull.has(abbreviation))) {
      n = ++this.routers;
      if (!this.byAbbreviation.has(abbreviation)) this.byAbbreviation.set(abbreviation, n);
    }
    if (full) this.abbreviatedFull.add(abbreviation);
    return n;
  }

  private port(p: string | undefined): string {
    if (p === undefined) return '';
    const n = Number(p);
    if (n < 1024 || n > 65535 || KEEP_PORTS.has(n)) return `:${p}`;
    return `:${this.alias('port', p, (i) => String(60000 + (i % 5000)))}`;
  }

  private v6(addr: string): string {
    const ygg = /^0?([23])[0-9a-f]{2}:/i.exec(addr);
    // Yggdrasil addresses (200::/7) stay in their range, node (2xx) or subnet (3xx): rules may
    // tell a meshnet by it, and a subnet given where an address belongs.
    return this.alias('ipv6', addr.toLowerCase(), (n) => `${ygg ? `${ygg[1]}00:db8` : '100'}::${n.toString(16)}`);
  }

  /** Redacts one line (or any text: newlines are kept). */
  redact(text: string): string {
    let s = text;
    s = s.replace(IDENTITY, (m) => {
      if (ALIAS.test(m) || !/\d/.test(m) || !/[a-z]/.test(m) || !/[A-Z]/.test(m)) return m;
      return this.alias('identity', m, (n) => `identity${n}`.padEnd(44, '~'));
    });
    s = s.replace(HASH, (m) => (ALIAS.test(m) ? m : this.alias('router-hash', m, () => routerAlias(this.routerNumber(m.slice(0, 4), true)))));
    for (const [gate, re] of ABBREVIATED) {
      if (!s.includes(gate)) continue;
      s = s.replace(re, (_m, before: string, a: string) => before + (ABBREVIATION_ALIAS.test(a) ? a : this.alias('router-abbreviation', a, () => routerAlias(this.routerNumber(a, false)).slice(0, 4))));
    }
    if (s.includes('peerProfiles') || s.includes('netDb')) s = s.replace(HASHED_FOLDER, '$1$2');
    s = s.replace(B32, (m, b32: string, suffix: string | undefined) => {
      if (!suffix && !/[2-7]/.test(b32)) return m;
      // Our own alias, met in text redacted before (a corpus report, a shared log).
      if (B32_ALIAS.test(b32)) return m;
      return this.alias('b32', b32.toLowerCase(), (n) => `site${n.toString(36).replace(/[0189]/g, (d) => 'wxyz'['0189'.indexOf(d)])}`.padEnd(52, 'a')) + (suffix ?? '');
    });
    s = s.replace(V6, (m, br: string | undefined, brPort: string | undefined, bare: string | undefined) => {
      const addr = br ?? bare!;
      if (!isIPv6(addr)) return m;
      const a = v6Private(addr) ? addr : this.v6(addr);
      return br !== undefined ? `[${a}]${this.port(brPort)}` : a;
    });
    s = s.replace(V4, (m, addr: string, port: string | undefined) => {
      if (!isIPv4(addr)) return m;
      // A port on a loopback or private address is a local service's and names nobody; one
      // bound on 0.0.0.0 is the router's own, published port.
      if (v4Private(addr)) return addr === '0.0.0.0' ? addr + this.port(port) : port === undefined ? addr : `${addr}:${port}`;
      const a = this.alias('ipv4', addr, (n) => `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`);
      return a + this.port(port);
    });
    s = s.replace(PORT_WORD, (_m, lead: string, p: string) => lead + this.port(p).slice(1));
    s = s.replace(TUNNEL, (_m, lead: string, id: string) => lead + this.alias('tunnel-id', id, (n) => String(1000 + n)));
    s = s.replace(HOME, (m, lead: string, user: string) => (KEEP_USERS.has(user) || /^user\d+$/.test(user) ? m : lead + this.alias('home', user, (n) => `user${n}`)));
    return s;
  }

  /**
   * Redacts text that repeats text already redacted, with the same aliases but without counting
   * its values again: a parsed entry's message is a part of its line, not a second occurrence.
   */
  redactRepeat(text: string): string {
    this.counting = false;
    try {
      return this.redact(text);
    } finally {
      this.counting = true;
    }
  }

  /** What was replaced so far, kind by kind. */
  summary(): RedactionCount[] {
    const order = Object.keys(LABEL);
    return [...this.maps]
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([kind, m]) => ({ kind, values: m.size, occurrences: this.uses.get(kind) ?? 0, ...(this.overflow.has(kind) ? { overflow: this.overflow.get(kind) } : {}) }));
  }

  /** The originals replaced so far (for checks that none is left). */
  originals(): string[] {
    return [...this.maps.values()].flatMap((m) => [...m.keys()]);
  }
}
