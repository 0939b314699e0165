// Property tests: whatever text comes in, the line parser and the config parser never throw and
// account for every line. CI runs a few thousand cases; `npm run fuzz` runs a million.
import test from 'ava';
import fc from 'fast-check';
import { parseI2pdConf } from '../../src/facts/config.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';
import { Redactor } from '../../src/redact/redactor.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('07:41:03@905/critical - SSU2: ', '```', '> ', '\x1b[31m', '\r', ' ', '- ', 'Nov 25 14:03:07 desk i2pd[1]: ', '[', '=', '#', '203.0.113.7:12345', '[2001:db8::1]:1', '$ ', 'user@host:~$ ulimit -n', 'floodfill = true', '[ntcp2]', '`', 'NTCP2: ', 'XX:XX:XX:XX@1/error - ', 'daemon.err i2pd[1]: ', 'After a restart it says'),
);
const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join('').replace(/\n/g, ' '));

test('the line parser never throws and accounts for every line', (t) => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
      const st = newSourceStats('fuzz');
      let entries = 0;
      // With a config reader too, and a sink that knows some lines: every path of the reader.
      const p = new LineParser(st, (e) => (entries++, e.message.length % 3 === 0), undefined, () => undefined);
      for (const l of lines) p.push(l);
      p.end();
      const classes = Object.values(st.classes).reduce((a, b) => a + b, 0);
      return st.parsed + st.unparsed + st.oversized === st.lines && st.lines >= lines.length && classes === st.lines;
    }),
    { numRuns: RUNS },
  );
  t.pass();
});

test('the config parser never throws and names a real line for every problem', (t) => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
      const text = lines.join('\n');
      const r = parseI2pdConf(text);
      const total = text.split(/\r\n|\r|\n/).length;
      return r.problems.every((x) => x.line >= 1 && x.line <= total) && Object.getPrototypeOf(r.values) === null;
    }),
    { numRuns: RUNS },
  );
  t.pass();
});

test('redaction never throws and leaves no public address it was given', (t) => {
  fc.assert(
    // Words apart: an address glued to more digits (1.2.3.4:5678901.2…) is not an address.
    fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join(' ')), (l) => {
      const out = new Redactor().redact(l);
      return !out.includes('203.0.113.7') && !out.includes('2001:db8::1');
    }),
    { numRuns: RUNS },
  );
  t.pass();
});

test('redaction is idempotent: its own output redacted again by the same redactor is unchanged', (t) => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 6 }).map((p) => p.join(' ')), (l) => {
      const r = new Redactor();
      const once = r.redact(l);
      return r.redact(once) === once;
    }),
    { numRuns: RUNS },
  );
  t.pass();
});
