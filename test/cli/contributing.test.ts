// CONTRIBUTING.md (steps 2 to 5) followed once, as a new contributor would, in a pack of their own:
// signature -> rules new -> fill in -> rules lint -> rules test -> analyze / explain.
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const ID = 'sam-client-version-mismatch';
const SIG = 'sam.handshake-version-mismatch';

function newPack(): string {
  const pack = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'));
  mkdirSync(join(pack, 'rules', 'signatures'), { recursive: true });
  // Step 2 of CONTRIBUTING.md: the signature, from the message in libi2pd_client/SAM.cpp.
  writeFileSync(join(pack, 'rules', 'signatures', 'sam.json'), JSON.stringify({
    module: 'SAM',
    signatures: [{
      id: SIG,
      levels: ['error'],
      literal: 'handshake version mismatch',
      pattern: '^Handshake version mismatch (?<min>\\S+) (?<max>\\S+)$',
      source: 'libi2pd_client/SAM.cpp',
      meaning: 'A SAM client asked for a protocol version range that i2pd does not speak.',
    }],
  }, null, 2));
  return pack;
}

const files = (pack: string) => ({
  rule: join(pack, 'rules', 'services', `${ID}.json`),
  article: join(pack, 'kb', `${ID}.md`),
  fires: join(pack, 'samples', 'services', `${ID}.log`),
  firesExpect: join(pack, 'samples', 'services', `${ID}.expect.json`),
  quiet: join(pack, 'samples', 'services', `${ID}-quiet.log`),
  quietExpect: join(pack, 'samples', 'services', `${ID}-quiet.expect.json`),
});

function fillIn(pack: string): void {
  const f = files(pack);
  const rule = JSON.parse(readFileSync(f.rule, 'utf8'));
  rule.title = 'A SAM client asks for a protocol version i2pd does not speak';
  rule.tags = ['sam', 'client'];
  rule.references = ['libi2pd_client/SAM.cpp'];
  writeFileSync(f.rule, JSON.stringify(rule, null, 2) + '\n');
  writeFileSync(f.article, `---
id: ${ID}
title: A SAM client asks for a protocol version i2pd does not speak
applies-to: [all]
rules: [${ID}]
---

## Symptoms

\`\`\`
SAM: Handshake version mismatch 4.0 4.9
\`\`\`

The application (a torrent client, a messenger) cannot connect through SAM.

## Cause

The client's \`HELLO VERSION\` names a range of SAM versions with none that i2pd implements
(\`libi2pd_client/SAM.cpp\`), so i2pd answers \`NOVERSION\` and closes the session.

## Fix

Update the application, or configure it to use SAM 3.1 to 3.3.

## Verify

Restart the application: the line no longer appears and the client's session shows in the web
console under SAM sessions.

## References

- \`libi2pd_client/SAM.cpp\` (prints the message and the reply)
`);
  writeFileSync(f.fires, [
    '12:00:00@100/none - i2pd v2.57.0 (0.9.66) starting...',
    '12:00:05@131/error - SAM: Handshake version mismatch 4.0 4.9',
    '12:01:05@131/error - SAM: Handshake version mismatch 4.0 4.9',
    '',
  ].join('\n'));
  writeFileSync(f.firesExpect, JSON.stringify({ description: 'file log: a client asking for SAM 4.x twice', fire: { [ID]: 'confirmed' } }, null, 2));
  writeFileSync(f.quiet, [
    '12:00:00@100/none - i2pd v2.57.0 (0.9.66) starting...',
    '12:00:05@131/debug - SAM: Handshake read error: End of file',
    '',
  ].join('\n'));
  writeFileSync(f.quietExpect, JSON.stringify({ description: 'a SAM client that hung up: not a version problem', quiet: [ID] }, null, 2));
}

test('CONTRIBUTING.md end to end: scaffold, fill in, lint, test, analyze and explain in a pack', (t) => {
  const pack = newPack();
  const f = files(pack);

  const created = cli(['rules', 'new', ID, '--area', 'services', '--rules', pack, '--signature', SIG]);
  t.is(created.code, 0, created.stderr);
  for (const file of Object.values(f)) t.true(existsSync(file), file);
  t.regex(created.stdout, new RegExp(`rules test ${ID} --rules `));
  const rule = JSON.parse(readFileSync(f.rule, 'utf8'));
  t.true(existsSync(join(f.rule, '..', rule.$schema)), 'the $schema path resolves to the schema copied into the pack');
  t.deepEqual(rule.conditions.all[0], { fact: SIG, path: '$.count', operator: 'greaterThanInclusive', value: 1 });

  // Scaffolded as is, lint refuses every file for its TODOs, and for nothing else.
  const before = cli(['rules', 'lint', '--rules', pack]);
  t.is(before.code, 1);
  for (const file of Object.values(f)) t.regex(before.stdout, new RegExp(`${file.split('/').pop()!.replace(/\./g, '\\.')}\\n  error   still has TODO placeholders`));
  const errors = before.stdout.split('\n').filter((l) => l.startsWith('  error'));
  t.deepEqual(errors.filter((l) => !/TODO|expected fires \(confirmed\), got quiet/.test(l)), []);

  fillIn(pack);
  const lint = cli(['rules', 'lint', '--rules', pack]);
  t.is(lint.code, 0, lint.stdout + lint.stderr);
  t.regex(lint.stdout, /0 errors, 0 warnings/);

  const tested = cli(['rules', 'test', ID, '--rules', pack]);
  t.is(tested.code, 0, tested.stdout);
  t.regex(tested.stdout, /2 of 2 samples pass/);

  const analyzed = cli(['analyze', f.fires, '--rules', pack]);
  t.regex(analyzed.stdout, /A SAM client asks for a protocol version i2pd does not speak.*\[confirmed\]/);
  t.regex(analyzed.stdout, /Update the application/);

  const explained = cli(['explain', ID, f.fires, '--rules', pack]);
  t.is(explained.code, 0, explained.stderr);
  t.regex(explained.stdout, /✓ holds +sam\.handshake-version-mismatch \$\.count greaterThanInclusive 1\n +actual: 2/);
  t.regex(explained.stdout, /outcome: confirmed/);
});

test('rules new refuses to overwrite: one existing file and nothing is written', (t) => {
  const pack = newPack();
  const f = files(pack);
  mkdirSync(join(pack, 'kb'));
  writeFileSync(f.article, 'mine\n');
  const r = cli(['rules', 'new', ID, '--area', 'services', '--rules', pack]);
  t.is(r.code, 2);
  t.regex(r.stderr, new RegExp(`not overwriting: .*kb/${ID}\\.md exists; nothing written`));
  t.is(readFileSync(f.article, 'utf8'), 'mine\n');
  t.false(existsSync(f.rule));
});

test('rules new checks the id: kebab-case, not taken, and a known signature', (t) => {
  const pack = newPack();
  const bad = cli(['rules', 'new', 'SAM_Version', '--rules', pack]);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /"SAM_Version" is not a kebab-case id/);
  const taken = cli(['rules', 'new', 'clock-backward-jump', '--rules', pack]);
  t.is(taken.code, 2);
  t.regex(taken.stderr, /a rule "clock-backward-jump" exists already \(rules\/time\/clock-backward-jump\.json\)/);
  const sig = cli(['rules', 'new', ID, '--rules', pack, '--signature', 'sam.handshake-mismatch']);
  t.is(sig.code, 2);
  t.regex(sig.stderr, /no signature "sam\.handshake-mismatch"; did you mean sam\.handshake-version-mismatch/);
  t.false(existsSync(join(pack, 'kb')));
});
