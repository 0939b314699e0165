// `--since 1h` for a log file: the lines of its last hour on the log's own clock (the same clock
// analyze uses: times of day, the day rolled over at midnight), since i2pd's default time has no
// date to compare with the host's. Lines without a time (wrapped text, crash output) go with the
// line before them. Streaming: only the lines still inside the window are held.
import { LogClock } from '../../facts/clock.js';
import { matchHost } from '../../parse/hosts.js';
import { parseI2pdLine } from '../../parse/i2pd-line.js';

export class SinceWindow {
  private readonly clock = new LogClock();
  private readonly lines: Array<{ t: number | undefined; text: string }> = [];
  private head = 0;
  private last: number | undefined;
  /** Lines dropped from the front: older than the window. */
  dropped = 0;

  constructor(private readonly seconds: number) {}

  push(line: string): void {
    const t = timeOf(line, this.clock) ?? this.last;
    if (t !== undefined && (this.last === undefined || t > this.last)) this.last = t;
    this.lines.push({ t, text: line });
    // Lines with no time before the first timed one are kept until a time tells their age.
    const from = this.last === undefined ? undefined : this.last - this.seconds;
    if (from === undefined) return;
    while (this.head < this.lines.length && (this.lines[this.head].t ?? -Infinity) < from) {
      this.head++;
      this.dropped++;
    }
    // Compact now and then, so the array does not hold what was dropped.
    if (this.head > 4096 && this.head * 2 > this.lines.length) {
      this.lines.splice(0, this.head);
      this.head = 0;
    }
  }

  text(): string {
    return this.lines.slice(this.head).map((l) => l.text).join('\n');
  }
}

function timeOf(line: string, clock: LogClock): number | undefined {
  let p = parseI2pdLine(line);
  let day = p?.day;
  let tod = p?.tod;
  if (!p) {
    const h = matchHost(line);
    if (!h) return undefined;
    p = parseI2pdLine(h.payload);
    tod = p?.tod ?? h.tod;
    day = p?.day ?? h.day;
  }
  return tod === undefined ? undefined : clock.at(tod, day);
}
