// What collect hands over: the items redacted (by default), diagnosed as one case, and written as
// a .tar.gz with a manifest of what is in it, what could not be had and what was redacted. The
// diagnosis reads exactly the bundle's text, so a maintainer who analyses the bundle sees what
// the reporter saw.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { CaseAnalysis } from '../../analyze/case.js';
import type { Knowledge } from '../../knowledge.js';
import { describeRedaction, Redactor, type RedactionCount } from '../../redact/redactor.js';
import { caseReport, type CaseReport } from '../../report/report-model.js';
import type { Collection, Item, NotCollected } from './collect.js';
import { SecretRedactor, type SecretCount } from './secrets.js';

export interface Prepared {
  items: Item[];
  missing: NotCollected[];
  redacted: boolean;
  redaction: RedactionCount[];
  secrets: SecretCount;
}

/** One redactor for the whole bundle: the same address has the same alias in every file. */
export function prepare(c: Collection, redact: boolean): Prepared {
  if (!redact) return { items: c.items, missing: c.missing, redacted: false, redaction: [], secrets: { secrets: 0, hostnames: 0 } };
  const r = new Redactor();
  const s = new SecretRedactor(c.hostname);
  const text = (t: string, config: boolean) => r.redact(config ? s.config(t) : s.text(t));
  const items = c.items.map((i) => ({
    ...i,
    // A path is redacted as the absolute path it stands for, so /home/<user> is seen.
    file: r.redact(s.text(`/${i.file}`)).slice(1),
    from: text(i.from, false),
    text: text(i.text, i.kind === 'i2pd.conf' || i.kind === 'tunnels.conf'),
    note: i.note === undefined ? undefined : text(i.note, false),
  }));
  const missing = c.missing.map((m) => ({ what: m.what, reason: text(m.reason, false) }));
  return { items, missing, redacted: true, redaction: r.summary(), secrets: s.count };
}

/** The items as one case, each read by the reader its text is for. */
export async function diagnose(name: string, p: Prepared, knowledge: Knowledge): Promise<CaseReport> {
  const c = new CaseAnalysis(name, knowledge);
  for (const item of p.items) {
    if (item.kind === 'i2pd.conf' || item.kind === 'tunnels.conf') {
      c.addConfig(item.file, item.text, item.kind);
      continue;
    }
    const parser = c.logSource(item.file, item.kind === 'log' ? 'log' : 'host facts');
    const lines = item.text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) parser.push(line);
    parser.end();
  }
  const report = caseReport(await c.finish());
  if (p.redacted) report.redaction = p.redaction;
  return report;
}

export interface Manifest {
  tool: { name: string; version: string };
  collected: string;
  platform: Collection['platform'];
  options: { since?: string; redacted: boolean; root?: string };
  files: Array<{ file: string; what: string; from: string; bytes: number; lines: number; note?: string }>;
  notCollected: NotCollected[];
  commands: string[];
  redaction: { redacted: boolean; summary: string; replaced: RedactionCount[]; configSecrets: number; hostnames: number; note: string };
}

export function manifestOf(c: Collection, p: Prepared, o: { version: string; since?: string; root: string; now: Date }): Manifest {
  const extra = [p.secrets.secrets ? `${p.secrets.secrets} config secret${p.secrets.secrets === 1 ? '' : 's'}` : '', p.secrets.hostnames ? `the host name (${p.secrets.hostnames} times)` : ''].filter(Boolean);
  const summary = p.redacted ? [describeRedaction(p.redaction), ...extra].filter((x) => x !== 'nothing' || extra.length === 0).join(', ') : 'nothing: collected with --no-redact';
  return {
    tool: { name: 'i2pd-doctor', version: o.version },
    collected: o.now.toISOString(),
    platform: c.platform,
    options: { ...(o.since ? { since: o.since } : {}), redacted: p.redacted, ...(o.root !== '/' ? { root: '(a folder given with --root)' } : {}) },
    files: p.items.map((i) => ({ file: i.file, what: i.what, from: i.from, bytes: Buffer.byteLength(i.text), lines: i.text.split('\n').length - (i.text.endsWith('\n') ? 1 : 0), ...(i.note ? { note: i.note } : {}) })),
    notCollected: p.missing,
    commands: c.commands,
    redaction: {
      redacted: p.redacted,
      summary,
      replaced: p.redaction,
      configSecrets: p.secrets.secrets,
      hostnames: p.secrets.hostnames,
      note: p.redacted
        ? 'Public addresses, ports, router hashes, .b32.i2p addresses, tunnel ids, home-folder user names, config passwords and keys, and the host name are replaced by pseudonyms; the same value has the same pseudonym in every file. Check the files before you share them: a name in free text is not recognised.'
        : 'Nothing was redacted: the files hold the original addresses and secrets. Share them only with people you trust.',
    },
  };
}

/** Writes `files` as <folder>/<path> in a gzipped tar. */
export async function writeBundle(out: string, folder: string, files: Array<{ path: string; text: string }>, mtime: Date): Promise<void> {
  const { default: tar } = await import('tar-stream');
  const pack = tar.pack();
  for (const f of files) {
    // Paths come from the host (and its configs): never let one climb out of the folder.
    const safe = f.path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..').join('/');
    pack.entry({ name: `${folder}/${safe}`, mode: 0o644, mtime }, Buffer.from(f.text, 'utf8'));
  }
  pack.finalize();
  await pipeline(pack, createGzip(), createWriteStream(out, { flags: 'wx' }));
}
