import test from 'ava';
import { fixForOs } from '../../src/kb/os-filter.js';

const FIX = 'Intro for all.\n\n### FreeBSD\n\nsysctl a\n\n### Linux\n\nsysctl b\n\n### Any system: lower bandwidth\n\nbandwidth = P\n';

test('a known OS keeps its own fix and the general ones', (t) => {
  const r = fixForOs(FIX, 'bsd');
  t.regex(r.md, /sysctl a/);
  t.regex(r.md, /bandwidth = P/);
  t.regex(r.md, /Intro for all/);
  t.notRegex(r.md, /sysctl b/);
  t.deepEqual(r.omitted, ['Linux']);
});

test('an unknown OS keeps everything', (t) => {
  t.is(fixForOs(FIX, undefined).md, FIX);
});

test("a platform's own fix comes first, then its family's, then the general ones; other systems are named", (t) => {
  const fix = 'Intro.\n\n### Linux\n\nsysctl -w x\n\n### FreeBSD\n\nsysctl y\n\n### Any system\n\nbandwidth = P\n\n### OpenWrt\n\nuci set z\n';
  const r = fixForOs(fix, 'openwrt');
  t.true(r.md.indexOf('uci set z') < r.md.indexOf('sysctl -w x'), r.md);
  t.true(r.md.indexOf('sysctl -w x') < r.md.indexOf('bandwidth = P'));
  t.true(r.md.startsWith('Intro.'));
  t.deepEqual(r.omitted, ['FreeBSD']);
  t.deepEqual(fixForOs(fix, 'freebsd').omitted, ['Linux', 'OpenWrt']);
  t.deepEqual(fixForOs(fix, 'android').omitted, ['Linux', 'FreeBSD', 'OpenWrt'], 'Android keeps only what applies everywhere');
});
