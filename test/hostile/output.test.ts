// Output safety through the CLI: a log line written by an attacker stays text in every format.
// HTML escapes it; markdown keeps it inside its code block (checked with marked's own lexer, the
// way a renderer sees it) with no live @mention; a terminal never receives the log's ESC.
import test from 'ava';
import { marked, type Token } from 'marked';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

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
