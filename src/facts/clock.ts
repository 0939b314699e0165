// i2pd's default time has no date. Each source gets a clock that turns times of day into seconds
// on one line of time, rolling the day over when the time of day jumps back by hours (midnight).
// Lines that carry a date (CLF time, ISO journald) use it directly.
const ROLLBACK = 6 * 3600;

export class LogClock {
  private day = 0;
  private lastTod: number | undefined;

  at(tod: number | undefined, day: number | undefined): number | undefined {
    if (tod === undefined) return undefined;
    if (day !== undefined) return day * 86400 + tod;
    if (this.lastTod !== undefined && tod < this.lastTod - ROLLBACK) this.day++;
    this.lastTod = tod;
    return this.day * 86400 + tod;
  }
}
