// What `rules coverage` counts: LogPrint calls at critical, error and warn reduced to templates,
// a signature fitting a template, the catalogue's entries, and the goal per level.
import test from 'ava';
import { parseCatalogue, catalogueFindings } from '../../src/lint/catalogue.js';
import { callsOf, coverageOf, fits, type Call } from '../../src/lint/coverage.js';
import { compileSignature, type SignatureSpec } from '../../src/match/signature.js';

const sig = (spec: Partial<SignatureSpec> & { literal: string }, module = 'Demo') =>
  compileSignature({ id: 'demo.x', source: 'libi2pd/Demo.cpp', meaning: 'm', ...spec }, { module, signatures: [] }, 'rules/signatures/demo.json');

test('calls at critical, error and warn become templates with their level, module and line', (t) => {
  const src = [
    'void f () {',
    '  LogPrint (eLogInfo, "Demo: Started");',
    '  LogPrint (eLogError, "Demo: Failed to bind to ", ep, ": ", ec.message ());',
    '  LogPrint (eLogWarning, "Demo: Queue to ",',
    '    ident.ToBase64 (), " exceeds ", (int)MAX);',
    '  LogPrint (ec == boost::asio::error::would_block ? eLogInfo : eLogError, "Demo: Send error ", ec.message ());',
    '  LogPrint (eLogCritical, "Failed to start\\n    now");',
    '  LogPrint (eLogError, m_Name, ": Runtime exception: ", ex.what ());',
    '}',
  ].join('\n');
  const calls = callsOf(src, 'libi2pd/Demo.cpp').map((c) => `${c.level} ${c.module || '-'} ${c.line} ${c.template}`);
  t.deepEqual(calls, [
    'error Demo 3 Demo: Failed to bind to {}: {}',
    'warn Demo 4 Demo: Queue to {} exceeds {}',
    'error Demo 6 Demo: Send error {}',
    'critical - 7 Failed to start now',
    'error {} 8 {}: Runtime exception: {}',
  ]);
});

const call = (template: string, level: Call['level'] = 'error', module = 'Demo'): Pick<Call, 'level' | 'template' | 'module'> => ({ level, template, module });

test('a signature fits a template when its literal is fixed text and its pattern matches an instance', (t) => {
  t.true(fits(sig({ literal: 'failed to bind to', pattern: '^Failed to bind to (?<ep>\\S+): (?<reason>.+)$' }), call('Demo: Failed to bind to {}: {}')));
  // The literal may not lie in an argument: that signature knows some values only.
  t.false(fits(sig({ literal: 'failed to bind to 0.0.0.0' }), call('Demo: Failed to bind to {}: {}')));
  // A pattern no instance matches does not fit.
  t.false(fits(sig({ literal: 'failed to bind to', pattern: '^Failed to bind to port (?<port>\\d+)$' }), call('Demo: Failed to bind to {}: {}')));
  // Levels and modules must agree.
  t.false(fits(sig({ literal: 'failed to bind to', levels: ['critical'] }), call('Demo: Failed to bind to {}: {}')));
  t.false(fits(sig({ literal: 'failed to bind to' }, 'Other'), call('Demo: Failed to bind to {}: {}')));
  t.true(fits(sig({ literal: 'failed to bind to' }, 'demo'), call('Demo: Failed to bind to {}: {}')));
  // `*` signatures fit a module that is an argument (the thread name).
  t.true(fits(sig({ literal: 'runtime exception: ', pattern: '^Runtime exception: (?<what>.+)$' }, '*'), call('{}: Runtime exception: {}', 'error', '{}')));
  t.false(fits(sig({ literal: 'runtime exception: ' }, '*'), call('Runtime exception: {}', 'error', '')));
});

const catalogue = (messages: unknown[], groups?: unknown) =>
  parseCatalogue([{ name: 'rules/catalogue/demo.json', text: JSON.stringify({ groups, messages }) }]);

test('coverage counts templates per level: signature and skip are known, todo and unknown are not', (t) => {
  const calls: Call[] = [
    { level: 'error', template: 'Demo: Failed to bind to {}: {}', module: 'Demo', file: 'Demo.cpp', line: 3 },
    { level: 'error', template: 'Demo: Failed to bind to {}: {}', module: 'Demo', file: 'Demo.cpp', line: 9 },
    { level: 'error', template: 'Demo: Can\'t open keys file {}', module: 'Demo', file: 'Demo.cpp', line: 12 },
    ...Array.from({ length: 10 }, (_, i): Call => ({ level: 'warn', template: `Demo: Peer noise ${i}`, module: 'Demo', file: 'Peer.cpp', line: 20 + i })),
  ];
  const cat = catalogue([
    { template: "Demo: Can't open keys file {}", todo: 'the keys file of a tunnel is missing; the tunnel does not start' },
    ...Array.from({ length: 9 }, (_, i) => ({ template: `Demo: Peer noise ${i}`, group: 'noise' })),
  ], { noise: { skip: 'per-peer protocol noise: one bad packet from one peer, dropped' } });
  t.deepEqual(cat.problems, []);
  const [r] = coverageOf([{ release: '2.1.0', calls }], [sig({ literal: 'failed to bind to' })], cat);
  const error = r.levels.find((l) => l.level === 'error')!;
  const warn = r.levels.find((l) => l.level === 'warn')!;
  t.like(error, { templates: 2, signature: 1, todo: 1, unknown: 0, share: 0.5, met: false });
  t.like(warn, { templates: 10, skip: 9, unknown: 1, share: 0.9, goal: 0.9, met: true });
  t.like(r.levels.find((l) => l.level === 'critical')!, { templates: 0, share: 1, met: true });
  t.false(r.met);
  t.deepEqual(r.missing.map((v) => `${v.level} ${v.status} ${v.sites.join(',')} ${v.template}`), [
    "error todo Demo.cpp:12 Demo: Can't open keys file {}",
    'warn unknown Peer.cpp:29 Demo: Peer noise 9',
  ]);
});

test('the catalogue names what is wrong with an entry, and lint what no longer holds', (t) => {
  const cat = catalogue([
    { template: 'Demo: A {}', skip: 'short' },
    { template: 'Demo: B {}' },
    { template: 'Demo: C {}', skip: 'per-peer protocol noise, dropped', todo: 'and deserves a signature too' },
    { template: 'Demo: D {}', group: 'nope' },
    { template: 'Demo:  E {}', skip: 'per-peer protocol noise, dropped' },
    { template: 'Demo: F {}', skip: 'per-peer protocol noise, dropped' },
    { template: 'Demo: F {}', skip: 'per-peer protocol noise, dropped twice' },
    { template: 'Demo: G {}', signature: 'demo.nope' },
    { template: 'Demo: Failed to bind to {}: {}', todo: 'the demo port is not listening; deserves a signature' },
  ], { unused: { skip: 'a group nothing refers to, here for the test' } });
  const p = cat.problems.join('\n');
  t.regex(p, /demo\.json: \$\.messages\[0\]\.skip: must NOT have fewer than 12 characters/);
  t.regex(p, /\$\.messages\[1\]: must match a schema in anyOf — give exactly one of "skip"/);
  t.regex(p, /\$\.messages\[2\]: gives "skip" and "todo"; keep one/);
  t.regex(p, /\$\.messages\[3\]\.group: no group "nope" in this file's "groups"/);
  t.regex(p, /\$\.messages\[4\]\.template: white space differs .* write it as "Demo: E \{\}"/);
  t.regex(p, /\$\.messages\[6\]\.template: "Demo: F \{\}" is listed already \(rules\/catalogue\/demo\.json \$\.messages\[5\]\)/);
  const f = catalogueFindings(cat, [sig({ literal: 'failed to bind to' })]).map((x) => `${x.level} ${x.message}`).join('\n');
  t.regex(f, /error \$\.messages\[7\]\.signature: no signature "demo\.nope"/);
  t.regex(f, /warning \$\.messages\[8\]: signature demo\.x fits "Demo: Failed to bind to \{\}: \{\}", so it is done; remove the entry/);
  t.regex(f, /warning \$\.groups\["unused"\]: no message uses this group/);
});
