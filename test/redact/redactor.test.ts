import test from 'ava';
import { describeRedaction, isIPv6, Redactor } from '../../src/redact/redactor.js';

test('public addresses get consistent pseudonyms; ports next to them too', (t) => {
  const r = new Redactor();
  const a = r.redact('SSU2: peer 203.0.113.7:23456 connected, then 203.0.113.7:23456 again, 198.51.100.2:23456');
  t.is(a, 'SSU2: peer 198.18.0.1:60001 connected, then 198.18.0.1:60001 again, 198.18.0.2:60001');
  t.is(r.redact('from 203.0.113.7.'), 'from 198.18.0.1.');
});

test('loopback, private and unspecified addresses and service ports are kept', (t) => {
  const r = new Redactor();
  const line = 'Starting HTTP Proxy at 127.0.0.1:4444, webconsole 192.168.1.10:7070, bind 0.0.0.0:80 and [::1]:7656 fe80::1';
  t.is(r.redact(line), line);
  t.deepEqual(r.summary(), []);
});

test('IPv6 in brackets with a port, bare, compressed and v4-mapped', (t) => {
  const r = new Redactor();
  t.is(r.redact('at [2001:db8::5]:23456 and 2001:DB8::5, 2001:db8:0:0:1:0:0:1 ::ffff:203.0.113.7'), 'at [100::1]:60001 and 100::1, 100::2 100::3');
  t.is(r.redact('Yggdrasil 202:1234::5'), 'Yggdrasil 200:db8::4', 'a meshnet address stays in 200::/7');
});

test('times, MAC addresses and versions are not IPv6 or IPv4 addresses', (t) => {
  const r = new Redactor();
  const line = '14:03:07@423/info - i2pd v2.58.0 (0.9.67) starting; aa:bb:cc:dd:ee:ff; 1.2.3';
  t.is(r.redact(line), line);
  t.false(isIPv6('14:03:07'));
  t.true(isIPv6('::'));
  t.false(isIPv6('1::2::3'));
});

test('router hashes keep their shape, also inside file names', (t) => {
  const r = new Redactor();
  const h = 'LqXo5n2pKc3m8YbH0f7dVwRz1sTu9iAeGjBk4NhM6Q0=';
  const out = r.redact(`Can't open file /var/lib/i2pd/netDb/rL/routerInfo-${h}.dat; router ${h}`);
  t.is(out, `Can't open file /var/lib/i2pd/netDb/rL/routerInfo-router1${'~'.repeat(36)}=.dat; router router1${'~'.repeat(36)}=`);
  t.is(r.redact(out), out, 'redacting twice changes nothing more');
});

test('long base64 identities, .b32.i2p addresses, tunnel ids and home paths', (t) => {
  const r = new Redactor();
  const dest = 'Ab3~'.repeat(100) + 'AAAA';
  const b32 = 'xyz2345abcdefghijklmnopqrstuvwxyz2345abcdefghijklmnopq';
  const out = r.redact(`dest ${dest} at ${b32}.b32.i2p; Tunnel: tunnel with id 2749127365 failed, tunnel 2749127365; /home/alice/.i2pd and C:\\Users\\Bob\\AppData /Users/carol/x`);
  t.false(out.includes(dest));
  t.false(out.includes(b32));
  t.regex(out, /dest identity1~+ at site[a-z2-7]+\.b32\.i2p/);
  t.regex(out, /tunnel with id 1001 failed, tunnel 1001;/);
  t.regex(out, /\/home\/user1\/\.i2pd and C:\\Users\\user2\\AppData \/Users\/user3\/x/);
  t.is(describeRedaction(r.summary()), '1 base64 identity, 1 .b32.i2p address, 1 tunnel id (2 times), 3 home-directory user names');
});

test('the word "port" next to a number: the router\'s own port', (t) => {
  const r = new Redactor();
  t.is(r.redact('NTCP2: Start listening v4 TCP port 24567; SSU2 on 0.0.0.0:24567; port = 80'), 'NTCP2: Start listening v4 TCP port 60001; SSU2 on 0.0.0.0:60001; port = 80');
});

test('each report has its own pseudonyms', (t) => {
  t.is(new Redactor().redact('203.0.113.9'), new Redactor().redact('198.51.100.9'));
});

test('a repeat of redacted text gets the same aliases and is not counted again', (t) => {
  const r = new Redactor();
  const line = '14:03:08@423/warn - SSU2: Peer 203.0.113.7:23456 and 203.0.113.8';
  const out = r.redact(line);
  t.is(r.redactRepeat('Peer 203.0.113.7:23456 and 203.0.113.8'), out.slice(out.indexOf('Peer')));
  t.is(describeRedaction(r.summary()), '2 IPv4 addresses, 1 port');
  r.redactRepeat('and a value first met here: 198.51.100.4');
  t.is(describeRedaction(r.summary()), '3 IPv4 addresses, 1 port', 'a new value in a repeat is one occurrence');
});

test('redacting its own output again changes nothing and counts nothing', (t) => {
  const r = new Redactor();
  const b32 = 'xyz2345abcdefghijklmnopqrstuvwxyz2345abcdefghijklmnopq';
  const once = r.redact(`203.0.113.7:23456 [2001:db8::5]:23457 Yggdrasil 202:1234::5 tunnel 2749127365 ${b32}.b32.i2p /home/alice`);
  const before = describeRedaction(r.summary());
  t.is(r.redact(once), once);
  t.is(describeRedaction(r.summary()), before);
});

test('text redacted before is left as it is by a fresh redactor: its aliases are recognised', (t) => {
  const once = new Redactor().redact('SSU2: 203.0.113.9:23456 via 302:1234:5678::1 (for 202:aa::5), site ukeyrzqwcq2lpbwgvrfvrxzn7lpkxo2xwr4jnidxu5cwjvhwkavq.b32.i2p');
  t.is(once, 'SSU2: 198.18.0.1:60001 via 300:db8::1 (for 200:db8::2), site sitexaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b32.i2p', 'a Yggdrasil subnet (3xx) stays a subnet');
  const again = new Redactor();
  again.redact(once);
  t.deepEqual(again.summary().filter((c) => c.kind !== 'port' && c.values > 0), []);
});

test('what names no host is kept: ports of local services, reserved ::/8, a bare prefix', (t) => {
  const r = new Redactor();
  t.is(r.redact('proxy on 127.0.0.1:3333 and 192.168.1.1:1931; curl (::1:6668); subnet 300::/64'), 'proxy on 127.0.0.1:3333 and 192.168.1.1:1931; curl (::1:6668); subnet 300::/64');
  t.is(r.redact('SSU2 bound on 0.0.0.0:24567'), 'SSU2 bound on 0.0.0.0:60001', "the router's own port is still redacted");
});
