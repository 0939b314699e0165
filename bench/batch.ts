// Batch benchmark: generates a backlog of >= 1,000 attachments of mixed kinds (plain logs, gzip,
// zip, tar.gz, pasted issue text, report folders with i2pd.conf), seeded so every run sees the
// same bytes, then analyses it on 1 and 2 workers and reports cases per second.
//   npm run bench:batch -- [--count 1000] [--seed 7] [--json]
// bench/run.ts may import runBatchBench() and fold the result into its own output.
import fg from 'fast-glob';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { tarball, zip } from '../test/helpers/archives.js';
import { mulberry32 } from './generate.js';
// The shipped code, as built by `npm run build`.
import { planCases } from '../dist/node/batch/cases.js';
import { DEFAULT_LIMITS } from '../dist/read/limits.js';
import { loadKnowledge } from '../dist/node/content/content-loader.js';
import { runBatch } from '../dist/node/batch/pool.js';

export interface BatchBenchResult {
  attachments: number;
  cases: number;
  bytes: number;
  kinds: Record<string, number>;
  runs: { workers: number; seconds: number; cpuSeconds: number; casesPerSecond: number }[];
}

// Routine lines around the problem lines of the samples, with documentation addresses only.
function noise(r: () => number, n: number): string {
  const out: string[] = [];
  const ip = () => `${['192.0.2', '198.51.100', '203.0.113'][Math.floor(r() * 3)]}.${1 + Math.floor(r() * 250)}`;
  for (let i = 0; i < n; i++) {
    const tm = `${String(8 + Math.floor(i / 3600) % 16).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    const k = r();
    if (k < 0.5) out.push(`${tm}@${100 + Math.floor(r() * 900)}/info - Tunnel: Tunnel ${Math.floor(r() * 4e9)} has been created`);
    else if (k < 0.8) out.push(`${tm}@${100 + Math.floor(r() * 900)}/warn - SSU2: Session with ${ip()}:${1024 + Math.floor(r() * 60000)} was not established after 5 seconds`);
    else if (k < 0.95) out.push(`${tm}@${100 + Math.floor(r() * 900)}/error - Garlic: Failed to decrypt message`);
    else out.push(`${tm}@${100 + Math.floor(r() * 900)}/warn - Transports: Peer ${ip()} banned for ${Math.floor(r() * 3600)} seconds`);
  }
  return out.join('\n') + '\n';
}

export async function generateBacklog(dir: string, count: number, seed: number): Promise<Record<string, number>> {
  const r = mulberry32(seed);
  // Ordered by content, not path, so that renaming a sample leaves the seeded backlog as it was.
  const logs = fg.sync(['samples/**/*.log'], { onlyFiles: true }).map((f) => readFileSync(f, 'utf8')).sort();
  const conf = 'floodfill = true\nipv6 = true\n[limits]\nopenfiles = 0\n';
  const kinds: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const log = logs[Math.floor(r() * logs.length)] + noise(r, 50 + Math.floor(r() * 1500));
    const kind = ['log', 'gz', 'zip', 'tgz', 'issue', 'folder'][Math.floor(r() * 6)];
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    const base = join(dir, `report-${String(i).padStart(4, '0')}`);
    if (kind === 'log') writeFileSync(`${base}.log`, log);
    else if (kind === 'gz') writeFileSync(`${base}.log.gz`, gzipSync(log));
    else if (kind === 'zip') writeFileSync(`${base}.zip`, await zip([['i2pd/i2pd.log', log], ['i2pd/i2pd.conf', conf]]));
    else if (kind === 'tgz') writeFileSync(`${base}.tar.gz`, await tarball([['var/log/i2pd/i2pd.log', log]], true));
    else if (kind === 'issue') writeFileSync(`${base}.md`, `Router stopped working after the upgrade.\n\n\`\`\`\n${log}\`\`\`\n`);
    else {
      mkdirSync(base);
      writeFileSync(join(base, 'i2pd.log'), log);
      writeFileSync(join(base, 'i2pd.conf'), conf);
    }
  }
  return kinds;
}

export async function runBatchBench(o: { count?: number; seed?: number; workers?: number[] } = {}): Promise<BatchBenchResult> {
  const count = Math.max(1000, o.count ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-bench-batch-'));
  try {
    const kinds = await generateBacklog(dir, count, o.seed ?? 7);
    const bytes = fg.sync(['**/*'], { cwd: dir, onlyFiles: true, stats: true }).reduce((n, e) => n + (e.stats?.size ?? 0), 0);
    const plan = await planCases([dir], [], 'auto');
    const knowledge = loadKnowledge();
    const runs: BatchBenchResult['runs'] = [];
    for (const workers of o.workers ?? [1, 2]) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await runBatch(plan.cases, { jobs: workers, content: { knowledge: () => knowledge }, run: { limits: DEFAULT_LIMITS } });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      // CPU seconds of the whole process (all threads): with a busy machine wall time alone misleads.
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      runs.push({ workers, seconds: Number(seconds.toFixed(2)), cpuSeconds: Number(cpuSeconds.toFixed(2)), casesPerSecond: Number((plan.cases.length / seconds).toFixed(1)) });
    }
    return { attachments: count, cases: plan.cases.length, bytes, kinds, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const res = await runBatchBench({ count: arg('--count'), seed: arg('--seed') });
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(res) + '\n');
  else {
    process.stdout.write(`batch: ${res.attachments} attachments (${Object.entries(res.kinds).map(([k, n]) => `${n} ${k}`).join(', ')}), ${(res.bytes / 1024 / 1024).toFixed(1)} MiB, ${res.cases} cases\n`);
    for (const r of res.runs) process.stdout.write(`batch: ${r.workers} worker${r.workers > 1 ? 's' : ''}: ${r.casesPerSecond} cases/s (${r.seconds} s, ${r.cpuSeconds} CPU s)\n`);
  }
}
