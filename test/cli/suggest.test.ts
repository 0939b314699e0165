// `analyze --suggest`: the drafts it writes are a start that its own `rules lint` accepts once
// the TODOs a person must answer are answered, and a source it could not read still fails the run.
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const LOG = [
  '12:00:00@100/none - i2pd v2.57.0 (0.9.66) starting...',
  '12:00:01@100/error - HTTP Server: Strange failure 5 in handler for 203.0.113.9:24567',
  '12:00:02@100/error - Garlic: 203.0.113.5: 12',
  '',
].join('\n');

function unknown(dir: string): { id: string; module: string; template: string }[] {
  return JSON.parse(cli(['analyze', join(dir, 'a.log'), '--format', 'json']).stdout).unknownMessages;
}

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-suggest-'));
  writeFileSync(join(dir, 'a.log'), LOG);
  return dir;
}

test('a draft signature passes its own lint once its TODOs are answered, even for a module name with a space', (t) => {
  const dir = setup();
  const u = unknown(dir).find((x) => x.module === 'HTTP Server')!;
  const drafts = join(dir, 'drafts');
  const r = cli(['analyze', join(dir, 'a.log'), '--suggest', u.id, '--drafts', drafts]);
  t.is(r.code, 0, r.stderr);
  // What the tool leaves to a person: the source file and the meaning.
  const pack = join(dir, 'pack');
  mkdirSync(join(pack, 'rules', 'signatures'), { recursive: true });
  for (const f of readdirSync(join(drafts, 'signatures'))) {
    const text = readFileSync(join(drafts, 'signatures', f), 'utf8').replace(/"source": "TODO[^"]*"/, '"source": "daemon/HTTPServer.cpp"').replace(/"meaning": "TODO[^"]*"/, '"meaning": "An invented message for this test."');
    writeFileSync(join(pack, 'rules', 'signatures', f), text);
  }
  const lint = cli(['rules', 'lint', '--rules', pack]);
  t.regex(lint.stdout, /0 errors/, lint.stdout);
  const sig = JSON.parse(readFileSync(join(pack, 'rules', 'signatures', readdirSync(join(pack, 'rules', 'signatures'))[0]), 'utf8'));
  t.regex(sig.signatures[0].id, /^http-server\./);
  t.regex('Strange failure 5 in handler for 203.0.113.9:24567', new RegExp(sig.signatures[0].pattern, 'i'));
});

test('a template with no fixed text to test first gets no draft, and says what to do', (t) => {
  const dir = setup();
  const u = unknown(dir).find((x) => x.module === 'Garlic')!;
  t.is(u.template, '<ip>: <n>');
  const drafts = join(dir, 'drafts');
  const r = cli(['analyze', join(dir, 'a.log'), '--suggest', u.id, '--drafts', drafts]);
  t.is(r.code, 2);
  t.regex(r.stderr, new RegExp(`template ${u.id} \\(Garlic: <ip>: <n>\\) has no fixed text of 3 characters or more.*write the signature by hand`));
  t.false(existsSync(drafts));
});

test('--suggest exits 2 when a source could not be read, as analyze does', (t) => {
  const dir = setup();
  const u = unknown(dir).find((x) => x.module === 'HTTP Server')!;
  const r = cli(['analyze', join(dir, 'a.log'), join(dir, 'missing.log'), '--suggest', u.id, '--drafts', join(dir, 'drafts')]);
  t.regex(r.stderr, /missing\.log: no such file or folder/);
  t.regex(r.stderr, /drafts written/);
  t.is(r.code, 2);
});
