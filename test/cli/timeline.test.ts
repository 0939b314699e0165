// The timeline in the terminal (a sparkline under each case's header, only on a terminal and not
// with --brief) and in markdown (a compact text form), on a generated multi-day log whose problem
// starts half-way.
import test from 'ava';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliOnTerminal } from '../helpers/cli.js';
import { multiDayLog } from '../helpers/multi-day.js';

interface Tl {
  buckets: number;
  unclean: number[];
}

let file: string;
let tl: Tl;

test.before(async () => {
  file = await multiDayLog();
  tl = JSON.parse(cli(['analyze', file, '-f', 'json']).stdout).cases[0].timeline;
});

const BLOCKS = '▁▂▃▄▅▆▇█';
const SPARK = /^ {2}errors ([ ·▁▂▃▄▅▆▇█]+) day 1 21:00 → day 5 \d\d:\d\d, (\d+) hours? a mark$/m;

/** The column of the crash's bucket, `marks` columns holding the buckets `k` at a time. */
function onsetColumn(marks: number): { k: number; column: number } {
  const k = Math.ceil(tl.buckets / marks);
  return { k, column: Math.floor(tl.unclean.indexOf(1) / k) };
}

test('on a terminal, a one-line sparkline under the case header shows the errors rising where the problem starts', (t) => {
  const r = cliOnTerminal(['analyze', file]);
  t.is(r.code, 1, r.stdout);
  const m = SPARK.exec(r.stdout);
  t.truthy(m, r.stdout.slice(0, 2000));
  const lines = r.stdout.split('\n');
  const at = lines.findIndex((l) => SPARK.test(l));
  t.regex(lines[at - 1], /^ {2}i2pd 2\.54\.0 · /, 'right under the header');
  t.regex(lines[0], /^Case /);
  // The first high mark is the column of the crash's bucket.
  const marks = [...m![1]];
  const { k, column: onset } = onsetColumn(marks.length);
  t.is(Number(m![2]), k, 'an hour a bucket');
  t.is(marks.length, Math.ceil(tl.buckets / k));
  const high = marks.findIndex((g) => BLOCKS.indexOf(g) >= 4);
  t.is(high, onset, m![1]);
  t.true(marks.slice(onset).filter((g) => BLOCKS.indexOf(g) >= 2).length > (marks.length - onset) * 0.8, 'and stay high');
  t.true(marks.slice(0, onset).every((g) => BLOCKS.indexOf(g) < 4), 'low before');
});

test('in colour, the marks take the colour of their worst level', (t) => {
  const r = cliOnTerminal(['analyze', file], { NO_COLOR: '' });
  const line = r.stdout.split('\n').find((l) => l.includes('a mark'))!;
  t.truthy(line);
  // Red (31) for columns with errors; the log has them from its first hours.
  t.regex(line, /\x1b\[31m[▁▂▃▄▅▆▇█]/);
  t.notRegex(line, /\x1b\[31m·/, 'a mark without errors is never red');
});

test('no sparkline with --brief, in a pipe, or for a log shorter than ten minutes', (t) => {
  t.notRegex(cliOnTerminal(['analyze', file, '--brief']).stdout, /a mark$/m);
  t.notRegex(cli(['analyze', file]).stdout, /a mark$/m);
  const short = join(file, '..', 'short.log');
  writeFileSync(short, '12:00:00@1/info - Tunnels: Tunnel 1 has been created\n12:05:00@1/error - NTCP2: Accept error Too many open files\n');
  const r = cliOnTerminal(['analyze', short]);
  t.regex(r.stdout, /Too many open files/);
  t.notRegex(r.stdout, /a mark$/m);
});

test('markdown carries a compact text timeline: the sparkline, the runs, the status changes and each finding\'s span', (t) => {
  const md = cli(['analyze', file, '-f', 'markdown']).stdout;
  const block = /\*\*Timeline\*\* day 1 21:00 → day 5 \d\d:\d\d, \d+ hours? a mark, errors:\n\n`([ ·▁▂▃▄▅▆▇█]+)`\n\n((?:- .*\n)+)/.exec(md);
  t.truthy(block, md.slice(0, 3000));
  const marks = [...block![1]];
  t.is(marks.findIndex((g) => BLOCKS.indexOf(g) >= 4), onsetColumn(marks.length).column);
  const notes = block![2];
  t.regex(notes, /^- i2pd started day 1 21:00, stopped in order day 2 \d\d:\d\d; then started day 2 \d\d:\d\d, ended without an orderly stop \(its last line day 3 \d\d:\d\d\); then started day 3 \d\d:\d\d, running at the end of the log\.$/m);
  t.regex(notes, /^- Status: day 1 \d\d:\d\d `network status v4 changed Unknown -> OK`; day 3 \d\d:\d\d `network status v4 changed OK -> Firewalled`\.$/m);
  // A finding's number is escaped: `- 1.` would open an ordered list inside the bullet.
  t.regex(notes, /^- 1\\\. .*Too many open files.*: evidence day 3 \d\d:00 → day 5 \d\d:00, \d+ lines in \d+ of \d+ buckets\.$/m);
  // It comes before the findings, right under the line of facts.
  t.true(md.indexOf('**Timeline**') < md.indexOf('#### 1.'));
});

test('the header says on which day of the log its first and last lines are, in a pipe too', (t) => {
  const r = cli(['analyze', file]);
  t.regex(r.stdout, /^ {2}i2pd 2\.54\.0 · .* · 21:00:\d\d \(day 1\) – \d\d:\d\d:\d\d \(day 5\)$/m);
});

test('markdown says when a source has no times', (t) => {
  const dir = join(file, '..');
  const redacted = join(dir, 'redacted.log');
  writeFileSync(redacted, 'XX:XX:XX@1/info - Tunnels: Tunnel 1 has been created\nXX:XX:XX@1/error - NTCP2: Accept error Too many open files\n');
  const md = cli(['analyze', redacted, '-f', 'markdown']).stdout;
  t.regex(md, /^_`[^`]*redacted\.log` has no times: its 2 lines are not on a timeline\._$/m);
  const both = cli(['analyze', file, redacted, '-f', 'markdown']).stdout;
  t.regex(both, /\*\*Timeline\*\*/);
  t.regex(both, /^- `[^`]*redacted\.log` has no times: its 2 lines are not on the timeline\.$/m);
});
