// Writes src/parse/console-i18n.generated.json: the web console's labels and status words in every
// language i2pd translates them to, from i2pd's own i18n/*.cpp, so a console pasted from a
// translated page reads as the English one. Run: tsx scripts/console-i18n.ts <i2pd git dir> [tag]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LABELS = ['Network status', 'Network status v6', 'Tunnel creation success rate', 'Total tunnel creation success rate', 'Uptime', 'Received', 'Sent', 'Transit', 'Routers', 'Floodfills', 'LeaseSets', 'Client Tunnels', 'Transit Tunnels', 'Data path', 'Version', 'Router Caps', 'Router Ident', 'Router Family', 'Our external address'];
const STATES = ['OK', 'Testing', 'Firewalled', 'Unknown', 'Proxy', 'Mesh', 'Clock skew', 'Offline', 'Symmetric NAT', 'Full cone NAT', 'No Descriptors'];

const [repo, tag = '2.58.0'] = process.argv.slice(2);
if (!repo) {
  process.stderr.write('usage: tsx scripts/console-i18n.ts <i2pd git dir> [tag]\n');
  process.exit(2);
}
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const files = git('ls-tree', '--name-only', tag, 'i18n/').split('\n').filter((f) => /\.cpp$/.test(f) && !/I18N|English/.test(f));
const labels: Record<string, string> = {};
const states: Record<string, string> = {};
for (const f of files) {
  const text = git('show', `${tag}:${f}`);
  for (const m of text.matchAll(/\{"([^"]+)", "([^"]+)"\}/g)) {
    const [, en, tr] = m;
    if (tr === en) continue;
    if (LABELS.includes(en)) labels[tr] = en;
    else if (STATES.includes(en)) states[tr] = en;
  }
}
const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
// JSON rather than a .ts module: the data is read by src/parse/console.ts, and a source file of it
// would pass the 300 lines a src file may have.
const out = {
  generated: `by scripts/console-i18n.ts from i2pd ${tag}'s i18n/*.cpp: do not edit by hand`,
  about: "The web console's labels and status words as i2pd's translations print them, to English.",
  labels: sorted(labels),
  states: sorted(states),
};
writeFileSync(join(import.meta.dirname, '..', 'src', 'parse', 'console-i18n.generated.json'), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`${Object.keys(labels).length} labels, ${Object.keys(states).length} states from ${files.length} languages\n`);
