// A pack of one's own, from the commands' side: a wrong path is an error and never a silent
// pass, lint honours the project config as analyze does, a pack's article reads like a bundled
// one, and `rules new` in a pack prints next steps that work there.
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { cli } from '../helpers/cli.js';

const ID = 'sam-client-version-mismatch';
const SIG = 'sam.handshake-version-mismatch';

function dir(prefix = 'i2pd-doctor-pack-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A pack with one signature, one rule, its article and its two samples: lint passes it. */
function pack(): string {
  const p = dir();
  const put = (f: string, text: string) => {
    mkdirSync(join(p, f, '..'), { recursive: true });
    writeFileSync(join(p, f), text);
  };
  put('rules/signatures/sam.json', JSON.stringify({
    module: 'SAM',
    signatures: [{ id: SIG, levels: ['error'], literal: 'handshake version mismatch', pattern: '^Handshake version mismatch (?<min>\\S+) (?<max>\\S+)$', source: 'libi2pd_client/SAM.cpp', meaning: 'A SAM client asked for versions i2pd does not speak.' }],
  }));
  put(`rules/services/${ID}.json`, JSON.stringify({
    id: ID, title: 'A SAM client asks for a protocol version i2pd does not speak', severity: 'warning', status: 'experimental', article: ID, tags: ['sam'], references: ['libi2pd_client/SAM.cpp'],
    conditions: { all: [{ fact: SIG, path: '$.count', operator: 'greaterThanInclusive', value: 1 }] },
  }));
  put(`kb/${ID}.md`, `---\nid: ${ID}\ntitle: A SAM client asks for a protocol version i2pd does not speak\napplies-to: [all]\nrules: [${ID}]\n---\n\n## Symptoms\n\n\`SAM: Handshake version mismatch 4.0 4.9\`\n\n## Cause\n\nThe client asks for SAM versions i2pd does not implement (\`libi2pd_client/SAM.cpp\`).\n\n## Fix\n\nUpdate the application, or set it to SAM 3.1 to 3.3.\n\n## Verify\n\nThe line no longer appears.\n\n## References\n\n- \`libi2pd_client/SAM.cpp\`\n`);
  put(`samples/services/${ID}.log`, '12:00:00@100/none - i2pd v2.57.0 (0.9.66) starting...\n12:00:05@131/error - SAM: Handshake version mismatch 4.0 4.9\n');
  put(`samples/services/${ID}.expect.json`, JSON.stringify({ description: 'a client asking for SAM 4.x', fire: { [ID]: 'confirmed' } }));
  put(`samples/services/${ID}-quiet.log`, '12:00:00@100/none - i2pd v2.57.0 (0.9.66) starting...\n12:00:05@131/debug - SAM: Handshake read error: End of file\n');
  put(`samples/services/${ID}-quiet.expect.json`, JSON.stringify({ description: 'a client that hung up', quiet: [ID] }));
  return p;
}

test('rules lint on a folder that does not exist, or holds no pack, is an error that names it', (t) => {
  const missing = cli(['rules', 'lint', '--rules', '/no/such/dir']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /\/no\/such\/dir: no such folder; a pack is a folder with rules\/, kb\/ and samples\//);
  t.notRegex(missing.stdout, /0 errors/);
  const empty = dir();
  const r = cli(['rules', 'lint', '--rules', empty]);
  t.is(r.code, 2);
  t.regex(r.stderr, new RegExp(`${empty}: not a pack: it has none of rules/, kb/, samples/; .*i2pd-doctor rules new <id> --rules`));
  t.notRegex(r.stdout, /0 errors/);
  t.is(cli(['analyze', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log', '--rules', empty]).code, 2, 'analyze refuses it too');
});

test('a pack folder without kb/ or samples/ is told which it lacks', (t) => {
  const p = pack();
  const bare = dir();
  mkdirSync(join(bare, 'rules'));
  writeFileSync(join(bare, 'rules', 'sam.json'), readFileSync(join(p, 'rules', 'services', `${ID}.json`)));
  const r = cli(['rules', 'lint', '--rules', bare]);
  t.is(r.code, 1);
  t.regex(r.stdout, /warning +this pack has no kb\/ and no samples\/ folder: a pack holds rules\/, kb\/ and samples\/ side by side/);
});

test('rules lint honours the packs of .i2pd-doctor.json, as analyze and rules test do', (t) => {
  const p = pack();
  const project = dir('i2pd-doctor-project-');
  writeFileSync(join(project, '.i2pd-doctor.json'), JSON.stringify({ packs: [p] }));
  const ok = cli(['rules', 'lint'], undefined, {}, 60_000, project);
  t.is(ok.code, 0, ok.stdout + ok.stderr);
  t.regex(ok.stdout, new RegExp(`0 errors, 0 warnings in \\S*${basename(p)}\\n$`), 'it lints the configured pack');
  // A flaw in the configured pack now fails lint instead of passing unseen.
  writeFileSync(join(p, 'kb', `${ID}.md`), readFileSync(join(p, 'kb', `${ID}.md`), 'utf8').replace(/## Verify[\s\S]*?## References/, '## References'));
  const bad = cli(['rules', 'lint'], undefined, {}, 60_000, project);
  t.is(bad.code, 1);
  t.regex(bad.stdout, /section "## Verify" is missing/);
  writeFileSync(join(project, '.i2pd-doctor.json'), JSON.stringify({ packs: ['./gone'] }));
  const gone = cli(['rules', 'lint'], undefined, {}, 60_000, project);
  t.is(gone.code, 2);
  t.regex(gone.stderr, /gone: no such folder/);
});

test('kb reads a pack\'s article, and analyze\'s hint for it is a command that works', (t) => {
  const p = pack();
  const listed = cli(['kb', '--rules', p]);
  t.regex(listed.stdout, new RegExp(`${ID} +A SAM client asks`));
  const one = cli(['kb', ID, '--rules', p]);
  t.is(one.code, 0, one.stderr);
  t.regex(one.stdout, /Update the application/);
  const analyzed = cli(['analyze', join(p, 'samples', 'services', `${ID}.log`), '--rules', p]);
  const hint = /full article: (i2pd-doctor kb .+)$/m.exec(analyzed.stdout)?.[1];
  t.truthy(hint, analyzed.stdout);
  const again = cli(hint!.split(' ').slice(1));
  t.is(again.code, 0, again.stderr);
  t.regex(again.stdout, /Update the application/);
});

test('rules new run inside a pack prints next steps that work there, and a $schema inside the pack', (t) => {
  const p = pack();
  const created = cli(['rules', 'new', 'sam-session-limit', '--area', 'services', '--signature', SIG], undefined, {}, 60_000, p);
  t.is(created.code, 0, created.stderr);
  const steps = created.stdout.split('\n').filter((l) => l.startsWith('  i2pd-doctor ')).map((l) => l.trim().split(/\s+/).slice(1));
  t.is(steps.length, 3, created.stdout);
  for (const args of steps) {
    const r = cli(args, undefined, {}, 60_000, p);
    t.notRegex(r.stderr, /no rule|no such/, args.join(' '));
    if (args[1] === 'lint') {
      t.regex(r.stdout, /rules\/services\/sam-session-limit\.json\n  error   still has TODO placeholders/, 'lint looks at the new files');
      t.regex(r.stdout, new RegExp(`in ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|in \\.\\n`));
    }
    if (args[0] === 'explain') t.is(r.code, 0, r.stderr);
  }
  const rule = JSON.parse(readFileSync(join(p, 'rules', 'services', 'sam-session-limit.json'), 'utf8'));
  t.is(rule.$schema, '../../schemas/rule.schema.json');
  const schema = resolve(p, 'rules', 'services', rule.$schema);
  t.true(existsSync(schema), 'the schema is in the pack, wherever the tool is installed');
  t.is(JSON.parse(readFileSync(schema, 'utf8')).title, 'i2pd-doctor rule');
  t.true(existsSync(join(p, 'schemas', 'signatures.schema.json')), 'and the signatures\' schema beside it');
});
