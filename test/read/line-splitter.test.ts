import test from 'ava';
import { LINE_ASCII, LINE_CLEAN } from '../../src/parse/i2pd-line.js';
import { Readable } from 'node:stream';
import split2 from 'split2';
import { LineSplitter, OVERSIZED_BYTES } from '../../src/read/line-splitter.js';
import { webText, type ByteText } from '../../src/read/bytes.js';
import { bufferText } from '../../src/node/read/buffer-text.js';

interface Seen {
  lines: string[];
  oversized: number;
}

/** `page`: plain Uint8Array chunks and the web platform's decoding, as the page reads. */
function splitInChunks(buf: Buffer, size: number, page = false): Seen {
  const seen: Seen = { lines: [], oversized: 0 };
  const codec: ByteText = page ? webText : bufferText;
  const sp = new LineSplitter({ line: (s) => seen.lines.push(s), oversized: () => { seen.lines.push('<oversized>'); seen.oversized++; } }, codec);
  const bytes = page ? new Uint8Array(buf) : buf;
  for (let i = 0; i < bytes.length; i += size) sp.push(bytes.subarray(i, i + size));
  sp.end();
  return seen;
}

async function viaSplit2(buf: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const l of Readable.from([buf]).pipe(split2())) out.push(l as string);
  return out;
}

const text = Buffer.from(
  '12:00:01@1/info - SSU2: café ünïcödé 日本語 😀\r\n\n12:00:02@2/warn - NTCP2: x\n\r\nlast line without newline',
  'utf8',
);

test('gives the same lines as split2 wherever the chunks are cut, multi-byte characters and CRLF included', async (t) => {
  const expected = await viaSplit2(text);
  for (let size = 1; size <= text.length; size++) t.deepEqual(splitInChunks(text, size).lines, expected, `chunk size ${size}`);
});

test('the page (plain Uint8Array, no Buffer) gets the same lines as the CLI wherever the chunks are cut', async (t) => {
  const expected = await viaSplit2(text);
  for (let size = 1; size <= text.length; size++) t.deepEqual(splitInChunks(text, size, true).lines, expected, `chunk size ${size}`);
  const huge = Buffer.alloc(OVERSIZED_BYTES * 3, 0x61);
  t.deepEqual(splitInChunks(Buffer.concat([Buffer.from('\ufeffbefore\n'), huge, Buffer.from('\nafter\n')]), 65536, true).lines, ['\ufeffbefore', '<oversized>', 'after']);
});

test('a trailing newline does not add an empty line', (t) => {
  t.deepEqual(splitInChunks(Buffer.from('a\nb\n'), 3).lines, ['a', 'b']);
  t.deepEqual(splitInChunks(Buffer.from(''), 3).lines, []);
});

test('a line too long to keep is counted once, and the lines around it still come through', (t) => {
  const huge = Buffer.alloc(OVERSIZED_BYTES * 3, 0x61);
  const buf = Buffer.concat([Buffer.from('before\n'), huge, Buffer.from('\nafter\n'), huge]);
  const seen = splitInChunks(buf, 65536);
  t.deepEqual(seen.lines, ['before', '<oversized>', 'after', '<oversized>']);
});

test('a line just under the byte limit is passed on whole for the parser to judge', (t) => {
  const line = 'é'.repeat(OVERSIZED_BYTES / 2);
  const seen = splitInChunks(Buffer.from(`${line}\nx\n`), 1000);
  t.is(seen.oversized, 0);
  t.is(seen.lines[0].length, OVERSIZED_BYTES / 2);
  t.is(seen.lines[1], 'x');
});

test('a line is marked ASCII, or clean, only when it is: other text keeps the parser\'s full checks', (t) => {
  const seen: Array<[string, number]> = [];
  const sp = new LineSplitter({ line: (s, flags) => seen.push([s, flags]), oversized: () => {} });
  sp.push(Buffer.from('12:00:01@1/info - SSU2: plain\n12:00:02@1/info - SSU2: tim\u2028e offset\n', 'utf8'));
  sp.push(Buffer.from('12:00:03@1/info - NTCP2: plain\nrest of a line', 'utf8'));
  sp.push(Buffer.from(' that went on\n', 'utf8'));
  sp.push(Buffer.from('12:00:04@1/info - NTCP2: \x1b[1mbold\x1b[0m\n12:00:05@1/info - NTCP2: plain\n', 'utf8'));
  sp.push(Buffer.from('12:00:06@1/info - NTCP2: crlf\r\n', 'utf8'));
  sp.end();
  t.deepEqual(seen.map(([, f]) => f), [0, 0, LINE_CLEAN, 0, LINE_ASCII, LINE_ASCII, LINE_ASCII]);
  t.is(seen[3][0], 'rest of a line that went on');
  t.is(seen[6][0], '12:00:06@1/info - NTCP2: crlf');
});

test('a clean piece goes whole to a sink that takes pieces, cut at newlines into strings V8 keeps small', (t) => {
  const pieces: string[] = [];
  const lines: string[] = [];
  const sp = new LineSplitter({ line: (s) => lines.push(s), oversized: () => {}, clean: (b, text) => pieces.push(text) });
  const line = `12:00:01@1/debug - SSU2: ${'x'.repeat(75)}\n`;
  const big = line.repeat(3000);
  sp.push(Buffer.from(big));
  sp.end();
  t.is(lines.length, 0);
  t.is(pieces.join(''), big);
  t.true(pieces.length >= 3, `${pieces.length} pieces`);
  t.true(pieces.every((p) => p.length <= 16 * 1024 && p.endsWith('\n')));
});

// Moved from the page's text splitter's test (test/web/read-blob.test.ts): the page now splits bytes too.
test('lines split on LF and CRLF across chunk boundaries, with no trailing empty line', (t) => {
  const got: string[] = [];
  const s = new LineSplitter({ line: (l) => got.push(l), oversized: () => got.push('<oversized>') }, webText);
  for (const chunk of ['a\r', '\nb', '\n\nc', 'd\r\n']) s.push(new TextEncoder().encode(chunk));
  s.end();
  t.deepEqual(got, ['a', 'b', '', 'cd']);
});
