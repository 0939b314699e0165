// `i2pd-doctor watch <log>`: follows a log as it grows and reports each finding when it first
// fires, and again only when it changes (its status, or a new run of i2pd). stdout: the findings
// (text or one JSON line each); stderr: what happened to the file, and the stop.
import { accessSync, constants, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { FindingEvent } from '../node/watch/changes.js';
import { ExecQueue } from '../node/watch/exec.js';
import { followFile, followStream, type LogInput } from '../node/watch/follow.js';
import { parseListen, WatchMetrics } from '../node/watch/metrics.js';
import { Watcher, type Evaluation } from '../node/watch/watcher.js';
import { sourceLabel, terminalSafe } from '../report/safe-text.js';
import { say, writeOut } from './output.js';
import { contentFor } from './content.js';
import { terminal, wantColor } from './terminal.js';
import type { Style } from '../report/text.js';

export interface WatchOptions {
  format: 'text' | 'ndjson';
  exec?: string;
  metrics?: string;
  fromEnd?: boolean;
  interval?: number;
  rules?: string[];
  color?: boolean;
}

const EVENT_LABEL: Record<FindingEvent['event'], string> = { new: 'NEW', changed: 'CHANGED', again: 'AGAIN' };

export async function watchCommand(log: string, o: WatchOptions): Promise<number> {
  const listen = o.metrics === undefined ? undefined : parseListen(o.metrics);
  if (o.metrics !== undefined && !listen) {
    say(`--metrics ${o.metrics}: give an address and port, such as 127.0.0.1:9477 or [::1]:9477`);
    return 2;
  }
  // The path as every message and report shows it: one line, so a name cannot forge lines.
  const name = log === '-' ? 'stdin' : sourceLabel(log);
  if (log !== '-') {
    try {
      if (statSync(log).isDirectory()) {
        say(`${name}: is a folder; give the log file in it (watch /var/log/i2pd/i2pd.log)`);
        return 2;
      }
      accessSync(log, constants.R_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      say(code === 'ENOENT' ? `${name}: no such file; check the path (i2pd writes it where logfile says, /var/log/i2pd/i2pd.log for the packages)` : code === 'EACCES' ? `${name}: permission denied; run as a user who can read it (sudo, or the i2pd group)` : `${name}: cannot be read (${code})`);
      return 2;
    }
  }
  const content = contentFor(o);
  if (!content) return 2;
  const style = (await terminal(wantColor(process.stdout, o.color === false ? false : undefined))).style;
  const watcher = new Watcher(content.knowledge, name);
  const metrics = listen ? new WatchMetrics() : undefined;
  let server: Server | undefined;
  if (metrics && listen) {
    try {
      server = await metrics.serve(listen.host, listen.port);
    } catch (e) {
      say(`--metrics ${o.metrics}: cannot listen there (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose another address or port`);
      return 2;
    }
    const a = server.address();
    if (a && typeof a === 'object') say(`metrics at http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/metrics`);
  }
  const exec = o.exec ? new ExecQueue(o.exec, say) : undefined;
  const report = (e: Evaluation | undefined) => {
    if (!e) return;
    for (const ev of e.events) {
      writeOut(o.format === 'ndjson' ? JSON.stringify(ev) + '\n' : renderEvent(ev, style));
      exec?.push(ev);
    }
    metrics?.update(e, watcher.lastRead);
  };

  let input: LogInput;
  try {
    input = log === '-' ? followStream(process.stdin, { onData: (b) => watcher.push(b) }) : await followFile(log, { onData: (b) => watcher.push(b), onNote: (m) => say(m.split(log).join(name)), fromEnd: o.fromEnd });
  } catch (e) {
    say(`${name}: cannot be followed (${(e as Error).message.split(log).join(name)})`);
    server?.close();
    return 2;
  }
  say(`watching ${name}${log === '-' ? '' : o.fromEnd ? ' from its end' : ''}; Ctrl+C stops`);

  // The rules run on a timer, one run at a time, never per line.
  let busy: Promise<void> | undefined;
  const tick = () => {
    if (busy) return;
    busy = watcher.tick().then(report, (e: Error) => say(`internal error while diagnosing: ${e.message}`)).finally(() => (busy = undefined));
  };
  const timer = setInterval(tick, Math.max(50, (o.interval ?? 1) * 1000));

  const stopped = new Promise<string>((resolve) => {
    const onSignal = (sig: NodeJS.Signals) => resolve(sig);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    input.ended.then(() => resolve('end'));
  });
  const why = await stopped;
  clearInterval(timer);
  await input.stop();
  while (busy) await busy;
  report(await watcher.end());
  await exec?.idle();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  say(why === 'end' ? `${name} ended; stopped` : `stopped (${why})`);
  return 0;
}

function renderEvent(e: FindingEvent, st: Style): string {
  // A pack's title, rule id or wording is untrusted text: no control of it reaches the terminal.
  const when = e.logTime ? `[${terminalSafe(e.logTime)}] ` : '';
  const sev = e.severity.toUpperCase();
  const sevText = e.severity === 'critical' || e.severity === 'error' ? st.red(st.bold(sev)) : e.severity === 'warning' ? st.yellow(st.bold(sev)) : st.cyan(sev);
  const status = e.event === 'changed' ? `${e.previous} → ${e.status}` : e.status;
  const more = e.event === 'again' ? ` (run ${e.run})` : '';
  const out = [`${when}${st.bold(EVENT_LABEL[e.event])}${more}  ${sevText}  ${terminalSafe(e.title)}  [${status}]  ${st.dim(terminalSafe(e.rule))}`];
  for (const ev of e.evidence.slice(0, 3)) out.push(terminalSafe(`    ${ev.source}:${ev.line}  ${ev.text}`));
  for (const m of e.missing) out.push(terminalSafe(`    To confirm: ${m}`));
  return out.join('\n') + '\n';
}
