import test from 'ava';
import type { Entry } from '../../src/model.js';
import { LineParser, newSourceStats } from '../../src/parse/line-parser.js';

function parse(text: string): { entries: Entry[]; stats: ReturnType<typeof newSourceStats> } {
  const entries: Entry[] = [];
  const stats = newSourceStats('t.log');
  const p = new LineParser(stats, (e) => entries.push(e));
  for (const l of text.split('\n')) p.push(l);
  p.end();
  return { entries, stats };
}

const one = (line: string) => {
  const { entries } = parse(line);
  return entries[0];
};

test('file format: time, thread, level, module, message', (t) => {
  const e = one('19:16:15@423/warn - SSU2: Socket receive buffer size: requested = 4194304, got = 425984');
  t.like(e, { kind: 'log', time: '19:16:15', tod: 19 * 3600 + 16 * 60 + 15, tid: 423, level: 'warn', module: 'SSU2', message: 'Socket receive buffer size: requested = 4194304, got = 425984' });
});

test('stdout mode: ANSI colour around the level is removed', (t) => {
  const { entries, stats } = parse('19:16:15@423/\x1b[1;41mcritical\x1b[0m - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available');
  t.like(entries[0], { level: 'critical', module: 'SSU2' });
  t.truthy(stats.formats['ANSI colour']);
});

test('CLF time carries the date', (t) => {
  const e = one('[04/Dec/2025:19:16:14 +0100]@423/info - Daemon: Router configured as floodfill');
  t.like(e, { time: '19:16:14', level: 'info', module: 'Daemon', message: 'Router configured as floodfill' });
  t.is(e.day, Math.floor(Date.UTC(2025, 11, 4) / 86400000));
});

test('syslog mode behind a syslog prefix', (t) => {
  const e = one('Dec  4 19:16:14 node1 i2pd[2741]: [423] Daemon: Floodfill bandwidth set to \'extra\'');
  t.like(e, { kind: 'log', tid: 423, module: 'Daemon', level: undefined, tod: 19 * 3600 + 16 * 60 + 14 });
});

test('OpenWrt logread gives the level from the priority', (t) => {
  const e = one('Wed Nov 25 14:03:07 2026 daemon.err i2pd[1234]: [007] NTCP2: Accept error Too many open files');
  t.like(e, { level: 'error', tid: 7, module: 'NTCP2', message: 'Accept error Too many open files' });
});

test('journalctl with a localised month, wrapping stdout-mode i2pd', (t) => {
  const e = one('Dez 04 19:16:15 host i2pd[812]: 19:16:15@61/info - Router: network status v4 changed Unknown -> OK');
  t.like(e, { level: 'info', tid: 61, module: 'Router' });
  t.like(one('нояб 25 14:03:07 host i2pd[812]: [061] Router: network status v4 changed OK -> Firewalled'), { tid: 61, module: 'Router' });
});

test('journalctl short-iso carries a date', (t) => {
  const e = one('2026-11-25T14:03:07+0100 host i2pd[812]: 14:03:07@61/warn - SSU2: Clock adjusted by 3600 seconds');
  t.like(e, { level: 'warn', module: 'SSU2' });
  t.truthy(e.day);
});

test('docker-compose prefix', (t) => {
  t.like(one('i2pd_1  | 01:11:43@989/info - Daemon: Using system limit in 1048576 max open files'), { module: 'Daemon', level: 'info' });
  t.like(one('i2pd-1  | 01:11:43@989/info - Daemon: Starting NetDB'), { module: 'Daemon' });
});

test('older i2pd without thread id, lower-case messages', (t) => {
  t.like(one('12:00:01/error - NTCP: connect error: Connection refused'), { level: 'error', module: 'NTCP', tid: undefined });
});

test('redacted time and no time at all', (t) => {
  t.like(one('XX:XX:XX@423/error - Reseed: SU3 verification failed'), { level: 'error', module: 'Reseed', tod: undefined });
  t.like(one('@423/info - Daemon: Starting NetDB'), { level: 'info', module: 'Daemon' });
  t.like(one('error - Reseed: SU3 verification failed'), { level: 'error', module: 'Reseed' });
});

test('messages without a module prefix', (t) => {
  t.like(one('19:16:14@423/none - i2pd v2.58.0 (0.9.67) starting...'), { module: '', level: 'none', message: 'i2pd v2.58.0 (0.9.67) starting...' });
  t.like(one('19:16:14@423/error - router.info is malformed. Creating new'), { module: '' });
  t.like(one('19:16:14@423/error - HTTP Server: Error handling accept: Too many open files'), { module: 'HTTP Server' });
});

test('paste decorations: fence, quote, indent, backticks, list marker', (t) => {
  const { entries, stats } = parse(['```', '> 19:16:14@423/info - Daemon: Starting NetDB', '    19:16:15@423/info - Daemon: Starting Transports', '`19:16:16@423/info - Daemon: Starting Tunnels`', '- 19:16:17@423/info - Daemon: Starting Client'].join('\n'));
  t.deepEqual(entries.filter((e) => e.kind === 'log').map((e) => e.message), ['Starting NetDB', 'Starting Transports', 'Starting Tunnels', 'Starting Client']);
  t.truthy(stats.formats['markdown paste']);
});

test('an unclosed fence does not lose the lines after it', (t) => {
  const { entries } = parse('```text\n19:16:14@423/info - Daemon: Starting NetDB\n19:16:15@423/info - Daemon: Starting Transports');
  t.is(entries.filter((e) => e.kind === 'log').length, 2);
});

test('a line wrapped by the terminal is joined back onto its entry', (t) => {
  const line = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';
  const { entries, stats } = parse(`${line.slice(0, 80)}\n${line.slice(80)}\n07:41:04@905/info - Daemon: Starting Tunnels`);
  t.is(entries[0].message, 'Failed to open socket on 0.0.0.0: set_option: No buffer space available');
  t.is(entries[0].line, 1);
  t.is(entries.length, 2);
  t.is(stats.parsed, 3);
});

test('evidence that is not an i2pd log line gets a kind of its own', (t) => {
  const { entries } = parse([
    "terminate called after throwing an instance of 'boost::wrapexcept<boost::system::system_error>'",
    '  what():  bind: Address already in use',
    'Aborted (core dumped)',
    'Nov 25 14:03:07 host systemd[1]: i2pd.service: Main process exited, code=killed, status=9/KILL',
    'Nov 25 14:03:07 host kernel: [12345.678901] audit: type=1400 audit(1700000000.000:42): apparmor="DENIED" operation="open" profile="/usr/bin/i2pd" name="/srv/i2pd/" pid=812 comm="i2pd" requested_mask="r" denied_mask="r" fsuid=0 ouid=0',
    'Network status: Firewalled - Symmetric NAT',
    'Tunnel creation success rate: 2%',
  ].join('\n'));
  t.deepEqual(entries.map((e) => e.kind), ['crash', 'crash', 'crash', 'systemd', 'kernel', 'console', 'console']);
});

test('every line is accounted for: parsed + unparsed + oversized = lines', (t) => {
  const text = ['hello', '', '19:16:14@423/info - Daemon: Starting NetDB', 'x'.repeat(70 * 1024), 'random words here', '```'].join('\n');
  const { stats } = parse(text);
  t.is(stats.parsed + stats.unparsed + stats.oversized, stats.lines);
  t.is(stats.oversized, 1);
  t.is(stats.lines, 6);
});

test('CRLF line ends are stripped', (t) => {
  t.is(one('19:16:14@423/info - Daemon: Starting NetDB\r').message, 'Starting NetDB');
});

// A paste that holds a log and a config, each in its own fenced block (bug reports do this).
function parseWithConfig(text: string) {
  const entries: Entry[] = [];
  const configs: Array<{ text: string; line: number; kind: string }> = [];
  const stats = newSourceStats('t.log');
  const p = new LineParser(stats, (e) => entries.push(e), undefined, (t, line, kind) => configs.push({ text: t, line, kind }));
  for (const l of text.split('\n')) p.push(l);
  p.end();
  return { entries, stats, configs };
}

const LOG_BLOCK = ['```', '07:41:02@905/none - i2pd v2.54.0 (0.9.64) starting...', '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available', '```'];

test('a fenced i2pd.conf in a paste is handed over as a config, its lines accounted; the log block stays a log', (t) => {
  const text = ['Log:', ...LOG_BLOCK, '', 'Config:', '```ini', '# i2pd.conf', 'floodfill = true', '', '[ssu2]', 'enabled = true', '```', 'Thanks'].join('\n');
  const { entries, stats, configs } = parseWithConfig(text);
  t.is(configs.length, 1);
  t.like(configs[0], { line: 9, kind: 'i2pd.conf' });
  t.is(configs[0].text, '# i2pd.conf\nfloodfill = true\n\n[ssu2]\nenabled = true\n');
  t.deepEqual(entries.filter((e) => e.kind === 'log').map((e) => e.line), [3, 4]);
  t.true(entries.every((e) => !/floodfill|enabled/.test(e.text)), 'no config line became an entry');
  t.is(stats.lines, 15);
  t.is(stats.parsed + stats.unparsed + stats.oversized, stats.lines);
  t.is(stats.formats['i2pd.conf in the paste'], 5);
  // Lines after the block are numbered as before it was held back.
  t.is(entries.find((e) => e.text === 'Thanks')?.line, 15);
});

test('a fenced block that only looks like a config, or is cut off or too long, reads as it would without the config reader', (t) => {
  const notConfig = ['```', 'a = b', 'c = d', '```', ...LOG_BLOCK].join('\n');
  const huge = ['```', ...Array.from({ length: 2500 }, (_, i) => `floodfill = ${i % 2 === 0}`), '```'].join('\n');
  for (const text of [notConfig, huge]) {
    const got = parseWithConfig(text);
    t.is(got.configs.length, 0);
    const want = parse(text);
    t.deepEqual(got.entries, want.entries);
    t.deepEqual(got.stats, want.stats);
  }
  // A paste cut off inside the config block: the block still counts.
  const cut = parseWithConfig(['```', 'floodfill = true', 'ipv6 = true'].join('\n'));
  t.like(cut.configs[0], { line: 2, kind: 'i2pd.conf', text: 'floodfill = true\nipv6 = true\n' });
  // A block that starts with a log line is a log block, whatever follows in it.
  const mixed = parseWithConfig(['```', LOG_BLOCK[1], 'floodfill = true', 'ipv6 = true', '```'].join('\n'));
  t.is(mixed.configs.length, 0);
});

test('an i2pd.conf pasted without a fence, between prose and log lines, is handed over as a config', (t) => {
  const text = ['My config:', 'floodfill = true', '# the UDP side', '[ssu2]', 'enabled = true', '', 'and the log:', LOG_BLOCK[2]].join('\n');
  const { entries, stats, configs } = parseWithConfig(text);
  t.is(configs.length, 1);
  t.like(configs[0], { line: 2, kind: 'i2pd.conf', text: 'floodfill = true\n# the UDP side\n[ssu2]\nenabled = true\n' });
  t.deepEqual(entries.map((e) => [e.line, e.kind]), [[1, 'raw'], [7, 'raw'], [8, 'log']]);
  t.is(stats.lines, 8);
  t.is(stats.parsed + stats.unparsed + stats.oversized, stats.lines);
});

test('lines that only look like options (a root prompt, one stray key) read as they would without the config reader', (t) => {
  for (const text of ['# cat /etc/i2pd/i2pd.conf\nfloodfill = true\nthat is all', 'address = 10.0.0.1 was wrong\n' + LOG_BLOCK[2], 'type = client\nnot a tunnel']) {
    const got = parseWithConfig(text);
    t.is(got.configs.length, 0, text);
    const want = parse(text);
    t.deepEqual(got.entries, want.entries);
    t.deepEqual(got.stats, want.stats);
  }
});

test('redacted times of any width are read: XX:XX:XX:XX, **:**:**, hh:mm:ss, 12:XX:XX', (t) => {
  for (const time of ['XX:XX:XX:XX', '**:**:**', 'hh:mm:ss', '12:XX:XX', 'xx:xx']) {
    const e = one(`${time}@365/critical - Daemon: Failed to start Webconsole: bind: Cannot assign requested address`);
    t.like(e, { kind: 'log', time, tid: 365, level: 'critical', module: 'Daemon' }, time);
  }
});

test('an i2pd message quoted alone, in prose or backticks, is read; a colon in ordinary prose is not', (t) => {
  const { entries } = parse([
    'NTCP2: Failed to bind to v4 port 22345bind: Address already in use',
    'With debug logging these appeared: `NTCP2: SessionRequest time difference 58005 exceeds clock skew`.',
    'I get: Reseed: Certificate for echelon at mail.i2p not loaded',
    '1. `12:00:01@42/error - SSU2: Failed to bind to 0.0.0.0:1: bind: Permission denied` and then `12:00:01@42/error - SSU2: Failed to bind to [::]:1: bind: Permission denied` every start',
    'Note: this happens every time I start it',
    'Update: `ls -l /var/lib/i2pd` shows root as owner',
  ].join('\n'));
  const logs = entries.filter((e) => e.kind === 'log');
  t.deepEqual(logs.map((e) => [e.line, e.module, e.level]), [[1, 'NTCP2', undefined], [2, 'NTCP2', undefined], [3, 'Reseed', undefined], [4, 'SSU2', 'error'], [4, 'SSU2', 'error']]);
  t.is(logs[1].message, 'SessionRequest time difference 58005 exceeds clock skew');
  t.deepEqual(entries.filter((e) => e.kind === 'raw').map((e) => e.line), [5, 6]);
});

test('a code span left open over several lines is read line by line', (t) => {
  const { entries } = parse(['Log:', '`18:46:20@369/info - SOCKS: requested pop.postman.i2p:80', '18:46:20@369/error - Addressbook: Can\'t find domain for pop.postman.i2p', '`'].join('\n'));
  t.deepEqual(entries.filter((e) => e.kind === 'log').map((e) => [e.line, e.module]), [[2, 'SOCKS'], [3, 'Addressbook']]);
});

test('logread with its date cut off, quoted too, is read with its priority as level', (t) => {
  t.like(one('> daemon.info i2pd[1234]: 12:00:00@1/info - Daemon: Starting NetDB'), { kind: 'log', module: 'Daemon', message: 'Starting NetDB' });
  // What i2pd wrote to stderr, not its logger: the prefix is peeled all the same.
  t.like(one('daemon.err i2pd[1234]: i2pd: Could not create pid file /var/run/i2pd.pid: Permission denied'), { kind: 'raw', message: 'i2pd: Could not create pid file /var/run/i2pd.pid: Permission denied' });
  t.like(one('daemon.warn i2pd[7]: [423] Daemon: Floodfill bandwidth set to \'extra\''), { kind: 'log', tid: 423, level: 'warn', module: 'Daemon' });
});

test("journal markers and the reporter's sentences are not joined onto the log line before them; a word cut by the terminal still is", (t) => {
  const line = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';
  const { entries } = parse(['```', '19:16:14@423/info - Daemon: Starting NetDB', '-- Boot 3b7325379f18463b91a0836d2cadc766 --', '19:16:15@423/info - Daemon: Starting Transports', 'After a restart it shows the same thing again.', `${line.slice(0, 90)}`, `${line.slice(90)}`].join('\n'));
  const logs = entries.filter((e) => e.kind === 'log');
  t.deepEqual(logs.map((e) => e.message), ['Starting NetDB', 'Starting Transports', 'Failed to open socket on 0.0.0.0: set_option: No buffer space available']);
  t.deepEqual(entries.filter((e) => e.kind !== 'log').map((e) => [e.line, e.kind]), [[3, 'systemd'], [5, 'raw']]);
});

test('a log line in a one-line triple-backtick span is read; a fence with an info string is still a fence', (t) => {
  const { entries } = parse(['```09:20:16@223/error - BOB: runtime exception: Invalid argument```', '```text', '19:16:14@423/info - Daemon: Starting NetDB', '```'].join('\n'));
  t.deepEqual(entries.filter((e) => e.kind === 'log').map((e) => [e.line, e.module]), [[1, 'BOB'], [3, 'Daemon']]);
});

test("the web console's status reads the same in every language and layout", (t) => {
  const { entries } = parse([
    'Сетевой статус: Заблокировано извне (Тестирование)',
    '"Network status: error',
    'Clock Skew"',
    'Status: OK',
    'Netzwerkstatus v6: OK',
  ].join('\n'));
  t.deepEqual(entries.map((e) => [e.kind, e.message]), [
    ['console', 'Network status: Firewalled (Testing)'],
    ['console', 'Network status: error - Clock skew'],
    ['console', 'Network status: OK'],
    ['console', 'Network status v6: OK'],
  ]);
});

test("the shell's report of a signal reads the same in every language", (t) => {
  const { entries } = parse(['Недопустимая инструкция', './i2pd: line 3:  4012 Speicherzugriffsfehler  (Speicherabzug geschrieben) ./i2pd', 'Ошибка сегментирования (стек памяти сброшен на диск)', 'Abandon is a French word in a sentence here'].join('\n'));
  t.deepEqual(entries.map((e) => [e.kind, e.message]), [
    ['crash', 'Illegal instruction'],
    ['crash', './i2pd: line 3:  4012 Segmentation fault (core dumped) ./i2pd'],
    ['crash', 'Segmentation fault (core dumped)'],
    ['raw', 'Abandon is a French word in a sentence here'],
  ]);
});
