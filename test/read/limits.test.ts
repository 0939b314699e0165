// The byte limit of a case is a place in the bytes, not a moment: how large the chunks come (a
// fast gunzip thread hands a slow reader everything it has in one) must not change how much is
// read, or which member of a gzipped tar the limit is said to fall in.
import test from 'ava';
import { CaseAnalysis } from '../../src/analyze/case.js';
import { readArchive } from '../../src/read/members.js';
import { Budget, DEFAULT_LIMITS, LimitError, metered } from '../../src/read/limits.js';
import { nodeEntries } from '../../src/node/read/yauzl-tar-stream.js';
import { tarball } from '../helpers/archives.js';
import { knowledge } from '../helpers/knowledge.js';

const KIB = 1024;

async function* chunks(...sizes: number[]): AsyncGenerator<Uint8Array> {
  for (const n of sizes) yield new Uint8Array(n);
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<{ sizes: number[]; error?: unknown }> {
  const sizes: number[] = [];
  try {
    for await (const c of source) sizes.push(c.length);
    return { sizes };
  } catch (error) {
    return { sizes, error };
  }
}

test('the chunk that crosses the total passes on the bytes within it, then the read stops', async (t) => {
  const budget = new Budget({ ...DEFAULT_LIMITS, maxBytes: 50 });
  const { sizes, error } = await drain(metered(chunks(10, 10, 100, 5), budget.meter('x.gz', () => 1000)));
  t.deepEqual(sizes, [10, 10, 30]);
  t.true(error instanceof LimitError);
  t.regex((error as Error).message, /^x\.gz: stopped after 120 B uncompressed: .* past the limit of 50 B/);
  t.true(budget.exhausted);
});

test('a bomb stops at the ratio: nothing of the chunk that shows it is passed on', async (t) => {
  const budget = new Budget();
  const { sizes, error } = await drain(metered(chunks(4 * KIB, 2 * 1024 * KIB), budget.meter('b.gz', () => 1 * KIB)));
  t.deepEqual(sizes, [4 * KIB]);
  t.regex((error as Error).message, /over 200:1/);
});

const MEMBERS: [string, string][] = [
  ['a.log', 'a'.repeat(700)],
  ['b.log', 'b'.repeat(300 * KIB)],
  ['c.log', 'c'.repeat(700)],
];

for (const [how, split] of [
  ['in one chunk', (b: Buffer) => [b]],
  ['in chunks of 1 KiB', (b: Buffer) => Array.from({ length: Math.ceil(b.length / KIB) }, (_, i) => b.subarray(i * KIB, (i + 1) * KIB))],
] as const) {
  test(`a tar metered as one stream ${how}: the member the limit falls in is named, read up to it, and nothing after`, async (t) => {
    const tar = await tarball(MEMBERS);
    const budget = new Budget({ ...DEFAULT_LIMITS, maxBytes: 64 * KIB });
    async function* source() {
      yield* split(tar);
    }
    const read: Record<string, number> = {};
    const c = new CaseAnalysis('case', knowledge());
    await readArchive(c, 'tar', 'big.tar', metered(source(), budget.meter('big.tar', () => tar.length)), budget, nodeEntries, async (name, body) => {
      read[name] = 0;
      for await (const b of body) read[name] += b.length;
      return 'read';
    });
    const r = await c.finish();
    const errors = r.sources.flatMap((s) => s.errors);
    t.is(errors.length, 1);
    t.regex(errors[0], /^big\.tar!b\.log: stopped after .* past the limit of 64\.0 KiB/);
    t.deepEqual(Object.keys(read), ['big.tar!a.log', 'big.tar!b.log']);
    t.is(read['big.tar!a.log'], 700);
    t.true(read['big.tar!b.log'] > 0 && read['big.tar!b.log'] < 64 * KIB, `b.log read up to the limit, not past it (${read['big.tar!b.log']} bytes)`);
  });
}
