// The small promises of a report that a newcomer checks first: sizes with units, counts in
// words, whole evidence lines in a file, the header of a syslog-mode log, --brief, a paste with
// no i2pd line in it, and --help.
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from '../helpers/cli.js';

const FREEBSD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';

function tmp(name: string, text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'i2pd-doctor-details-')), name);
  writeFileSync(f, text);
  return f;
}

test('--max-bytes takes sizes with units, as its help does (2 GiB), and says which it refuses', (t) => {
  for (const size of ['1GiB', '1 GiB', '512MiB', '1G', '64k', '2147483648']) {
    const r = cli(['analyze', FREEBSD, '--max-bytes', size]);
    t.is(r.code, 1, `${size}: ${r.stderr}`);
  }
  // The limit is on what archives and gzip expand to.
  const gz = tmp('big.log.gz', '');
  writeFileSync(gz, gzipSync(readFileSync(FREEBSD, 'utf8').repeat(10)));
  const small = cli(['analyze', gz, '--max-bytes', '4KiB']);
  t.regex(small.stderr, /limit of 4\.0 KiB/);
  const bad = cli(['analyze', FREEBSD, '--max-bytes', '2 parsecs']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /'2 parsecs'.*a size in bytes, or with a unit: KiB, MiB, GiB \(or k, M, G\), e\.g\. 1GiB/);
});

test('one line is "1 line", in the text report and its notes', (t) => {
  const r = cli(['analyze'], '12:00:00@100/error - SSU2: something no signature knows\n');
  t.regex(r.stdout, /source stdin: 1 line, 1 parsed/);
  const notLog = cli(['analyze'], 'my router is slow\n');
  t.regex(notLog.stdout, /stdin: 1 line, 0 parsed/);
  t.regex(notLog.stdout, /among its 1 line:/);
  t.notRegex(notLog.stdout + notLog.stderr, /\b1 lines\b/);
});

test('written to a file or a pipe, evidence lines are whole; only a terminal gets them cut', (t) => {
  const line = readFileSync(FREEBSD, 'utf8').split('\n')[1];
  t.true(line.length > 160);
  const r = cli(['analyze', FREEBSD]);
  t.true(r.stdout.includes(`${FREEBSD}:2  ${line}\n`), r.stdout);
  t.notRegex(r.stdout, /…\n/);
});

test('a log in i2pd\'s syslog mode shows its OS and time range in the header, as file mode does', (t) => {
  const file = cli(['analyze', FREEBSD]);
  t.regex(file.stdout, /OS looks like bsd · .*07:41:02 – 07:52:11/);
  // The same lines as i2pd's syslog mode prints them: no time, no level, the host's prefix.
  const syslog = readFileSync(FREEBSD, 'utf8').replace(/^(\d\d:\d\d:\d\d)@(\d+)\/\w+ - /gm, 'Nov 25 $1 bsd1 i2pd[812]: [$2] ');
  const r = cli(['analyze', tmp('syslog.log', syslog)]);
  t.regex(r.stdout, /i2pd syslog mode/);
  t.regex(r.stdout, /OS looks like bsd · .*07:41:02 – 07:52:11/);
  const journal = cli(['analyze', 'samples/crashes/crash-uncaught-exception-journald.log']);
  t.regex(journal.stdout, /13:14:15 – \d\d:\d\d:\d\d/, 'a systemd line first does not hide the range');
});

test('--brief leaves the articles out of markdown too', (t) => {
  const full = cli(['analyze', FREEBSD, '--format', 'markdown']);
  t.regex(full.stdout, /\*\*Fix\*\*/);
  const brief = cli(['analyze', FREEBSD, '--format', 'markdown', '--brief']);
  t.is(brief.code, 1);
  t.regex(brief.stdout, /SSU2 asks for larger UDP buffers/);
  t.regex(brief.stdout, /<summary>Evidence<\/summary>/);
  t.notRegex(brief.stdout, /\*\*(Cause|Fix)\*\*/);
  t.notRegex(brief.stdout, /kern\.ipc\.maxsockbuf=6553500/);
});

test('a paste with no i2pd line says so in every format, not "no known problem"', (t) => {
  const text = 'my router does not work\nwhat should I do?\n';
  const plain = cli(['analyze'], text);
  t.regex(plain.stdout, /No i2pd log lines found: paste the log/);
  for (const format of ['markdown', 'html']) {
    const r = cli(['analyze', '--format', format], text);
    t.regex(r.stdout, /No i2pd log lines found: paste the log/i, format);
    t.notRegex(r.stdout, /no known problem/i, format);
  }
});

test('--help of every command shows examples and the exit codes', (t) => {
  const commands = [['analyze'], ['redact'], ['explain'], ['kb'], ['serve'], ['rules', 'list'], ['rules', 'lint'], ['rules', 'test'], ['rules', 'new'], ['rules', 'check-source']];
  for (const c of commands) {
    const r = cli([...c, '--help']);
    t.is(r.code, 0, c.join(' '));
    t.regex(r.stdout, new RegExp(`Examples:\\n(  \\$ i2pd-doctor ${c.join(' ')}.*\\n)+`), c.join(' '));
    t.regex(r.stdout, /Exit codes:\n  0 [^\n]+\n[\s\S]*  2 [^\n]+/, c.join(' '));
  }
  t.regex(cli(['--help']).stdout, /Exit codes:/);
});
