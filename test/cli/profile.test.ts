import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../../bench/generate.js';
import { cli } from '../helpers/cli.js';

const FREEBSD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';

test('--profile prints the time per stage and per-signature costs to stderr, and leaves the report alone', (t) => {
  const plain = cli(['analyze', FREEBSD, '-f', 'json']);
  const r = cli(['analyze', FREEBSD, '-f', 'json', '--profile']);
  t.is(r.code, plain.code);
  t.deepEqual(JSON.parse(r.stdout).cases, JSON.parse(plain.stdout).cases);
  for (const stage of ['read', 'split', 'parse', 'match', 'facts', 'rules']) t.regex(r.stderr, new RegExp(`^  ${stage}\\s+\\d+ ms`, 'm'));
  t.regex(r.stderr, /signature cost over \d+ sampled entries/);
  t.regex(r.stderr, /ns\s+\d+ tested\s+\d+ hits\s+ssu2\.socket-open-failed/);
});

test('--profile times the path a run takes: on a busy debug log most lines are only counted, and the report is the same', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  const file = join(dir, 'i2pd.log');
  await generateLog(file, 2_000_000, 3);
  const plain = cli(['analyze', file, '-f', 'json', '--jobs', '1']);
  const r = cli(['analyze', file, '-f', 'json', '--profile']);
  t.deepEqual(JSON.parse(r.stdout).cases, JSON.parse(plain.stdout).cases);
  const counted = Number(/([\d.]+) % of the sampled lines could match no signature and were only counted/.exec(r.stderr)?.[1]);
  t.true(counted > 90, r.stderr);
});

test('a line of many megabytes is counted as one oversized line, and the lines after it are read', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-'));
  const file = join(dir, 'i2pd.log');
  const log = readFileSync(FREEBSD, 'utf8');
  writeFileSync(file, `${'A'.repeat(20 * 1024 * 1024)}\n${log}`);
  const r = cli(['analyze', file, '-f', 'json']);
  const source = JSON.parse(r.stdout).cases[0].sources[0];
  t.is(source.oversized, 1);
  t.is(source.lines, log.trimEnd().split('\n').length + 1);
  t.regex(r.stdout, /ssu2-buffers|socket/);
});

test('--jobs takes a whole number', (t) => {
  const r = cli(['analyze', FREEBSD, '--jobs', 'two']);
  t.is(r.code, 2);
  t.regex(r.stderr, /whole number/);
});
