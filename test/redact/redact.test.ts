import test from 'ava';
import { redactDeep, Redactor } from '../../src/redact/redact.js';

test('addresses, identities and user names get consistent aliases', (t) => {
  const r = new Redactor();
  const out = r.redact(
    [
      'NTCP2: connect to 198.51.100.7:12345 and [2001:db8::1]:4567, again 198.51.100.7',
      'router ABCdefGHIjklMNOpqrSTUvwxYZ0123456789~-abcdEF= dest ukeu3k5oycgaauneqgtnvselmt4yemvoilkln7jpvamvfx7dnkdq.b32.i2p',
      'reading /home/alice/.i2pd/i2pd.conf',
    ].join('\n'),
  );
  t.is(
    out,
    [
      'NTCP2: connect to [ipv4-1]:12345 and [[ipv6-1]]:4567, again [ipv4-1]',
      'router [identity-1] dest [b32-1].b32.i2p',
      'reading /home/[user-1]/.i2pd/i2pd.conf',
    ].join('\n'),
  );
  t.is(r.summary(), '1 IPv4 address, 1 IPv6 address, 1 .b32.i2p address, 1 router hash or identity, 1 user name in a path');
});

test('times, versions, wildcard addresses, sysctl values and source paths are left alone', (t) => {
  const r = new Redactor();
  const line =
    "07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available [system:55 at /usr/local/include/boost/asio/detail/reactive_socket_service.hpp:174:33] on ::: i2pd v2.54.0 (0.9.64) 127.0.0.1 kern.ipc.maxsockbuf=6553500 https://github.com/PurpleI2P/i2pd/blob/openssl/libi2pd/SSU2.cpp";
  t.is(r.redact(line), line);
  t.is(r.summary(), '');
});

test('redactDeep redacts every string of a structure and keeps its keys', (t) => {
  const r = new Redactor();
  t.deepEqual(redactDeep({ '203.0.113.9': ['from 203.0.113.9'], n: 3 }, r), { '203.0.113.9': ['from [ipv4-1]'], n: 3 });
});
