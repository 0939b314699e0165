// Property tests: whatever text comes in, the line parser and the config parser never throw and
// account for every line; names, separators and encodings are read and shown alike whatever they hold. CI runs a few thousand cases; `npm run fuzz` runs a million.
import test from 'ava';
import fc from 'fast-check';
import { parseI2pdConf } from '../../src/parse/config.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';
import { Redactor } from '../../src/redact/redactor.js';
import { Readable } from 'node:stream';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { LineSplitter } from '../../src/read/line-splitter.js';
import { webText } from '../../src/read/bytes.js';
import { bufferText } from '../../src/node/read/buffer-text.js';
import { readSource } from '../../src/node/read/sources.js';
import { labelOfBytes, sourceLabel, terminalSafe } from '../../src/report/safe-text.js';
import { knowledge } from '../helpers/knowledge.js';

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
      // With a config reader too, and a sink that knows some lines: every path of the reader.
      const p = new LineParser(st, (e) => e.message.length % 3 === 0, undefined, () => undefined);
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

// Names: whatever characters a file or member name holds, what reaches a report is one line of
// visible text; a name without control characters is shown as it is.
test('a source name of any characters is shown as one line without control characters', (t) => {
  const ch = fc.oneof(fc.constantFrom('\n', '\r', '\t', '\x1b', '\x07', '\x9b', '\x9d', '\x85', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff', '\\', 'x', '/', '!', ' ', 'é'), fc.string({ unit: 'binary', maxLength: 3 }));
  const name = fc.array(ch, { maxLength: 12 }).map((p) => p.join(''));
  const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  fc.assert(
    fc.property(name, (a) => {
      const l = sourceLabel(a);
      return !CONTROL.test(l) && terminalSafe(l) === l && sourceLabel(l) === l && (CONTROL.test(a) || l === a);
    }),
    { numRuns: RUNS },
  );
  t.pass();
});

test('a name as bytes (Latin-1, broken UTF-8) is shown as one line, its UTF-8 as text and other bytes as \\xNN', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
      const l = labelOfBytes(b);
      const utf8 = Buffer.from(b).toString('utf8');
      const valid = Buffer.from(utf8).equals(Buffer.from(b));
      return !/[\x00-\x1f\x7f-\x9f\ufffd]/.test(l) || (valid && utf8.includes('\ufffd'));
    }),
    { numRuns: RUNS },
  );
  t.is(labelOfBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6c, 0x6f, 0x67])), 'caf\\xe9.log');
  t.is(labelOfBytes(Buffer.from('café\n.log')), 'café\\n.log');
});

// Separators: LF, CRLF, a lone CR end lines; U+2028, U+2029 and NEL do not. The one byte
// splitter cuts the same text into the same lines as the CLI reads it (Buffers, Node's decoding)
// and as the page does (plain Uint8Array, the web platform's), whatever piece boundaries the bytes
// arrive in.
test('the CLI and page splitters agree on every mix of separators and chunk boundaries', (t) => {
  const sep = fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', ' ', 'x', 'é', '07:41:03@905/error - SSU2: ');
  const text = fc.array(sep, { maxLength: 40 }).map((p) => p.join(''));
  fc.assert(
    fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (s, cuts) => {
      const bytes = Buffer.from(s);
      const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
      const split = (b: Uint8Array, codec: typeof webText): string[] => {
        const out: string[] = [];
        const splitter = new LineSplitter({ line: (l) => out.push(l), oversized: () => out.push('<oversized>') }, codec);
        let from = 0;
        for (const c of [...at, b.length]) {
          splitter.push(b.subarray(from, c));
          from = c;
        }
        splitter.end();
        return out;
      };
      const node = split(bytes, bufferText);
      const page = split(new Uint8Array(bytes), webText);
      const expected = s.split('\n');
      if (expected.at(-1) === '') expected.pop();
      for (let i = 0; i < expected.length; i++) expected[i] = expected[i].replace(/\r$/, '');
      return JSON.stringify(node) === JSON.stringify(expected) && JSON.stringify(page) === JSON.stringify(expected);
    }),
    { numRuns: RUNS },
  );
  t.pass();
});

// Encodings: a log written in any Unicode encoding, with or without its byte-order mark, reads
// as the same lines as its UTF-8.
const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'] as const;
function encode(s: string, enc: (typeof ENCODINGS)[number], bom: boolean): Buffer {
  const text = bom ? `\ufeff${s}` : s;
  if (enc === 'utf-8') return Buffer.from(text);
  if (enc === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (enc === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (enc === 'utf-32le' ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

test('a log in UTF-8, UTF-16 or UTF-32, with or without a BOM, reads as the same lines', async (t) => {
  const ascii = fc.array(fc.constantFrom('07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available', '07:41:04@905/error - NetDb: Reseed failed', 'plain prose here', '  indented', 'x'), { minLength: 4, maxLength: 20 });
  await fc.assert(
    fc.asyncProperty(ascii, fc.constantFrom(...ENCODINGS), fc.boolean(), async (lines, enc, bom) => {
      const text = lines.join('\n') + '\n';
      const read = async (b: Buffer) => {
        const c = new CaseAnalysis('fuzz', knowledge());
        await readSource(c, { name: 'stdin' }, Readable.from([b]));
        const s = c.sources[0];
        return `${s.kind} ${s.lines} ${s.parsed} ${s.errors.length}`;
      };
      return (await read(encode(text, enc, bom))) === (await read(Buffer.from(text)));
    }),
    { numRuns: Math.min(RUNS, 500) },
  );
  t.pass();
});
