import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from '../helpers/cli.js';

const LOG = [
  '14:03:07@423/info - Log: Sending messages to /home/alice/.i2pd/i2pd.log',
  '14:03:08@423/warn - SSU2: Peer 203.0.113.7:23456 sent wrong token, router LqXo5n2pKc3m8YbH0f7dVwRz1sTu9iAeGjBk4NhM6Q0=',
  '14:03:09@423/warn - Tunnels: Test of tunnel 2749127365 failed, peer 203.0.113.7',
].join('\n') + '\n';

test('redact prints the log with pseudonyms and the summary on stderr', (t) => {
  const r = cli(['redact'], LOG);
  t.is(r.code, 0);
  t.is(r.stdout, [
    '14:03:07@423/info - Log: Sending messages to /home/user1/.i2pd/i2pd.log',
    `14:03:08@423/warn - SSU2: Peer 198.18.0.1:60001 sent wrong token, router r1${'~'.repeat(41)}=`,
    '14:03:09@423/warn - Tunnels: Test of tunnel 1001 failed, peer 198.18.0.1',
    '',
  ].join('\n'));
  t.regex(r.stderr, /redacted 1 IPv4 address \(2 times\), 1 port, 1 router hash, 1 tunnel id, 1 home-directory user name in 3 lines/);
});

test('redact replaces the abbreviated hashes i2pd prints with the alias of the full hash', (t) => {
  const h = 'LqXo5n2pKc3m8YbH0f7dVwRz1sTu9iAeGjBk4NhM6Q0=';
  const r = cli(['redact'], [
    `14:03:08@423/debug - NetDb: RouterInfo ${h} is older than 1 hour; /var/lib/i2pd/netDb/rL/routerInfo-${h}.dat`,
    '14:03:09@423/debug - SSU2: Connecting to 203.0.113.7:23456 (LqXo)',
    '14:03:10@423/debug - NTCP2: Session with 203.0.113.8:23457 (Qx1-) terminated',
    '',
  ].join('\n'));
  t.is(r.code, 0);
  t.notRegex(r.stdout, /LqXo|Qx1-|\/rL\//);
  const alias = /RouterInfo (\S+) is older/.exec(r.stdout)![1];
  t.regex(r.stdout, new RegExp(`\\(${alias.slice(0, 4).replace(/~/g, '~')}\\)\\n`));
  t.regex(r.stderr, /1 router hash \(2 times\), 2 abbreviated router hashes/);
});

test('redact reads gzip and several files, naming each, and reports an unreadable one', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'redact-'));
  writeFileSync(join(dir, 'a.log.gz'), gzipSync(LOG));
  const r = cli(['redact', join(dir, 'a.log.gz'), join(dir, 'missing.log'), join(dir, 'a.log.gz')]);
  t.is(r.code, 2);
  t.regex(r.stderr, /missing\.log: no such file/);
  t.is(r.stdout.match(/==> .*a\.log\.gz <==/g)?.length, 2);
  t.is(r.stdout.match(/198\.18\.0\.1:60001/g)?.length, 2, 'the same address gets the same alias in both files');
  t.notRegex(r.stdout, /203\.0\.113|alice|2749127365|LqXo5n/);
});

test('markdown output is redacted by default; --no-redact keeps the originals', (t) => {
  const md = cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--format', 'markdown']);
  t.notRegex(md.stdout, /203\.0\.113|198\.51\.100|192\.0\.2\./);
  t.regex(md.stdout, /redacted: /);
  t.regex(md.stderr, /redacted .*--no-redact keeps them/);
  const plain = cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--format', 'markdown', '--no-redact']);
  t.notRegex(plain.stdout, /redacted: /);
  const titles = (s: string) => s.match(/^#### .*$/gm);
  t.truthy(titles(md.stdout));
  t.deepEqual(titles(md.stdout), titles(plain.stdout), 'same findings either way');
});

test('analyze --redact redacts the text and JSON reports and lists what it replaced', (t) => {
  const j = JSON.parse(cli(['analyze', '--redact', '--format', 'json'], LOG).stdout);
  t.deepEqual(j.cases[0].redaction.map((x: { kind: string }) => x.kind).sort(), ['home', 'ipv4', 'port', 'router-hash', 'tunnel-id']);
  t.notRegex(JSON.stringify(j), /203\.0\.113|alice|2749127365|LqXo5n/);
  const text = cli(['analyze', '--redact'], LOG);
  // Each value counted once per place it appears in the log, as the redact command counts them.
  t.regex(text.stdout, /redacted: 1 IPv4 address \(2 times\), 1 port, 1 router hash, 1 tunnel id, 1 home-directory user name\b/);
  t.deepEqual(j.cases[0].redaction.find((x: { kind: string }) => x.kind === 'ipv4'), { kind: 'ipv4', values: 1, occurrences: 2 });
  t.notRegex(cli(['analyze', '--format', 'json'], LOG).stdout, /"redaction"/, 'JSON is not redacted unless asked');
});
