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
  t.is(out, `Can't open file /var/lib/i2pd/netDb/rr/routerInfo-r1${'~'.repeat(41)}=.dat; router r1${'~'.repeat(41)}=`);
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

// i2pd prints a router's ident hash abbreviated to its first 4 base64 characters
// (GetIdentHashAbbreviation in libi2pd/Identity.h) in these messages, from its 2.40.0 to 2.58.0
// sources and the web console; each is written from its LogPrint.
const ABBREVIATED = [
  ['SSU2: Connecting to 203.0.113.7:23456 (AbC~)', 'libi2pd/SSU2Session.cpp'],
  ['NTCP2: Connected to 203.0.113.7:23456 (AbC~)', 'libi2pd/NTCP2.cpp'],
  ['NTCP2: SessionConfirmed from 203.0.113.7:23456 (AbC~)', 'libi2pd/NTCP2.cpp'],
  ['NTCP2: Session with 203.0.113.7:23456 (AbC~) terminated', 'libi2pd/NTCP2.cpp'],
  ['SSU2: Session with [2001:db8::5]:23456 (AbC~) established', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: Wrong static key in SessionConfirmed from AbC~', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: No SSU2 address with static key found in SessionConfirmed from AbC~', 'libi2pd/SSU2Session.cpp 2.45.0'],
  ['SSU2: Host mismatch between published address 203.0.113.9 and actual endpoint 198.51.100.3 from AbC~', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: Peer test 4 error code 66 from AbC~', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: Peer test 4 received from AbC~ with information about AbC~', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: PeerTest msg=1 sent to AbC~', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: Outgoing messages queue to AbC~ is semi-full (size = 12, lag = 3, rtt = 120)', 'libi2pd/SSU2Session.cpp'],
  ['SSU2: Introducer added 2749127365 at AbC~', 'libi2pd/SSU2.cpp'],
  ['Router: Publishing our RouterInfo to AbC~. reply token=12345', 'libi2pd/RouterContext.cpp'],
  ['RouterInfo: Buffer for AbC~ loaded from file', 'libi2pd/RouterInfo.cpp'],
  ['SSU: Router AbC~ doesn\'t have SSU address', 'libi2pd/SSU.cpp 2.40.0'],
  ['SSU: Creating new session to [AbC~] 203.0.113.7:23456', 'libi2pd/SSU.cpp 2.40.0'],
  ['⇒ AbC~: 203.0.113.7:23456 [1234:5678]', 'web console: transports (daemon/HTTPServer.cpp)'],
  ['AbC~: [2001:db8::5]:23456 ⇒ [1234:5678]', 'web console: transports, IPv6'],
  ['2749127365 ⇒ 1.2 MiB AbC~-NTCP2V4', 'web console: transit tunnels, next peer (libi2pd/TransitTunnel.cpp)'],
  ['1234567:me ⇒ AbC~ X ⇒ AbC~ ⇒', 'web console: tunnel hops (ShowHop)'],
];

test('abbreviated router hashes are redacted where i2pd prints them', (t) => {
  for (const [line, where] of ABBREVIATED) {
    const r = new Redactor();
    const out = r.redact(line);
    t.false(out.includes('AbC~'), `${where}: ${out}`);
    t.regex(out, /r1~~/, where);
    t.is(r.redact(out), out, `${where}: redacting twice changes nothing more`);
    t.is(new Redactor().redact(out), out, `${where}: its own output is left alone`);
  }
});

test('an abbreviation of a known hash is the first 4 characters of that hash\'s alias, in either order', (t) => {
  const h1 = 'LqXo5n2pKc3m8YbH0f7dVwRz1sTu9iAeGjBk4NhM6Q0=';
  const h2 = 'Zy9~8xWv7uTs6rQp5oNm4lKj3iHg2fEd1cBa0ZyXwVu=';
  const r = new Redactor();
  const full = r.redact(`NetDb: RouterInfo ${h1} and ${h2}`).split(' ');
  const [a1, a2] = [full[2], full[4]];
  t.not(a1.slice(0, 4), a2.slice(0, 4), 'two routers keep two abbreviations');
  t.is(r.redact('SSU2: Connecting to 203.0.113.7:23456 (LqXo)'), `SSU2: Connecting to 198.18.0.1:60001 (${a1.slice(0, 4)})`);
  t.is(r.redact('SSU2: PeerTest msg=1 sent to Zy9~'), `SSU2: PeerTest msg=1 sent to ${a2.slice(0, 4)}`);
  // Met first as an abbreviation, the full hash later gets the alias the abbreviation began.
  const s = new Redactor();
  const abbr = s.redact('SSU2: Peer test 4 error code 66 from LqXo').split(' ').pop()!;
  t.is(s.redact(h1).slice(0, 4), abbr);
  t.is(describeRedaction(s.summary()), '1 router hash, 1 abbreviated router hash');
});

test('the folder letter beside a profile or routerInfo file is the first character of the redacted hash', (t) => {
  const h = 'LqXo5n2pKc3m8YbH0f7dVwRz1sTu9iAeGjBk4NhM6Q0=';
  const r = new Redactor();
  const out = r.redact(`Profiling: Can't open /var/lib/i2pd/peerProfiles/pL/profile-${h}.txt; NetDb: /var/lib/i2pd/netDb/rL/routerInfo-${h}.dat`);
  const alias = r.redact(h);
  t.is(out, `Profiling: Can't open /var/lib/i2pd/peerProfiles/p${alias[0]}/profile-${alias}.txt; NetDb: /var/lib/i2pd/netDb/r${alias[0]}/routerInfo-${alias}.dat`);
  t.false(/[/\\][pr]L[/\\]/.test(out), 'the letter would narrow down the hash');
});

test('four letters elsewhere are words, not abbreviations', (t) => {
  const lines = [
    'Tunnels: Test of tunnel 12345678 failed from home',
    'NTCP2: Connect error to 203.0.113.7:23456 (Connection refused)',
    'HTTPServer: Strange request from test with information about none',
    'Addressbook: Loaded 1234 hosts, sent to http',
    'Transports: tcp (v4) and udp (v6) with mesh-NTCP2 off',
  ];
  const r = new Redactor();
  for (const l of lines) t.is(r.redact(l).replace(/198\.18\.0\.1:60001/, '203.0.113.7:23456').replace('1001', '12345678'), l);
});
