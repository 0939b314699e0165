import test from 'ava';
import { cli } from '../helpers/cli.js';

const FREEBSD = 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log';
const PEERS = 'samples/time/clock-corrected-from-peers-ahead-syslog.log';
const JUMP = 'samples/time/clock-backward-jump-once-iso.log';

test('explain a rule that fired: every condition holds, with the values read from the log', (t) => {
  const r = cli(['explain', 'clock-corrected-from-peers', PEERS]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /rule clock-corrected-from-peers: /);
  t.regex(r.stdout, /✓ holds +ssu2\.clock-adjusted \$\.captures\.offset matchesPattern /);
  t.regex(r.stdout, /actual: \["-3597"\]/);
  t.regex(r.stdout, /✓ holds +env \$\.version versionAtLeast "2\.50\.2"\n +actual: "2\.52\.0"/);
  t.regex(r.stdout, /outcome: confirmed: every condition it needs holds/);
});

test('explain a rule that did not fire: the failing condition is marked and counted', (t) => {
  const r = cli(['explain', 'clock-corrected-from-peers', JUMP]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /✗ fails +ssu2\.clock-adjusted .*\n +actual: \(absent\) \(ssu2\.clock-adjusted matched 0 lines\)/);
  t.regex(r.stdout, /outcome: not fired: it cannot hold: 1 condition fails/);
});

test('explain a likely finding: the unknown facts with their reason and what to attach', (t) => {
  const r = cli(['explain', 'ssu2-socket-buffer-enobufs', FREEBSD]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /\? unknown config \$\.floodfill equal true\n.*\n +unknown \(not-given\): .*Attach i2pd\.conf/);
  t.regex(r.stdout, /unknown \(log-level\): The log level hides/);
  t.regex(r.stdout, /outcome: likely: the conditions with a known fact hold; unknown: config\.floodfill/);
});

test('explain with the case\'s i2pd.conf: the config fact is known and the rule confirmed', (t) => {
  const r = cli(['explain', 'ssu2-socket-buffer-enobufs', FREEBSD, '--config', 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill-with-conf/i2pd.conf']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /✓ holds +config \$\.floodfill equal true\n +actual: true/);
  t.regex(r.stdout, /outcome: confirmed/);
});

test('explain --format json gives the tree, the outcome and the missing facts', (t) => {
  const r = cli(['explain', 'ssu2-socket-buffer-enobufs', FREEBSD, '--format', 'json']);
  t.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  t.is(j.rule, 'ssu2-socket-buffer-enobufs');
  t.is(j.outcome, 'likely');
  t.is(j.conditions.kind, 'all');
  t.is(j.conditions.outcome, 'U');
  const leaf = j.conditions.children[0];
  t.like(leaf, { kind: 'leaf', outcome: 'T', fact: 'ssu2.socket-open-failed', operator: 'includesText', expected: 'No buffer space available', matched: 2 });
  t.true(j.missing.some((m: { fact: string }) => m.fact === 'config.floodfill'));
});

test('explain with an unknown rule id exits 2 and names the nearest ids', (t) => {
  const r = cli(['explain', 'clok-backward', JUMP]);
  t.is(r.code, 2);
  t.regex(r.stderr, /no rule "clok-backward"; did you mean clock-backward-jump/);
  t.is(r.stdout, '');
});
