// `watch --exec CMD`: the operator's own command, run by the shell once per new or changed
// finding with the finding as one JSON line on its stdin (mail, logger, a chat hook). One at a
// time, in order; its output goes to stderr so that watch's stdout stays the report.
import { spawn } from 'node:child_process';
import type { FindingEvent } from './changes.js';

const MAX_QUEUED = 100;

export class ExecQueue {
  private queue: FindingEvent[] = [];
  private running?: Promise<void>;
  dropped = 0;

  constructor(
    private readonly command: string,
    private readonly say: (msg: string) => void,
  ) {}

  push(e: FindingEvent): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.dropped++;
      this.say(`--exec: ${MAX_QUEUED} findings wait for the command already; ${e.rule} not passed to it`);
      return;
    }
    this.queue.push(e);
    this.running ??= this.drain();
  }

  /** Resolves once every queued finding was passed on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (let e = this.queue.shift(); e; e = this.queue.shift()) await this.run(e);
    this.running = undefined;
  }

  private run(e: FindingEvent): Promise<void> {
    return new Promise((resolve) => {
      const shell = process.platform === 'win32' ? { cmd: process.env.ComSpec ?? 'cmd.exe', args: ['/d', '/s', '/c', this.command] } : { cmd: '/bin/sh', args: ['-c', this.command] };
      const child = spawn(shell.cmd, shell.args, { stdio: ['pipe', process.stderr, process.stderr], env: { ...process.env, I2PD_DOCTOR_RULE: e.rule, I2PD_DOCTOR_SEVERITY: e.severity, I2PD_DOCTOR_STATUS: e.status, I2PD_DOCTOR_EVENT: e.event } });
      child.on('error', (err) => {
        this.say(`--exec: could not run the command (${err.message})`);
        resolve();
      });
      child.on('close', (code, signal) => {
        if (code !== 0) this.say(`--exec: the command ${signal ? `was killed by ${signal}` : `exited with status ${code}`} for ${e.rule}`);
        resolve();
      });
      child.stdin.on('error', () => {});
      child.stdin.end(JSON.stringify(e) + '\n');
    });
  }
}
