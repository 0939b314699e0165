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
