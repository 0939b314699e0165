// The guard for work that must not change what a user sees (issue 20's refactor, issue 17's speed
// work): one line per sample and report format, with the sha256 of the report the built CLI
// prints. Run it before and after and diff the two outputs; an empty diff is byte-identical
// reports. Samples are keyed by their content and copied under neutral names, so a sample that
// is only renamed or moved keeps its key and its report (the report names its sources).
//
//   npm run -s build && npx tsx scripts/report-digest.ts > before.txt
//   … change …
//   npm run -s build && npx tsx scripts/report-digest.ts > after.txt && diff before.txt after.txt
//
// `--bench` adds the benchmark generator's two profiles (plain and gzip, one and two threads).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const FORMATS = ['text', 'markdown', 'json', 'html'];

interface Job {
  key: string;
  cwd: string;
  args: string[];
  env?: Record<string, string>;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Each sample as a case folder of its own, under names that do not depend on the sample's. */
function sampleJobs(tmp: string): Job[] {
  const files = walk(join(ROOT, 'samples'));
  const cases: Array<{ files: Array<[string, string]> }> = [];
  for (const f of files) {
    if (basename(f) === 'expect.json') {
      const dir = dirname(f);
      cases.push({ files: walk(dir).filter((x) => basename(x) !== 'expect.json').map((x) => [x, join('case', relative(dir, x))]) });
    } else if (f.endsWith('.expect.json')) {
      const base = basename(f, '.expect.json');
      const dir = dirname(f);
      const mine = readdirSync(dir)
        .filter((x) => x.startsWith(`${base}.`) && !x.endsWith('.expect.json') && statSync(join(dir, x)).isFile())
        .sort();
      cases.push({ files: mine.map((x) => [join(dir, x), `sample${x.slice(base.length)}`]) });
    }
  }
  const jobs: Job[] = [];
  const seen = new Set<string>();
  for (const c of cases) {
    const key = sha(c.files.map(([abs, rel]) => `${rel}\0${sha(readFileSync(abs))}`).join('\n')).slice(0, 16);
    if (seen.has(key)) continue;
    seen.add(key);
    const cwd = join(tmp, key);
    for (const [abs, rel] of c.files) {
      mkdirSync(dirname(join(cwd, rel)), { recursive: true });
      cpSync(abs, join(cwd, rel));
    }
    const args = [...new Set(c.files.map(([, rel]) => (rel.startsWith('case/') ? 'case' : rel)))];
    for (const format of FORMATS) jobs.push({ key: `sample ${key} ${format}`, cwd, args: ['analyze', ...args, '-f', format, '--jobs', '1'] });
  }
  return jobs;
}

async function benchJobs(tmp: string): Promise<Job[]> {
  const { generateLog } = await import('../bench/generate.js');
  const jobs: Job[] = [];
  for (const profile of ['router', 'wide'] as const) {
    const dir = join(tmp, `bench-${profile}`);
    mkdirSync(join(dir, 'plain'), { recursive: true });
    mkdirSync(join(dir, 'gzip'));
    await generateLog(join(dir, 'plain/i2pd.log'), 20_000_000, 17, 21 * 3600, { profile });
    writeFileSync(join(dir, 'gzip/i2pd.log'), gzipSync(readFileSync(join(dir, 'plain/i2pd.log'))));
    for (const kind of ['plain', 'gzip'])
      for (const jobsN of ['1', '2'])
        for (const format of ['json', 'text'])
          jobs.push({
            key: `bench ${profile} ${kind} jobs=${jobsN} ${format}`,
            cwd: join(dir, kind),
            args: ['analyze', 'i2pd.log', '-f', format, '--jobs', jobsN],
            env: jobsN === '2' ? { I2PD_DOCTOR_PARALLEL_MIN_BYTES: '1', I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES: '1' } : {},
          });
  }
  return jobs;
}

function run(job: Job): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...job.args], { cwd: job.cwd, env: { ...process.env, NO_COLOR: '1', ...job.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (code) => resolve(`${job.key} exit=${code} stdout=${sha(Buffer.concat(out)).slice(0, 24)} stderr=${sha(Buffer.concat(err)).slice(0, 12)}`));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'i2pd-doctor-digest-'));
try {
  const jobs = sampleJobs(tmp);
  if (process.argv.includes('--bench')) jobs.push(...(await benchJobs(tmp)));
  const lines: string[] = [];
  let next = 0;
  const lanes = Math.max(1, cpus().length);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < jobs.length) lines.push(await run(jobs[next++]));
    }),
  );
  process.stdout.write(lines.sort().join('\n') + '\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
