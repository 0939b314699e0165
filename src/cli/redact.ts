// `i2pd-doctor redact`: the logs with addresses, identities and home paths replaced by
// pseudonyms, ready to share. Redacted text goes to stdout, the summary and problems to stderr.
import { say, writeOut } from './output.js';
import type { SourceStats } from '../model.js';
import { expandInputs, readSource } from '../node/read/sources.js';
import type { ReadSink } from '../read/sink.js';
import type { ConfigKind } from '../read/source-kind.js';
import { sniffConfig } from '../parse/config.js';
import { newSourceStats } from '../parse/line-parser.js';
import { describeRedaction, Redactor } from '../redact/redactor.js';

class RedactSink implements ReadSink {
  readonly sources: SourceStats[] = [];
  private buf: string[] = [];
  private size = 0;

  constructor(
    private readonly redactor: Redactor,
    private readonly headers: boolean,
  ) {}

  private start(name: string, kind: string): SourceStats {
    const stats = newSourceStats(name, kind);
    this.sources.push(stats);
    if (this.headers) this.write(`==> ${this.redactor.redact(name)} <==`);
    return stats;
  }

  private write(line: string): void {
    this.buf.push(line);
    this.size += line.length;
    if (this.size > 64 * 1024) this.flush();
  }

  flush(): void {
    if (this.buf.length) writeOut(this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }

  logSource(name: string) {
    const stats = this.start(name, 'log');
    return {
      stats,
      push: (line: string) => {
        stats.lines++;
        this.write(this.redactor.redact(line));
      },
      // Not kept, so not printed: a line this long (over 256 KiB) is no log message.
      oversized: () => {
        stats.lines++;
        stats.oversized++;
      },
      end: () => {},
    };
  }

  sniffConfig(text: string): ConfigKind | undefined {
    return sniffConfig(text);
  }

  addConfig(name: string, text: string, kind: 'i2pd.conf' | 'tunnels.conf'): SourceStats {
    const stats = this.start(name, kind);
    const body = text.replace(/\r?\n$/, '');
    stats.lines = body.split(/\r\n|\r|\n/).length;
    this.write(this.redactor.redact(body));
    return stats;
  }

  archiveSource(name: string, kind: 'zip' | 'tar'): SourceStats {
    const stats = newSourceStats(name, kind);
    this.sources.push(stats);
    return stats;
  }

  failedSource(name: string, error: string, kind = 'log'): SourceStats {
    const stats = newSourceStats(name, kind);
    stats.errors.push(error);
    this.sources.push(stats);
    return stats;
  }
}

export async function redactCommand(args: string[]): Promise<number> {
  if (args.length === 0) {
    if (process.stdin.isTTY) {
      say('nothing to redact: give log files, or pipe a log in (i2pd-doctor redact i2pd.log > shareable.log)');
      return 2;
    }
    args = ['-'];
  }
  const expanded = await expandInputs(args);
  for (const e of expanded.errors) say(e);
  const redactor = new Redactor();
  const sink = new RedactSink(redactor, expanded.sources.length > 1);
  for (const ref of expanded.sources) await readSource(sink, ref);
  sink.flush();
  let failed = expanded.errors.length > 0 || expanded.sources.length === 0;
  for (const s of sink.sources) {
    for (const e of s.errors) {
      say(e);
      failed = true;
    }
  }
  const lines = sink.sources.reduce((n, s) => n + s.lines, 0);
  say(`redacted ${describeRedaction(redactor.summary())} in ${lines} line${lines === 1 ? '' : 's'}; check the output before you share it`);
  return failed ? 2 : 0;
}
