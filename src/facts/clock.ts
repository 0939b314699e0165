// i2pd's default time has no date. Each source gets a clock that turns times of day into seconds
// on one line of time, rolling the day over when the time of day jumps back by hours (midnight).
// Lines that carry a date (CLF time, ISO journald) use it directly.
const ROLLBACK = 6 * 3600;

export interface ClockState {
  day: number;
  firstTod?: number;
  lastTod?: number;
  /** Some line carried its own date. */
  dated: boolean;
}

export class LogClock {
  private day = 0;
  private lastTod: number | undefined;
  private firstTod: number | undefined;
  private dated = false;

  at(tod: number | undefined, day: number | undefined): number | undefined {
    if (tod === undefined) return undefined;
    if (day !== undefined) {
      this.dated = true;
      return day * 86400 + tod;
    }
    if (this.lastTod !== undefined && tod < this.lastTod - ROLLBACK) this.day++;
    else if (this.lastTod === undefined) this.firstTod = tod;
    this.lastTod = tod;
    return this.day * 86400 + tod;
  }

  state(): ClockState {
    return { day: this.day, firstTod: this.firstTod, lastTod: this.lastTod, dated: this.dated };
  }

  /**
   * Continues this clock over a later part of the log read by another clock: returns the seconds
   * to add to that part's times (whole days), and moves this clock to where that part ended.
   */
  follow(b: ClockState): number {
    if (b.firstTod === undefined || b.lastTod === undefined) return 0;
    let day = this.day;
    if (this.lastTod !== undefined && b.firstTod < this.lastTod - ROLLBACK) day++;
    if (this.lastTod === undefined) this.firstTod = b.firstTod;
    this.day = day + b.day;
    this.lastTod = b.lastTod;
    this.dated ||= b.dated;
    return day * 86400;
  }
}

/** Seconds of the day as HH:MM:SS, the way i2pd prints its time. */
export function clockText(tod: number): string {
  const s = Math.floor(tod);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, '0')).join(':');
}
