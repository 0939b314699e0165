// `npm run bench:watch`: days of a busy router's log, generated and piped into `watch -` in
// minutes, with the watcher's resident memory read from /proc at every hour of log time. The
// claim is flat memory: the facts of a case are bounded (signals, examples, distinct values), so
// after the first hours fill those bounds, more log must not mean more memory. Writes
// bench/watch-results.md. Flags: --hours N (default 72), --rate N lines per second of log time
// (default 10).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/node/content/content-loader.js';
import { loadKnowledge } from '../src/node/content/content-loader.js';
import { Watcher } from '../src/node/watch/watcher.js';
import { lineMaker, mulberry32 } from './generate.js';

const args = process.argv.slice(2);
const num = (flag: string, dflt: number) => (args.includes(flag) && Number(args[args.indexOf(flag) + 1]) > 0 ? Number(args[args.indexOf(flag) + 1]) : dflt);
const HOURS = num('--hours', 72);
const RATE = num('--rate', 10);
const RESTART_EVERY = 12 * 3600;
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

function rssMB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const clock = (t: number) => {
  const d = t % 86400;
  return `${String((d / 3600) | 0).padStart(2, '0')}:${String(((d / 60) | 0) % 60).padStart(2, '0')}:${String(d % 60).padStart(2, '0')}`;
};

/** The log, one second of log time at a time. */
function* seconds(): Generator<{ s: number; text: string }> {
  const line = lineMaker(mulberry32(11));
  for (let s = 0; s < HOURS * 3600; s++) {
    const t = 6 * 3600 + s; // starts at 06:00: the log rolls over midnight every day
    const time = clock(t);
    let text = '';
    if (s % RESTART_EVERY === 0) {
      // A restart: banner, floodfill, and the same socket error each run (so each run reports it again).
      text += `${time}@905/none - i2pd v2.54.0 (0.9.64) starting...\n${time}@905/info - Daemon: Router configured as floodfill\n`;
      text += `${time}@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available [system:55]\n`;
    }
    for (let i = 0; i < RATE; i++) text += `${time}@${423 + (i % 6)}/${line()}\n`;
    yield { s, text };
  }
}

/**
 * The same log through the Watcher in this process, the rules run every 10 minutes of log time:
 * the heap that survives a full collection (node --expose-gc) is what the watcher keeps, free of
 * the slack V8 leaves in RSS.
 */
async function retainedHeap(): Promise<Array<{ hour: number; mb: number }>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return [];
  const w = new Watcher(loadKnowledge(), 'bench');
  const out: Array<{ hour: number; mb: number }> = [];
  let buf = '';
  for (const { s, text } of seconds()) {
    buf += text;
    if (buf.length > 1 << 16) {
      w.push(Buffer.from(buf, 'latin1'));
      buf = '';
    }
    if ((s + 1) % 600 === 0) await w.tick();
    if ((s + 1) % 3600 === 0) {
      gc();
      out.push({ hour: (s + 1) / 3600, mb: process.memoryUsage().heapUsed / 1024 / 1024 });
    }
  }
  await w.end();
  return out;
}

function slopePerDay(rows: Array<{ hour: number; mb: number }>): number {
  const mx = rows.reduce((n, x) => n + x.hour, 0) / rows.length;
  const my = rows.reduce((n, x) => n + x.mb, 0) / rows.length;
  const den = rows.reduce((n, x) => n + (x.hour - mx) ** 2, 0);
  return den > 0 ? (rows.reduce((n, x) => n + (x.hour - mx) * (x.mb - my), 0) / den) * 24 : 0;
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'watch', '-', '--format', 'ndjson'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let events = 0;
  const byRule = new Map<string, number>();
  let outTail = '';
  child.stdout.on('data', (b: Buffer) => {
    const s = outTail + b.toString();
    const parts = s.split('\n');
    outTail = parts.pop()!;
    for (const p of parts.filter((x) => x.startsWith('{'))) {
      events++;
      const rule = (JSON.parse(p) as { rule: string }).rule;
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
  });
  const exited = new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  const rows: Array<{ hour: number; lines: number; mb: number; events: number }> = [];
  const started = performance.now();
  let lines = 0;
  let buf: string[] = [];
  const flush = async () => {
    if (!buf.length) return;
    if (!child.stdin.write(buf.join(''))) await new Promise((res) => child.stdin.once('drain', res));
    buf = [];
  };
  for (const { s, text } of seconds()) {
    buf.push(text);
    lines += RATE;
    if (buf.length > 20_000) await flush();
    if ((s + 1) % 3600 === 0) {
      await flush();
      // Let the watcher catch up with what was written before reading its memory.
      await new Promise((res) => setTimeout(res, 200));
      const mb = rssMB(child.pid!);
      if (mb !== undefined) rows.push({ hour: (s + 1) / 3600, lines, mb, events });
      if (((s + 1) / 3600) % 12 === 0) log(`${(s + 1) / 3600} h of log, ${lines} lines, RSS ${mb?.toFixed(1)} MB, ${events} findings reported`);
    }
  }
  await flush();
  child.stdin.end();
  const code = await exited;
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`watch exited with ${code}`);
  // RSS climbs in the first hours while V8 sizes its heap (the heap kept after GC does not); from
  // the first day on, more log must not mean more memory.
  const base = rows.find((x) => x.hour === Math.min(24, HOURS)) ?? rows[rows.length - 1];
  const later = rows.filter((x) => x.hour >= base.hour);
  const end = rows[rows.length - 1];
  const peak = Math.max(...later.map((x) => x.mb));
  const met = peak <= base.mb * 1.1;
  const slope = slopePerDay(later);
  log('the same log in this process, for the heap kept after a full collection');
  const heap = await retainedHeap();
  const heapLater = heap.filter((x) => x.hour >= base.hour);
  const heapBase = heapLater[0];
  const heapPeak = heapLater.length ? Math.max(...heapLater.map((x) => x.mb)) : 0;
  const heapSlope = slopePerDay(heapLater);
  const heapAt = (h: number) => heap.find((x) => x.hour === h);
  const runs = Math.ceil((HOURS * 3600) / RESTART_EVERY);
  const socket = byRule.get('ssu2-socket-buffer-enobufs') ?? 0;
  const shown = rows.filter((x) => x.hour === 1 || x.hour % 6 === 0);
  const out = [
    '# watch: memory over days of log',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.versions.node}, load average ${loadavg()[0].toFixed(1)}: ${HOURS} hours of generated debug log (${RATE} lines per second of log time, a restart every 12 hours, random peer addresses), ${lines.toLocaleString('en')} lines piped into \`watch - --format ndjson\` in ${wall.toFixed(0)} s; resident memory read from /proc/<pid>/status at each hour of log time.`,
    '',
    '| log time | lines | RSS of `watch` | heap kept (after GC, same log in-process) | findings reported |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...shown.map((x) => `| ${x.hour} h | ${x.lines.toLocaleString('en')} | ${x.mb.toFixed(1)} MB | ${heapAt(x.hour) ? `${heapAt(x.hour)!.mb.toFixed(1)} MB` : 'run with --expose-gc'} | ${x.events} |`),
    '',
    '| goal | measured | met |',
    '| --- | ---: | --- |',
    `| peak RSS from ${base.hour} h on within 10 % of RSS at ${base.hour} h (RSS settles in the first hours as V8 sizes its heap; the heap kept is flat from the first hour) | ${base.mb.toFixed(1)} MB → peak ${peak.toFixed(1)} MB, ${end.mb.toFixed(1)} MB at ${end.hour} h | ${met ? 'yes' : 'no'} |`,
    `| RSS slope from ${base.hour} h on, per day of log (RSS moves by a few MB with V8's collections) | ${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MB/day | ${Math.abs(slope) < 2 ? 'yes' : 'no'} (goal: under 2 MB/day) |`,
    ...(heapBase ? [`| heap kept after GC from ${heapBase.hour} h on: peak within 5 %, slope under 0.5 MB/day | ${heapBase.mb.toFixed(1)} MB → peak ${heapPeak.toFixed(1)} MB, ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB/day | ${heapPeak <= heapBase.mb * 1.05 && Math.abs(heapSlope) < 0.5 ? 'yes' : 'no'} |`] : []),
    `| the socket error reported once per run (${runs} runs) | ${socket} times (${events} findings in all) | ${socket === runs ? 'yes' : 'no'} |`,
    '',
  ].join('\n');
  writeFileSync(join(PACKAGE_ROOT, 'bench/watch-results.md'), out);
  process.stdout.write(out);
}

await main();
