// i2pd.conf as i2pd reads it (Boost program_options' config file parser): `key = value`, `[section]`
// prefixes the keys below it with `section.`, `#` starts a comment anywhere on a line, booleans may
// be true/false, yes/no, on/off, 1/0. Garbage is reported by line, never thrown.
import type { ConfigValue } from '../model.js';
import { OPTIONS } from './config-options.js';

export interface ConfigProblem {
  line: number;
  message: string;
}

export interface ParsedConfig {
  values: Record<string, ConfigValue>;
  lines: Record<string, number>;
  /** Each option's line as written (for evidence). */
  texts: Record<string, string>;
  problems: ConfigProblem[];
  unknownOptions: string[];
}

const BOOL: Record<string, boolean> = { true: true, yes: true, on: true, '1': true, false: false, no: false, off: false, '0': false };

export function parseBool(v: string): boolean | undefined {
  return BOOL[v.trim().toLowerCase()];
}

export function parseI2pdConf(text: string): ParsedConfig {
  const out: ParsedConfig = { values: Object.create(null), lines: Object.create(null), texts: Object.create(null), problems: [], unknownOptions: [] };
  let section = '';
  const rows = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < rows.length; i++) {
    const n = i + 1;
    const hash = rows[i].indexOf('#');
    const line = (hash === -1 ? rows[i] : rows[i].slice(0, hash)).trim();
    if (line === '') continue;
    if (line.startsWith('[')) {
      const m = /^\[\s*([A-Za-z0-9_.-]+)\s*\]$/.exec(line);
      if (m) section = m[1].toLowerCase();
      else out.problems.push({ line: n, message: `malformed section header "${line.slice(0, 60)}"` });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      out.problems.push({ line: n, message: `not a "key = value" line: "${line.slice(0, 60)}"` });
      continue;
    }
    const key = line.slice(0, eq).trim().toLowerCase();
    const raw = line.slice(eq + 1).trim();
    const name = section ? `${section}.${key}` : key;
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') {
      out.problems.push({ line: n, message: `refusing option name "${name}"` });
      continue;
    }
    const opt = OPTIONS[name];
    if (!opt) out.unknownOptions.push(name);
    let value: ConfigValue = raw;
    if (opt?.[0] === 'b') {
      const b = parseBool(raw);
      if (b === undefined) out.problems.push({ line: n, message: `${name} = "${raw.slice(0, 40)}" is not a boolean (true/false)` });
      else value = b;
    } else if (opt?.[0] === 'n') {
      if (/^-?\d+$/.test(raw)) value = Number(raw);
      else out.problems.push({ line: n, message: `${name} = "${raw.slice(0, 40)}" is not a number` });
    }
    if (name in out.values) out.problems.push({ line: n, message: `${name} is set twice (i2pd refuses duplicated options)` });
    out.values[name] = value;
    out.lines[name] = n;
    out.texts[name] = rows[i].trim();
  }
  return out;
}

// A tunnel's type, with whatever a reporter left after it (`type = client ; mandatory` is read by
// i2pd as an unknown type, and is still a tunnels.conf).
const TUNNEL_TYPE = /^\s*type\s*=\s*(client|server|http|irc|udpclient|udpserver|socks|httpbidir)\b/im;
const SECTION = /^\s*\[[^\]\n]+\]\s*$/m;
/** `...`, `[...]`: a line where the reporter left some out. */
export const ELISION = /^(?:\.{3,}|…|\[\.{3}\]|\[…\])$/;
/** A line of an INI file: a section, an option, or a comment. */
export const CONFIG_SHAPE = /^(?:\[[^\]]+\]|[A-Za-z0-9_.-]+\s*=|[#;])/;

/**
 * Recognises i2pd.conf and tunnels.conf by their content, whatever the file is called. One known
 * option is enough when every line is config-shaped, unless the caller asks for more (`minOptions`:
 * text that only may be a config, such as lines between prose).
 */
export function sniffConfig(head: string, minOptions = 1): 'i2pd.conf' | 'tunnels.conf' | undefined {
  if (head.indexOf('\0') !== -1) return undefined;
  const rows = head.split(/\r?\n/, 200);
  let logLike = 0;
  let known = 0;
  // A config file holds options, sections, comments and blank lines only; a paste that also holds
  // prose or code fences is read as a paste, whose fenced or unfenced config blocks are found there.
  let other = 0;
  let shaped = 0;
  for (const r of rows) {
    const t = r.trim();
    // `...` and `[...]`: the reporter left lines out; they say nothing of what the text is.
    if (t !== '' && !ELISION.test(t)) {
      if (t.startsWith('```') || t.startsWith('~~~')) return undefined;
      if (CONFIG_SHAPE.test(t)) shaped++;
      else other++;
    }
    // Log lines anywhere in the text (behind quotes, indents, syslog prefixes) make it a log.
    if (/\d{2}:\d{2}:\d{2}@\d{1,3}\/|\]@\d{1,3}\/|\b(?:none|critical|error|warn|info|debug) - [A-Z]/.test(r)) logLike++;
    const m = /^\s*([A-Za-z0-9_.]+)\s*=/.exec(r);
    if (m && OPTIONS[m[1].toLowerCase()]) known++;
  }
  if (logLike > 0 || other > Math.max(1, shaped / 10)) return undefined;
  if (SECTION.test(head) && TUNNEL_TYPE.test(head) && /^\s*(destination|port|host|keys)\s*=/im.test(head)) return 'tunnels.conf';
  if (known >= 2 || (known >= minOptions && other === 0) || /^\s*\[(ssu2|ntcp2|http|httpproxy|socksproxy|sam|reseed|limits|upnp|precomputation|addressbook|nettime|meshnets|i2pcontrol|trust|exploratory|persist|cpuext|unix)\]\s*$/im.test(head)) return 'i2pd.conf';
  return undefined;
}
