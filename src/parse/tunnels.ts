// tunnels.conf (and tunnels.d/*.conf) as i2pd reads it: Boost's INI reader, then
// ClientContext::ReadTunnels (libi2pd_client/ClientContext.cpp). Boost rejects the whole file on
// a malformed section, a line without '=', or a duplicated section or key: then no tunnel of the
// file starts. Only lines that begin with ';' or '#' are comments, so `type = client ; note` has the
// type "client ; note". Each tunnel then needs its type's keys. Problems are reported by line.

/** The types ClientContext.h names, and the keys each must have. */
const REQUIRED: Record<string, readonly string[]> = {
  client: ['destination', 'port'],
  udpclient: ['destination', 'port'],
  socks: ['port'],
  websocks: ['port'],
  httpproxy: ['port'],
  server: ['host', 'port', 'keys'],
  http: ['host', 'port', 'keys'],
  irc: ['host', 'port', 'keys'],
  udpserver: ['host', 'port', 'keys'],
};
const CLIENT_TYPES = new Set(['client', 'udpclient', 'socks', 'websocks', 'httpproxy']);
const NUMERIC = new Set(['port', 'inport', 'destinationport', 'inbound.length', 'outbound.length', 'inbound.quantity', 'outbound.quantity', 'connecttimeout', 'keepaliveinterval']);

export interface Tunnel {
  name: string;
  line: number;
  values: Record<string, string>;
  lines: Record<string, number>;
}

export interface TunnelProblem {
  /** What kind: a derived fact is named after it (`tunnelsUnknownType`…). */
  kind: 'unreadable' | 'unknown-type' | 'missing-key' | 'bad-number' | 'inline-comment' | 'duplicate-port' | 'host-not-address' | 'shared-keys';
  line: number;
  message: string;
}

export interface ParsedTunnels {
  tunnels: Tunnel[];
  problems: TunnelProblem[];
  /** Each line as written, for evidence. */
  texts: string[];
}

export function parseTunnelsConf(text: string): ParsedTunnels {
  const rows = text.split(/\r\n|\r|\n/);
  const out: ParsedTunnels = { tunnels: [], problems: [], texts: rows };
  let current: Tunnel | undefined;
  const names = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const n = i + 1;
    const line = rows[i].trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      if (end === -1) {
        out.problems.push({ kind: 'unreadable', line: n, message: `unmatched '[' in "${line.slice(0, 60)}": i2pd reads no tunnel from this file` });
        return out;
      }
      const name = line.slice(1, end).trim();
      if (names.has(name)) {
        out.problems.push({ kind: 'unreadable', line: n, message: `section [${name}] appears twice: i2pd reads no tunnel from this file` });
        return out;
      }
      names.add(name);
      current = { name, line: n, values: Object.create(null), lines: Object.create(null) };
      out.tunnels.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) {
      out.problems.push({ kind: 'unreadable', line: n, message: `"${line.slice(0, 60)}" has no '=': i2pd reads no tunnel from this file` });
      return out;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!current) {
      // Boost keeps a key before any section as a section of its own, with no type.
      current = { name: key, line: n, values: Object.create(null), lines: Object.create(null) };
      out.tunnels.push(current);
      out.problems.push({ kind: 'missing-key', line: n, message: `"${key}" stands before any [section]: i2pd takes it for a tunnel with no type` });
      current = undefined;
      continue;
    }
    if (key in current.values) {
      out.problems.push({ kind: 'unreadable', line: n, message: `${key} is set twice in [${current.name}]: i2pd reads no tunnel from this file` });
      return out;
    }
    current.values[key] = value;
    current.lines[key] = n;
    if (/\s[;#]/.test(value)) out.problems.push({ kind: 'inline-comment', line: n, message: `[${current.name}] ${key} = "${value.slice(0, 60)}": a comment after a value is part of the value (only lines that begin with ; or # are comments)` });
  }
  checkTunnels(out);
  return out;
}

function checkTunnels(out: ParsedTunnels): void {
  const ports = new Map<string, Tunnel>();
  // Server tunnels on one keys file are one destination: each needs its own inport, or the
  // destination hands every incoming stream to the tunnel loaded first (issue 1936).
  const byKeys = new Map<string, Tunnel[]>();
  for (const t of out.tunnels) {
    if (Object.keys(t.values).length === 0 && out.problems.some((p) => p.line === t.line)) continue;
    const type = t.values.type;
    if (type === undefined) {
      out.problems.push({ kind: 'missing-key', line: t.line, message: `[${t.name}] has no type: i2pd skips it` });
      continue;
    }
    const required = REQUIRED[type];
    if (!required) {
      out.problems.push({ kind: 'unknown-type', line: t.lines.type, message: `[${t.name}] type = "${type.slice(0, 40)}" is no tunnel type (${Object.keys(REQUIRED).join(', ')}): i2pd skips it` });
      continue;
    }
    for (const k of required) if (t.values[k] === undefined) out.problems.push({ kind: 'missing-key', line: t.line, message: `[${t.name}] (${type}) has no ${k}: i2pd skips it` });
    for (const [k, v] of Object.entries(t.values)) {
      if (NUMERIC.has(k) && !(/^\d+$/.test(v) && (k !== 'port' && k !== 'inport' && k !== 'destinationport' ? true : Number(v) <= 65535))) {
        out.problems.push({ kind: 'bad-number', line: t.lines[k], message: `[${t.name}] ${k} = "${v.slice(0, 40)}" is not a number i2pd accepts: it skips the tunnel` });
      }
    }
    // A server tunnel's host is where i2pd connects to the local service, not an I2P name.
    const host = t.values.host;
    if (host !== undefined && !CLIENT_TYPES.has(type) && /\.i2p$/i.test(host)) {
      out.problems.push({ kind: 'host-not-address', line: t.lines.host, message: `[${t.name}] host = ${host}: a server tunnel's host is the local service's address (127.0.0.1), not an .i2p name` });
    }
    const keys = t.values.keys;
    if (!CLIENT_TYPES.has(type) && keys !== undefined && keys !== 'transient') {
      const same = byKeys.get(keys) ?? [];
      same.push(t);
      byKeys.set(keys, same);
    }
    if (CLIENT_TYPES.has(type) && /^\d+$/.test(t.values.port ?? '')) {
      const at = `${t.values.address ?? '127.0.0.1'}:${t.values.port}`;
      const other = ports.get(at);
      if (other) out.problems.push({ kind: 'duplicate-port', line: t.lines.port, message: `[${t.name}] and [${other.name}] both listen on ${at}: the second cannot start` });
      else ports.set(at, t);
    }
  }
  for (const [keys, same] of byKeys) {
    if (same.length < 2) continue;
    const bare = same.filter((t) => t.values.inport === undefined);
    if (bare.length === 0) continue;
    out.problems.push({ kind: 'shared-keys', line: bare[0].line, message: `[${same.map((t) => t.name).join('], [')}] share ${keys} and [${bare.map((t) => t.name).join('], [')}] set no inport: the destination gives every stream to the tunnel loaded first` });
  }
}

/** The derived fact a kind of problem sets (its first occurrence, with its line as evidence). */
export const TUNNEL_FACT: Record<TunnelProblem['kind'], string> = {
  unreadable: 'tunnelsUnreadable',
  'unknown-type': 'tunnelsUnknownType',
  'missing-key': 'tunnelsMissingKey',
  'bad-number': 'tunnelsBadNumber',
  'inline-comment': 'tunnelsInlineComment',
  'duplicate-port': 'tunnelsDuplicatePort',
  'host-not-address': 'tunnelsHostNotAddress',
  'shared-keys': 'tunnelsSharedKeys',
};
