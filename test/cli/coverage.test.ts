// `rules coverage` as a maintainer runs it: on an i2pd git repository (two release tags made
// here), on a plain tree, on the wrong input, and on the real i2pd mirror when this machine has it.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

// i2pd's sources indent with tabs; these stand-ins keep that shape.
/* eslint-disable @stylistic/no-tabs */
const DEMO_210 = `void Demo::Start ()
{
	LogPrint (eLogInfo, "Demo: Started");
	LogPrint (eLogError, "Demo: Failed to bind to port ", port, ": ", ec.message ());
	LogPrint (eLogWarning, "Demo: Unknown block type ", (int)type);
	LogPrint (eLogWarning, "Demo: Peer ", ident, " sent garbage");
}
`;
const DEMO_220 = DEMO_210.replace('}\n', `	LogPrint (eLogCritical, "Demo: Can't open keys file ", filename);
	LogPrint (eLogError, "Demo: Failed to bind to port ", port, ": ", ec.message ());
}
`);
/* eslint-enable @stylistic/no-tabs */

/** A git repository of a fake i2pd with the tags 2.1.0 and 2.2.0, and a pack that knows some of its messages. */
function fixture(): { repo: string; pack: string } {
  const repo = mkdtempSync(join(tmpdir(), 'i2pd-repo-'));
  mkdirSync(join(repo, 'libi2pd'));
  writeFileSync(join(repo, 'libi2pd', 'Demo.cpp'), DEMO_210);
  writeFileSync(join(repo, 'libi2pd', 'Other.cpp'), 'void g () { LogPrint (eLogDebug, "Other: Debug ", x); }\n');
  git(repo, 'init', '-q');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', '2.1.0');
  git(repo, 'tag', '2.1.0');
  writeFileSync(join(repo, 'libi2pd', 'Demo.cpp'), DEMO_220);
  git(repo, 'commit', '-q', '-am', '2.2.0');
  git(repo, 'tag', '2.2.0');
  git(repo, 'tag', 'not-a-release');

  const pack = mkdtempSync(join(tmpdir(), 'i2pd-doctor-pack-'));
  mkdirSync(join(pack, 'rules', 'signatures'), { recursive: true });
  mkdirSync(join(pack, 'rules', 'catalogue'), { recursive: true });
  writeFileSync(join(pack, 'rules', 'signatures', 'demo.json'), JSON.stringify({
    module: 'Demo',
    signatures: [{ id: 'demo.bind-failed', levels: ['error'], literal: 'failed to bind to port', pattern: '^Failed to bind to port (?<port>\\d+): (?<reason>.+)$', source: 'libi2pd/Demo.cpp', meaning: 'The demo port is not listening.' }],
  }));
  writeFileSync(join(pack, 'rules', 'catalogue', 'demo.json'), JSON.stringify({
    messages: [
      { template: 'Demo: Unknown block type {}', levels: ['warn'], source: 'libi2pd/Demo.cpp', skip: 'per-peer protocol noise: one malformed block from one peer, dropped' },
      { template: "Demo: Can't open keys file {}", levels: ['critical'], source: 'libi2pd/Demo.cpp', todo: 'the tunnel has no keys and does not start; deserves a signature' },
    ],
  }));
  return { repo, pack };
}

test('coverage per level and release on a git repository: covered, skipped, todo and unknown; exit 1 under the goal', (t) => {
  const { repo, pack } = fixture();
  const r = cli(['rules', 'coverage', repo, '--rules', pack]);
  t.is(r.code, 1, r.stdout + r.stderr);
  const out = r.stdout;
  // The newest release tag and 2.1.0, newest first; info and debug calls do not count.
  t.regex(out, /^2\.2\.0: 5 LogPrint calls at critical, error and warn\n/);
  t.regex(out, /\n2\.1\.0: 3 LogPrint calls at critical, error and warn\n/);
  t.regex(out, /level +templates +signature +skip +todo +unknown +covered +goal/);
  // 2.2.0: the bind failure (printed twice, one template) by the signature, the critical one todo.
  t.regex(out, /2\.2\.0: [^]*?\ncritical +1 +0 +0 +1 +0 +0\.0 % +100 % +under\nerror +1 +1 +0 +0 +0 +100\.0 % +100 % +met\nwarn +2 +0 +1 +0 +1 +50\.0 % +90 % +under\n/);
  t.regex(out, /2\.1\.0: [^]*?\ncritical +0 +0 +0 +0 +0 +100\.0 % +100 % +met\n/);
  t.regex(out, /not covered in 2\.2\.0 \(2\):\n  critical todo +libi2pd\/Demo\.cpp:7  Demo: Can't open keys file \{\}\n  warn +unknown libi2pd\/Demo\.cpp:6  Demo: Peer \{\} sent garbage\n/);
  t.regex(out, /not covered in 2\.1\.0 \(1\):\n  warn +unknown libi2pd\/Demo\.cpp:6  Demo: Peer \{\} sent garbage\n/);
  t.regex(out, /unknown: in no signature and not in rules\/catalogue\/; write a signature, or list it .* with "skip" and the reason/);
  t.regex(out, /goal \(100 % of critical, 100 % of error, at least 90 % of warn, in each release shown\): not met for 2\.2\.0, 2\.1\.0\n$/);

  // One release, as JSON.
  const j = cli(['rules', 'coverage', repo, '--rules', pack, '--release', '2.1.0', '--format', 'json']);
  t.is(j.code, 1);
  const data = JSON.parse(j.stdout) as { met: boolean; releases: { release: string; calls: number; levels: { level: string; templates: number; skip: number; unknown: number }[]; missing: { template: string; status: string; sites: string[] }[] }[] };
  t.false(data.met);
  t.deepEqual(data.releases.map((x) => x.release), ['2.1.0']);
  t.is(data.releases[0].calls, 3);
  t.like(data.releases[0].levels.find((l) => l.level === 'warn'), { templates: 2, skip: 1, unknown: 1 });
  t.deepEqual(data.releases[0].missing.map((m) => [m.template, m.status, m.sites]), [['Demo: Peer {} sent garbage', 'unknown', ['libi2pd/Demo.cpp:6']]]);
});

test('exit 0 when the goal is met; a plain source tree is measured as it is', (t) => {
  const { repo, pack } = fixture();
  writeFileSync(join(pack, 'rules', 'catalogue', 'more.json'), JSON.stringify({
    groups: { noise: { skip: 'per-peer protocol noise: one peer misbehaving, its data dropped' } },
    messages: [{ template: 'Demo: Peer {} sent garbage', group: 'noise' }],
  }));
  const r = cli(['rules', 'coverage', repo, '--rules', pack, '--release', '2.1.0']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /goal \(.*\): met for 2\.1\.0\n$/);
  t.notRegex(r.stdout, /not covered/);

  // The same sources without git: only that tree, named by its path.
  const plain = mkdtempSync(join(tmpdir(), 'i2pd-src-'));
  cpSync(join(repo, 'libi2pd'), join(plain, 'libi2pd'), { recursive: true });
  const p = cli(['rules', 'coverage', plain, '--rules', pack]);
  t.is(p.code, 1, p.stdout + p.stderr);
  t.regex(p.stdout, new RegExp(`^${plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 5 LogPrint calls`));
  t.regex(p.stdout, /critical todo +libi2pd\/Demo\.cpp:7  Demo: Can't open keys file \{\}/);
});

test('usage and input errors exit 2 with a message that names the path and what to do', (t) => {
  const { repo, pack } = fixture();
  const cases: [string[], RegExp][] = [
    [[join(repo, 'nope')], /nope: no such folder; give an i2pd git repository \(git clone https:\/\/github\.com\/PurpleI2P\/i2pd\) or the root of an i2pd source tree/],
    [[repo, '--release', '2.9.9'], /: no release tag "2\.9\.9"; its tags run from 2\.1\.0 to 2\.2\.0/],
    [[join(repo, 'libi2pd'), '--release', '2.1.0'], /libi2pd: not a git repository, so it has no releases to choose; leave out --release/],
  ];
  const empty = mkdtempSync(join(tmpdir(), 'i2pd-src-'));
  writeFileSync(join(empty, 'README.md'), 'not i2pd\n');
  cases.push([[empty], /: no LogPrint calls at critical, error or warn in its \.cpp\/\.h files; is this i2pd's source\?/]);
  const untagged = mkdtempSync(join(tmpdir(), 'i2pd-repo-'));
  writeFileSync(join(untagged, 'a.cpp'), 'void f () { LogPrint (eLogError, "A: b"); }\n');
  git(untagged, 'init', '-q');
  cases.push([[untagged], /a git repository without i2pd release tags \(2\.x\.y\); fetch them \(git fetch --tags\), or give a plain source tree/]);
  for (const [args, message] of cases) {
    const r = cli(['rules', 'coverage', ...args, '--rules', pack]);
    t.is(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    t.regex(r.stderr, message);
    t.notRegex(r.stderr, /\n\s+at /, 'no stack trace');
    t.is(r.stdout, '');
  }
  const bad = cli(['rules', 'coverage', repo, '--format', 'yaml']);
  t.is(bad.code, 2);
  rmSync(untagged, { recursive: true, force: true });
});

const MIRROR = '/work/.mirror/PurpleI2P+i2pd/repo';
const onMirror = existsSync(MIRROR) ? test : test.skip;

onMirror(`every message of i2pd 2.58.0 and 2.1.0 at critical, error and warn is known (real mirror${existsSync(MIRROR) ? '' : `: skipped, ${MIRROR} is absent, as in CI`})`, (t) => {
  const r = cli(['rules', 'coverage', MIRROR, '--release', '2.58.0', '--release', '2.1.0', '--format', 'json'], undefined, {}, 120_000);
  t.true(r.code === 0 || r.code === 1, r.stderr);
  const data = JSON.parse(r.stdout) as { releases: { release: string; calls: number; levels: { level: string; templates: number; unknown: number }[]; missing: { template: string; status: string; sites: string[] }[] }[] };
  t.deepEqual(data.releases.map((x) => x.release), ['2.58.0', '2.1.0']);
  for (const rel of data.releases) {
    t.true(rel.calls > 200, `${rel.release}: ${rel.calls} calls`);
    // Nothing unknown: every template has a signature or a catalogue entry.
    const unknown = rel.missing.filter((m) => m.status === 'unknown');
    t.deepEqual(unknown.map((m) => `${m.sites[0]} ${m.template}`), [], `${rel.release} has messages neither a signature nor rules/catalogue/ knows`);
  }
  // The default releases are the newest tag and 2.1.0.
  const d = cli(['rules', 'coverage', MIRROR], undefined, {}, 120_000);
  t.regex(d.stdout, /^\d+\.\d+\.\d+: \d+ LogPrint calls at critical, error and warn\n/);
  t.regex(d.stdout, /\n2\.1\.0: \d+ LogPrint calls/);
});
