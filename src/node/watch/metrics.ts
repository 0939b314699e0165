// `watch --metrics ADDR:PORT`: the followed log as Prometheus metrics, in the text exposition
// format prom-client writes: the findings that fire now by rule, severity and status, lines by
// level, start banners, and the time of the last line.
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Evaluation } from './watcher.js';

/** `127.0.0.1:9477`, `[::1]:9477`, `:9477` (loopback) as host and port; undefined when it is none. */
export function parseListen(v: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(v.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

export class WatchMetrics {
  readonly registry = new Registry();
  private readonly findings = new Gauge({ name: 'i2pd_doctor_findings', help: 'Findings that fire now on the followed log: 1 per rule, labelled with its severity and status.', labelNames: ['rule', 'severity', 'status'], registers: [this.registry] });
  private readonly reports = new Counter({ name: 'i2pd_doctor_finding_reports_total', help: 'Findings reported: new, changed (status) or again (a new run of i2pd).', labelNames: ['rule', 'severity', 'event'], registers: [this.registry] });
  private readonly lines = new Counter({ name: 'i2pd_doctor_log_lines_total', help: 'Lines read, by i2pd log level ("unparsed": text that is no i2pd log line).', labelNames: ['level'], registers: [this.registry] });
  private readonly starts = new Gauge({ name: 'i2pd_doctor_runs', help: 'i2pd start banners seen in the followed log.', registers: [this.registry] });
  private readonly lastLine = new Gauge({ name: 'i2pd_doctor_last_line_timestamp_seconds', help: "Time of the last line on the log's own clock, as Unix time (a log without dates: today's date on this machine, yesterday's if that time is still to come).", registers: [this.registry] });
  private readonly lastRead = new Gauge({ name: 'i2pd_doctor_last_read_timestamp_seconds', help: 'When watch last read a byte of the log (Unix time on this machine).', registers: [this.registry] });
  private readonly seen = new Map<string, number>();

  update(e: Evaluation, lastRead: number | undefined, now = new Date()): void {
    this.findings.reset();
    for (const d of e.diagnoses) this.findings.set({ rule: d.rule, severity: d.severity, status: d.status }, 1);
    for (const ev of e.events) this.reports.inc({ rule: ev.rule, severity: ev.severity, event: ev.event });
    const counts: Record<string, number> = { ...e.facts.stats.levels, unparsed: e.facts.stats.unparsed };
    for (const [level, n] of Object.entries(counts)) {
      const d = (n ?? 0) - (this.seen.get(level) ?? 0);
      if (d > 0) this.lines.inc({ level }, d);
      this.seen.set(level, n ?? 0);
    }
    this.starts.set(e.facts.stats.starts);
    const t = lineTimestamp(e.facts.stats.lastTime, now);
    if (t !== undefined) this.lastLine.set(t);
    if (lastRead !== undefined) this.lastRead.set(lastRead / 1000);
  }

  serve(host: string, port: number): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('i2pd-doctor watch: metrics are at /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  }
}

/** `HH:MM:SS` (the log's last time, maybe behind a date) as Unix time on `now`'s date. */
export function lineTimestamp(time: string | undefined, now: Date): number | undefined {
  const m = time ? /(\d{2}):(\d{2}):(\d{2})/.exec(time) : undefined;
  if (!m) return undefined;
  const d = new Date(now);
  d.setHours(Number(m[1]), Number(m[2]), Number(m[3]), 0);
  // A time of day later than now by more than an hour was yesterday's.
  if (d.getTime() - now.getTime() > 3600_000) d.setDate(d.getDate() - 1);
  return Math.floor(d.getTime() / 1000);
}
