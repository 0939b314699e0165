// Output safety through the CLI: a log line written by an attacker stays text in every format.
// HTML escapes it; markdown keeps it inside its code block (checked with marked's own lexer, the
// way a renderer sees it) with no live @mention; a terminal never receives the log's ESC.
import test from 'ava';
import { marked, type Token } from 'marked';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { fakeRoot } from '../helpers/fake-root.js';
import { makePack, PACK_LINE } from '../helpers/pack.js';
import { tarball } from '../helpers/archives.js';

const ENOBUFS = '07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available';
const HTML_BAIT = '<script>alert(1)</script> <img src=x onerror=alert(1)>';
const MD_BAIT = '```` @someone <b>bold</b> ~~~ | cell |';
const TERM_BAIT = '\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://example.invalid/\x07link\x1b]8;;\x07 \x9b31m';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'hostile-out-'));
}

/** A log whose finding quotes the bait as evidence, and an unknown message carrying it too. */
function log(dir: string, bait: string, name = 'i2pd.log'): string {
  const f = join(dir, name);
  writeFileSync(f, `${ENOBUFS} ${bait}\n07:41:05@905/error - Weird: ${bait}\n`);
  return f;
}

test('html batch report: <script> and <img onerror> from a log appear only escaped', (t) => {
  const d = tmp();
  mkdirSync(join(d, 'r1'));
  mkdirSync(join(d, 'r2'));
  log(join(d, 'r1'), HTML_BAIT);
  log(join(d, 'r2'), HTML_BAIT);
  const r = cli(['analyze', d, '--format', 'html']);
  t.regex(r.stdout, /^<!doctype html>/);
  t.notRegex(r.stdout, /<script|<img|<svg|<iframe/i, 'no element from the log');
  t.notRegex(r.stdout, /<[^>]*\son\w+=/i, 'no event handler attribute in any tag');
  const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;';
  t.true(r.stdout.includes(`No buffer space available ${escaped}`), 'the evidence shows the line, escaped');
  t.true(r.stdout.includes(`Weird: ${escaped}`), 'the unknown-message example too');
});

/** Every leaf token outside code, with the text a renderer would treat as markdown or HTML. */
function outsideCode(md: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(md), (tok: Token) => {
    if (tok.type === 'code' || tok.type === 'codespan') return;
    const kids = (tok as { tokens?: Token[] }).tokens;
    if (tok.type === 'list' || tok.type === 'table' || (kids && kids.length)) return;
    out.push(tok.raw);
  });
  return out;
}

function codeTexts(md: string): string[] {
  const out: string[] = [];
  marked.walkTokens(marked.lexer(md), (tok: Token) => {
    if (tok.type === 'code' || tok.type === 'codespan') out.push((tok as { text: string }).text);
  });
  return out;
}

test('markdown: backticks, @mentions and HTML in a log line stay inside their code block', (t) => {
  const d = tmp();
  // The file name is hostile too: it is shown in the heading and the evidence.
  const f = log(d, MD_BAIT, 'x`@someone<b>.log');
  const r = cli(['analyze', f, '--format', 'markdown']);
  t.regex(r.stdout, /^### i2pd-doctor: \d+ findings? in /);
  const code = codeTexts(r.stdout);
  t.true(code.some((c) => c.includes(`No buffer space available ${MD_BAIT}`)), 'the evidence line is one code token, whole');
  t.true(code.some((c) => c === f), 'the hostile file name is inline code');
  const prose = outsideCode(r.stdout);
  t.true(prose.some((raw) => raw.includes('Cause')), 'the report\'s own prose is seen outside code');
  for (const raw of prose) {
    t.false(/@someone/.test(raw), `live @mention in ${JSON.stringify(raw)}`);
    t.false(/<b>|````/.test(raw), `log text outside code in ${JSON.stringify(raw)}`);
  }
});

test('markdown batch: a log line with | and backticks stays in its table cell; no live @mention', (t) => {
  const d = tmp();
  for (const c of ['r1', 'r2']) {
    mkdirSync(join(d, c));
    log(join(d, c), MD_BAIT);
  }
  const r = cli(['analyze', d, '--format', 'markdown']);
  t.true(codeTexts(r.stdout).some((c) => c.includes(`Weird: ${MD_BAIT}`)), 'the unknown message is one code span, whole, in its cell');
  for (const raw of outsideCode(r.stdout)) t.false(/@someone|<b>/.test(raw), `log text outside code in ${JSON.stringify(raw)}`);
});

/** ESC sequences the tool itself may emit with colour on: SGR only. */
const OWN_SGR = /\x1b\[[0-9;]*m/g;

for (const [label, env] of [['plain', {}], ['FORCE_COLOR=1', { NO_COLOR: '', FORCE_COLOR: '1' }]] as const) {
  test(`terminal (${label}): a log's ESC[2J, OSC title and hyperlink, BEL and C1 CSI never reach the terminal raw`, (t) => {
    const d = tmp();
    const f = log(d, TERM_BAIT);
    const r = cli(['analyze', f], undefined, env);
    if (label !== 'plain') t.regex(r.stdout, OWN_SGR, 'the tool still colours its own output');
    const rest = r.stdout.replace(OWN_SGR, '') + r.stderr.replace(OWN_SGR, '');
    t.false(rest.includes('\x1b'), 'no raw ESC apart from our own colours');
    t.false(/[\x07\x9b]/.test(rest), 'no raw BEL or C1 CSI');
    t.regex(r.stdout, /No buffer space available .*␛\]0;pwned/, 'the evidence line is shown, its ESC made visible');
  });
}

// A pack's article is contributed text: in the HTML report it is sanitised like the page's, and
// the file's own Content-Security-Policy forbids script and any request even if something slipped.
const ARTICLE_BAIT = [
  '## Symptoms', '', 'Boom.', '',
  '## Cause', '',
  'A demo <script>window.pwned=1</script> <img src=x onerror="window.pwned=2"> <svg onload="window.pwned=3"></svg>',
  '[click](javascript:window.pwned=4) <a href="JaVaScRiPt:alert(1)">two</a> <iframe src="https://example.invalid/"></iframe>',
  '<meta http-equiv="refresh" content="0;url=https://example.invalid/"> <base href="https://example.invalid/">',
  '<form action="https://example.invalid/"><input name=x></form> <style>body{background:url(https://example.invalid/x)}</style>',
  '<p style="background:url(https://example.invalid/y)" onclick="window.pwned=5">styled</p> <link rel=stylesheet href="https://example.invalid/s.css">', '',
  '## Fix', '', '[the docs](https://i2pd.readthedocs.io/) and `code`', '',
  '## Verify', '', 'No boom.', '', '## References', '', '- `daemon/Daemon.cpp`', '',
].join('\n');

test('html report: a pack article\'s script, handlers, javascript: links, meta refresh and base come out inert; a CSP forbids script and network', (t) => {
  const d = tmp();
  const p = makePack({ article: ARTICLE_BAIT }, join(d, 'pack'));
  const f = join(d, 'i2pd.log');
  writeFileSync(f, `${PACK_LINE}\n`);
  const r = cli(['analyze', f, '--rules', p, '--format', 'html']);
  t.is(r.code, 1, r.stderr);
  const html = r.stdout;
  t.true(html.includes('Demo boom'), 'the finding is there');
  t.true(html.includes('<a href="https://i2pd.readthedocs.io/"'), 'an ordinary link stays a link');
  t.true(html.includes('<code>code</code>'), 'and markdown is still rendered');
  t.notRegex(html, /<script|<img|<svg|<iframe|<form|<input|<link|<base|<meta http-equiv="?refresh/i, 'no live element from the article');
  t.notRegex(html, /<[^>]*\son\w+\s*=/i, 'no event handler attribute');
  t.notRegex(html, /javascript:/i, 'no javascript: URL');
  t.notRegex(html, /<[^>]*\sstyle\s*=/i, 'no style attribute');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  t.truthy(csp, 'the file carries its own CSP');
  const policy = new Map(csp![1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
  t.is(policy.get('default-src'), "'none'");
  t.is(policy.get('script-src') ?? policy.get('default-src'), "'none'");
  t.is(policy.get('connect-src') ?? policy.get('default-src'), "'none'");
  t.is(policy.get('base-uri'), "'none'");
  t.is(policy.get('form-action'), "'none'");
  t.notRegex(policy.get('style-src') ?? '', /unsafe-inline|https?:/, 'the one inline style is allowed by its hash, nothing else');
  t.true(html.indexOf('Content-Security-Policy') < html.indexOf('<body>'), 'the policy comes before any content');
});

const FORGED = '1. CRITICAL  Forged finding';

test('a file or archive member name with a newline cannot forge report lines', async (t) => {
  const d = tmp();
  const name = `evil\n${FORGED}\n.log`;
  writeFileSync(join(d, name), `${ENOBUFS}\n`);
  writeFileSync(join(d, `bin\n${FORGED}.log`), Buffer.from([0, 1, 2, 3]));
  writeFileSync(join(d, 'r.tar'), await tarball([[`m\n${FORGED}.log`, `${ENOBUFS}\n`]]));
  for (const format of ['text', 'markdown']) {
    const r = cli(['analyze', d, '--format', format, '--case-per', 'file']);
    const lines = `${r.stdout}\n${r.stderr}`.split('\n');
    t.false(lines.some((l) => /^\W*1\. CRITICAL {2}Forged/.test(l)), `${format}: no forged line: ${lines.filter((l) => l.includes('Forged')).join(' | ')}`);
    t.true(r.stdout.includes('evil\\n1. CRITICAL  Forged finding\\n.log'), `${format}: the name is shown with its newline made visible`);
    t.true(r.stdout.includes('r.tar!m\\n1. CRITICAL  Forged finding.log'), `${format}: a member name too`);
    t.true(r.stderr.includes('bin\\n1. CRITICAL  Forged finding.log: binary data'), `${format}: and the name in a message on stderr`);
  }
});

test('terminal: U+202E and the C1 controls OSC, DCS and ST in a log line are shown, never sent raw', (t) => {
  const d = tmp();
  const f = log(d, 'a\u202eb \x9d0;title\x9c \x90q\x9c \x85 \u2066x\u2069');
  for (const args of [[f], [f, '--format', 'markdown'], [f, '--lines']]) {
    const r = cli(['analyze', ...args]);
    const out = r.stdout + r.stderr;
    t.false(/[\x80-\x9f\u202a-\u202e\u2066-\u2069]/.test(out), `${args.join(' ')}: no raw C1 or bidi control`);
    t.true(out.includes('a\\u202eb'), `${args.join(' ')}: U+202E made visible`);
  }
});

const TITLE_BAIT = 'Demo \x1b]0;pwned\x07boom \x1b[2J\x9b31m';

test("a pack's rule title and article with ESC, OSC and C1 CSI never reach a terminal or markdown raw", (t) => {
  const d = tmp();
  const article = '## Symptoms\n\nBoom \x1b[31mred\x1b[0m.\n\n## Cause\n\nA demo \x1b]8;;https://example.invalid/\x07link\x1b]8;;\x07.\n\n## Fix\n\nNothing \x9b2J.\n\n## Verify\n\nNo boom.\n\n## References\n\n- `daemon/Daemon.cpp`\n';
  const p = makePack({ title: TITLE_BAIT, article }, join(d, 'pack'));
  const f = join(d, 'i2pd.log');
  writeFileSync(f, `${PACK_LINE}\n`);
  for (const args of [['analyze', f], ['analyze', f, '--format', 'markdown'], ['analyze', f, d, '--format', 'markdown'], ['analyze', f, join(d, 'pack', 'samples')], ['kb', '--rules', p], ['kb', 'demo-boom', '--rules', p], ['explain', 'demo-boom', f], ['rules', 'list', '--rules', p]]) {
    const r = cli(args.includes('--rules') ? args : [...args, '--rules', p]);
    const out = r.stdout + r.stderr;
    t.false(/[\x07\x1b\x9b]/.test(out), `${args.join(' ')}: no raw ESC, BEL or CSI: ${JSON.stringify(out.slice(0, 300))}`);
  }
  const r = cli(['analyze', f, '--rules', p]);
  t.regex(r.stdout, /Demo ␛\]0;pwned\\x07boom ␛\[2J\\x9b31m/, 'the title is shown, its controls made visible');
});

test("watch and collect: a pack's rule title with ESC, OSC and C1 CSI never reaches the terminal raw", (t) => {
  const d = tmp();
  const p = makePack({ title: TITLE_BAIT }, join(d, 'pack'));
  // ndjson is data: JSON escapes the C0 controls in it, as analyze's json does.
  for (const format of ['text']) {
    const r = cli(['watch', '-', '--rules', p, '--format', format], `${PACK_LINE}\n`);
    t.is(r.code, 0, r.stderr);
    t.true(r.stdout.includes('pwned'), `watch ${format}: the finding is reported`);
    t.false(/[\x07\x1b\x9b]/.test(r.stdout + r.stderr), `watch ${format}: no raw ESC, BEL or CSI: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  const root = fakeRoot({ 'etc/i2pd/i2pd.conf': 'log = file\nlogfile = /var/log/i2pd/i2pd.log\n', 'var/log/i2pd/i2pd.log': `${PACK_LINE}\n` });
  for (const format of ['markdown', 'text']) {
    const r = cli(['collect', '--root', root, '--rules', p, '--format', format, '--output', join(d, `bundle-${format}.tar.gz`)]);
    t.is(r.code, 0, r.stderr);
    t.true(r.stdout.includes('pwned'), `collect ${format}: the finding is reported`);
    t.false(/[\x07\x1b\x9b]/.test(r.stdout + r.stderr), `collect ${format}: no raw ESC, BEL or CSI: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
});

test('watch: a log file name with a newline cannot forge report lines, on stdout or stderr', async (t) => {
  const d = tmp();
  const f = join(d, `evil\n${FORGED}\n.log`);
  writeFileSync(f, `${ENOBUFS}\n`);
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'watch', f, '--interval', '0.1'], { env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b));
  child.stderr.on('data', (b: Buffer) => (err += b));
  const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  // A bound, not a measure: the finding is waited for, then watch is stopped as Ctrl+C would.
  for (let i = 0; i < 1200 && !/NEW/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGINT');
  t.is(await exit, 0, err);
  t.regex(out, /NEW/, 'the finding is reported');
  const lines = `${out}\n${err}`.split('\n');
  t.false(lines.some((l) => /^\W*1\. CRITICAL {2}Forged/.test(l)), `no forged line: ${lines.filter((l) => l.includes('Forged')).join(' | ')}`);
  t.true(out.includes('evil\\n1. CRITICAL  Forged finding\\n.log'), 'the name is shown with its newline made visible');
});
