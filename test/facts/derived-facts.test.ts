import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseFacts } from '../../src/facts/case-facts.js';
import type { Knowledge } from '../../src/knowledge.js';
import type { Entry } from '../../src/model.js';
import { loadKnowledge, PACKAGE_ROOT } from '../../src/node/content/content-loader.js';

// The derived facts of rules/derived/*.json are content: a pack adds platforms and the hints that
// tell them, and a bad file is reported by file and JSON path like any other content.

function pack(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'i2pd-doctor-derived-'));
  mkdirSync(join(root, 'rules', 'derived'), { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(root, 'rules', 'derived', name), typeof data === 'string' ? data : JSON.stringify(data));
  return root;
}

const line = (message: string, n = 1): Entry => ({
  kind: 'log', source: 'i2pd.log', line: n, module: message.slice(0, message.indexOf(':')), message: message.slice(message.indexOf(':') + 2),
  text: `12:00:0${n}@1/error - ${message}`, time: `12:00:0${n}`, tod: 43200 + n, tid: 1, level: 'error',
});

function osOf(k: Knowledge, entries: Entry[]): string | undefined {
  const f = new CaseFacts(k.matcher, k.derivations);
  for (const e of entries) f.add(e);
  return f.finish(k.signatures).facts.env.os;
}

const HAIKU = 'NTCP2: Accept error bind: Permission denied [system:13 at /boot/system/develop/headers/boost/asio/detail/reactive_socket_service.hpp:161]';

test('a platform and its header path contributed in a pack change the OS a case is guessed as', (t) => {
  const bundled = loadKnowledge();
  t.deepEqual(bundled.problems, []);
  t.is(osOf(bundled, [line(HAIKU)]), undefined);
  const root = pack({
    'haiku.json': {
      platforms: { haiku: {} },
      headerPaths: [{ prefix: '/boot/system/develop/headers/', os: 'haiku', source: 'Haiku ships Boost under /boot/system/develop/headers' }],
    },
  });
  const k = loadKnowledge([PACKAGE_ROOT, root]);
  t.deepEqual(k.problems, []);
  t.is(osOf(k, [line(HAIKU)]), 'haiku');
});

test('the bundled hints still tell the OS: errno numbers, header paths, Windows-only modules, families', (t) => {
  const k = loadKnowledge();
  t.is(osOf(k, [line('SSU2: Failed to open socket: set_option: No buffer space available [system:55 at /usr/local/include/boost/asio/x.hpp:1]')]), 'bsd');
  t.is(osOf(k, [line('NTCP2: bind: Address already in use [system:98]')]), 'linux');
  t.is(osOf(k, [line('NTCP2: bind: Only one usage of each socket address [system:10048]')]), 'windows');
  t.is(osOf(k, [line('Win32Service: service stopped')]), 'windows');
});

test('a malformed derived-facts file is reported with its file and JSON path, and the rest still loads', (t) => {
  const root = pack({
    'bad.json': { errno: [{ os: 'bsd', codes: ['fifty-five'], source: 'x' }] },
    'unknown-os.json': { modules: [{ module: 'Haiku', os: 'haikuu', source: 'x' }] },
    'broken.json': '{ "platforms": ',
  });
  const k = loadKnowledge([PACKAGE_ROOT, root]);
  const at = (name: string) => k.problems.filter((p) => p.includes(join('rules', 'derived', name)));
  t.true(at('bad.json').some((p) => p.includes('$.errno[0].codes[0]: must be integer')), k.problems.join('\n'));
  t.true(at('unknown-os.json').some((p) => p.includes('$.modules[0].os: "haikuu" is no platform')), k.problems.join('\n'));
  t.true(at('broken.json').some((p) => p.includes('not valid JSON')), k.problems.join('\n'));
  t.is(osOf(k, [line('NTCP2: bind: Address already in use [system:98]')]), 'linux');
});
