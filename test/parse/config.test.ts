import test from 'ava';
import { parseI2pdConf, sniffConfig } from '../../src/parse/config.js';

test('sections prefix keys, # comments anywhere, booleans in all forms', (t) => {
  const c = parseI2pdConf('# comment\nfloodfill = yes  # inline\nbandwidth = X\n[ssu2]\nenabled = off\n[limits]\nopenfiles = 8192\n');
  t.deepEqual({ ...c.values }, { floodfill: true, bandwidth: 'X', 'ssu2.enabled': false, 'limits.openfiles': 8192 });
  t.deepEqual(c.problems, []);
});

test('garbage, bad values, duplicates and unknown options are reported by line, not thrown', (t) => {
  const c = parseI2pdConf('floodfill = maybe\nthis is not config\n[ssu2\nport = abc\nport = 1\nfoo = bar\n__proto__ = 1\n');
  t.deepEqual(c.problems.map((p) => p.line), [1, 2, 3, 4, 5, 7]);
  t.deepEqual(c.unknownOptions, ['foo']);
  t.is(({} as Record<string, unknown>).polluted, undefined);
});

test('configs are recognised by content', (t) => {
  t.is(sniffConfig('log = file\nloglevel = info\n[http]\nport = 7070\n'), 'i2pd.conf');
  t.is(sniffConfig('[my-site]\ntype = server\nhost = 127.0.0.1\nport = 8080\nkeys = site.dat\n'), 'tunnels.conf');
  t.is(sniffConfig('19:16:14@423/info - Daemon: Starting NetDB\n'), undefined);
});

test('a pasted issue holding log lines and an ini block is a log, not a config', (t) => {
  const paste = '**Log**\n```\n> 19:16:14@423/info - Daemon: Starting NetDB\n```\n**Config**\n```\nfloodfill = true\nbandwidth = X\n```\n';
  t.is(sniffConfig(paste), undefined);
});

test('a paste with prose or fences around a config is a paste, not a config file', (t) => {
  t.is(sniffConfig('The console says host mismatch.\n\ni2pd.conf:\n```\nbandwidth = O\n[http]\naddress = 0.0.0.0\nport = 7070\n```\n'), undefined);
  t.is(sniffConfig('My settings are below, I changed two of them.\nipv6 = false\nfloodfill = true\nAny idea why?\nIt worked on 2.40.\n'), undefined);
  t.is(sniffConfig('## i2pd.conf\nipv6 = false\nfloodfill = true\n...\n[http]\nport = 7070\n'), 'i2pd.conf', 'one stray line in a real config is tolerated');
});
