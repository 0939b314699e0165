// tunnels.conf as i2pd reads it (Boost's INI reader, then ClientContext::ReadTunnels).
import test from 'ava';
import { parseTunnelsConf } from '../../src/parse/tunnels.js';
import { cli } from '../helpers/cli.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kinds = (text: string) => parseTunnelsConf(text).problems.map((p) => [p.kind, p.line]);

test('a well-formed file reads every tunnel and has no problem', (t) => {
  const r = parseTunnelsConf('# my tunnels\n[irc]\ntype = client\nport = 6668\ndestination = irc.ilita.i2p\n\n[site]\ntype = http\nhost = 127.0.0.1\nport = 8080\nkeys = site.dat\n');
  t.deepEqual(r.tunnels.map((x) => [x.name, x.values.type, x.line]), [['irc', 'client', 2], ['site', 'http', 7]]);
  t.deepEqual(r.problems, []);
});

test('what makes Boost reject the whole file: no tunnel of it starts', (t) => {
  t.deepEqual(kinds('[a\ntype = client\n'), [['unreadable', 1]]);
  t.deepEqual(kinds('[a]\ntype client\n'), [['unreadable', 2]]);
  t.deepEqual(kinds('[a]\ntype = client\ntype = server\n'), [['unreadable', 3]]);
  t.deepEqual(kinds('[a]\ntype = socks\nport = 1\n[a]\ntype = socks\n'), [['unreadable', 4]]);
});

test('what makes i2pd skip one tunnel: no type, an unknown type, a missing key, a number that is none', (t) => {
  t.deepEqual(kinds('[a]\nport = 1\n'), [['missing-key', 1]]);
  t.deepEqual(kinds('[a]\ntype = clinet\nport = 1\n'), [['unknown-type', 2]]);
  t.deepEqual(kinds('[a]\ntype = server\nport = 80\nkeys = a.dat\n'), [['missing-key', 1]], 'a server tunnel needs its host');
  t.deepEqual(kinds('[a]\ntype = client\nport = 70000\ndestination = x.i2p\n'), [['bad-number', 3]]);
  t.deepEqual(kinds('port = 1\n[a]\ntype = socks\nport = 2\n'), [['missing-key', 1]], 'a key before any section');
});

test('a comment after a value is part of it; two client tunnels on one port; an .i2p host for a server tunnel', (t) => {
  t.deepEqual(kinds('[a]\ntype = client ; mandatory\nport = 6668\ndestination = x.i2p\n'), [['inline-comment', 2], ['unknown-type', 2]]);
  t.deepEqual(kinds('[a]\ntype = client\nport = 6668\ndestination = x.i2p\n[b]\ntype = socks\nport = 6668\n'), [['duplicate-port', 7]]);
  t.deepEqual(kinds('[a]\ntype = client\naddress = 127.0.0.2\nport = 6668\ndestination = x.i2p\n[b]\ntype = socks\nport = 6668\n'), [], 'another address, another socket');
  t.deepEqual(kinds('[w]\ntype = http\nhost = website.i2p\nport = 80\nkeys = w.dat\n'), [['host-not-address', 3]]);
  const shared = '[a]\ntype = server\nhost = 127.0.0.1\nport = 443\nkeys = s.dat\n[b]\ntype = http\nhost = 127.0.0.1\nport = 80\nkeys = s.dat\n';
  t.deepEqual(kinds(shared), [['shared-keys', 1]], 'server tunnels on one keys file, no inport');
  t.deepEqual(kinds(shared.replace('port = 443\n', 'port = 443\ninport = 443\n').replace('port = 80\n', 'port = 80\ninport = 80\n')), []);
});

test('a tunnels.d file is read the same way: the finding names its file and line', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tunnels-'));
  const file = join(dir, 'tunnels.d', 'site.conf');
  mkdirSync(join(dir, 'tunnels.d'));
  writeFileSync(file, '[site]\ntype = server\nport = 8080\nkeys = site.dat\n');
  const r = cli(['analyze', file, '--format', 'json']);
  const c = (JSON.parse(r.stdout) as { cases: Array<{ sources: Array<{ kind: string; warnings: string[] }>; diagnoses: Array<{ rule: string; evidence: Array<{ source: string; line: number }> }> }> }).cases[0];
  t.is(c.sources[0].kind, 'tunnels.conf');
  t.regex(c.sources[0].warnings.join('\n'), /line 1: \[site\] \(server\) has no host/);
  const d = c.diagnoses.find((x) => x.rule === 'tunnel-config-invalid');
  t.truthy(d, r.stdout.slice(0, 300));
  t.deepEqual(d!.evidence.map((e) => [e.source.endsWith('site.conf'), e.line]), [[true, 1]]);
});
