// The timeline as every rendering reads it: time labels on the log's clock, buckets grouped into
// as many columns as a rendering has room for, the sparkline of the terminal and markdown, and the
// sentences that say what happened when (runs, status changes, each finding's evidence).
import type { TimelineLevel, TimelineReport } from '../facts/timeline-report.js';
import { count } from './words.js';

/** A timeline shorter than this says nothing a list does not. */
export const MIN_SPAN = 600;
const DAY = 86400;

/** Levels from the most severe; `none` (i2pd's banner level) and lines without one last. */
export const LEVEL_ORDER: readonly TimelineLevel[] = ['critical', 'error', 'warn', 'info', 'debug', 'none', 'other'];

/** Colours of findings' marks, by finding number (Okabe–Ito, distinct also for colour-blind eyes). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export function findingColour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** Whether the timeline is worth drawing: times over at least MIN_SPAN, in two buckets or more. */
export function drawable(tl: TimelineReport): boolean {
  return tl.clock !== undefined && tl.buckets >= 2 && tl.buckets * tl.width >= MIN_SPAN;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `t` as the log would say it: `day 2 14:20` (a log over several days), `2025-12-04 23:59`, `14:20:10`. */
export function timeLabel(tl: TimelineReport, t: number): string {
  const day = Math.floor(t / DAY);
  const s = t - day * DAY;
  const hm = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}${tl.width < 60 ? `:${pad(Math.floor(s) % 60)}` : ''}`;
  if (tl.clock === 'date') return `${new Date(day * DAY * 1000).toISOString().slice(0, 10)} ${hm}`;
  const lastDay = Math.floor((tl.start + tl.buckets * tl.width - 1) / DAY);
  return lastDay > Math.floor(tl.start / DAY) ? `day ${day + 1} ${hm}` : hm;
}

/**
 * The days of the log's clock its first and last lines fall on (day 1 is the first's), when those
 * differ and the lines carry only the time of day (`firstTime` as `21:00:12`); else undefined.
 */
export function lineDays(tl: TimelineReport | undefined, firstTime: string | undefined, spanSeconds: number | undefined): [number, number] | undefined {
  const m = /^(\d\d):(\d\d):(\d\d)/.exec(firstTime ?? '');
  if (!tl || tl.clock !== 'log' || !m || spanSeconds === undefined) return undefined;
  const day = Math.floor(tl.start / DAY);
  const first = day * DAY + Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  const last = Math.floor((first + spanSeconds) / DAY);
  return last > day ? [day + 1, last + 1] : undefined;
}

/** The time range of buckets `from` to `to` (exclusive): `day 2 14:00–15:00`. */
export function rangeLabel(tl: TimelineReport, from: number, to: number): string {
  const a = timeLabel(tl, tl.start + from * tl.width);
  const b = timeLabel(tl, tl.start + to * tl.width);
  const same = a.lastIndexOf(' ') > 0 && b.startsWith(a.slice(0, a.lastIndexOf(' ') + 1));
  return `${a}–${same ? b.slice(a.lastIndexOf(' ') + 1) : b}`;
}

/** `1 hour`, `20 minutes`, `2 days`. */
export function widthWord(seconds: number): string {
  if (seconds % DAY === 0) return count(seconds / DAY, 'day');
  if (seconds % 3600 === 0) return count(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return count(seconds / 60, 'minute');
  return count(seconds, 'second');
}

/** Buckets summed into a column. */
export interface Column {
  /** Buckets `from` to `to` (exclusive). */
  from: number;
  to: number;
  levels: Partial<Record<TimelineLevel, number>>;
  total: number;
  starts: number;
  stops: number;
  unclean: number;
  status: number;
  /** Evidence lines per finding, in report order. */
  findings: number[];
}

/** Buckets per column when at most `max` columns hold them all. */
export function perColumn(tl: TimelineReport, max: number): number {
  return Math.max(1, Math.ceil(tl.buckets / max));
}

/** The buckets in at most `max` columns of equal width (the last may hold fewer). */
export function columns(tl: TimelineReport, max: number): Column[] {
  const k = perColumn(tl, max);
  const out: Column[] = [];
  const sum = (a: number[], from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) n += a[i];
    return n;
  };
  for (let from = 0; from < tl.buckets; from += k) {
    const to = Math.min(tl.buckets, from + k);
    const levels: Column['levels'] = {};
    let total = 0;
    for (const l of LEVEL_ORDER) {
      const a = tl.levels[l];
      if (!a) continue;
      const n = sum(a, from, to);
      if (n > 0) levels[l] = n;
      total += n;
    }
    out.push({
      from, to, levels, total, starts: sum(tl.starts, from, to), stops: sum(tl.stops, from, to), unclean: sum(tl.unclean, from, to),
      status: sum(tl.statusChanges, from, to), findings: tl.findings.map((f) => sum(f.counts, from, to)),
    });
  }
  return out;
}

/** `3,120 lines: 3,000 debug, 100 info, 20 error`. */
export function levelWords(c: Pick<Column, 'levels' | 'total'>): string {
  const parts = LEVEL_ORDER.filter((l) => c.levels[l]).map((l) => `${(c.levels[l] ?? 0).toLocaleString('en')} ${l === 'other' ? 'without a level' : l}`);
  return `${c.total.toLocaleString('en')} line${c.total === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** What one column holds, in words (the tooltips of the drawings, the rows of their tables). */
export function columnWords(tl: TimelineReport, c: Column, titles: readonly string[]): string {
  const bits = [rangeLabel(tl, c.from, c.to), levelWords(c)];
  if (c.starts) bits.push(`${count(c.starts, 'start')} of i2pd${c.unclean ? ` (${c.unclean} after no orderly stop)` : ''}`);
  if (c.stops) bits.push(`${count(c.stops, 'orderly stop')}`);
  if (c.status) bits.push(`${count(c.status, 'status change')}`);
  c.findings.forEach((n, i) => n > 0 && bits.push(`finding ${i + 1}${titles[i] ? ` (${titles[i]})` : ''}: ${count(n, 'line')}`));
  return bits.join(' · ');
}

/** What the sparkline shows: the most severe lines the log has, per column. */
export type SparkTier = 'errors' | 'warnings' | 'lines';

export interface Spark {
  tier: SparkTier;
  /** One mark per column: a block as high as its lines of the tier, `·` for lines but none of it, a space for none. */
  marks: Array<{ glyph: string; level?: TimelineLevel }>;
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/**
 * Levels by intensity: the columns' lines of the most severe levels the log holds (errors and
 * critical ones, else warnings, else all), each mark as high as its share of the busiest column's
 * and tagged with the worst level in it.
 */
export function sparkline(tl: TimelineReport, max: number): Spark {
  const cols = columns(tl, max);
  const has = (l: TimelineLevel) => (tl.levels[l] ?? []).some((n) => n > 0);
  const tier: SparkTier = has('critical') || has('error') ? 'errors' : has('warn') ? 'warnings' : 'lines';
  const of = (c: Column) => (tier === 'errors' ? (c.levels.critical ?? 0) + (c.levels.error ?? 0) : tier === 'warnings' ? (c.levels.warn ?? 0) : c.total);
  const top = Math.max(1, ...cols.map(of));
  return {
    tier,
    marks: cols.map((c) => {
      const n = of(c);
      if (c.total === 0) return { glyph: ' ' };
      const level = LEVEL_ORDER.find((l) => c.levels[l]);
      if (n === 0) return { glyph: '·', level };
      // Linear, rounded up: one line still shows, the busiest column fills the cell.
      return { glyph: BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((n / top) * BLOCKS.length) - 1)], level };
    }),
  };
}

/** `day 1 21:00 → day 4 18:30`. */
export function spanWords(tl: TimelineReport): string {
  return `${timeLabel(tl, tl.start)} → ${timeLabel(tl, tl.start + tl.buckets * tl.width)}`;
}

export const TIER_WORDS: Record<SparkTier, string> = { errors: 'errors', warnings: 'warnings', lines: 'lines' };

function when(tl: TimelineReport, t: number | undefined): string {
  return t === undefined ? 'at a time not given' : timeLabel(tl, t);
}

/**
 * The sentences of a timeline: runs, status changes, each finding's evidence, sources without
 * times. `quote` marks what comes from the log (status texts, source names) for the format.
 */
export function timelineNotes(tl: TimelineReport, titles: readonly string[], quote: (s: string) => string = (s) => s): string[] {
  const out: string[] = [];
  const runs = tl.runs;
  if (tl.runCount > 0 && tl.runCount <= 5) {
    const parts = runs.map((r, i) => {
      const from = r.start === undefined ? `started (line ${r.line}, no time)` : `started ${when(tl, r.start)}`;
      const end = r.stopped
        ? `stopped in order ${when(tl, r.stop)}`
        : i + 1 < runs.length && runs[i + 1].source === r.source
          ? `ended without an orderly stop${r.end !== undefined ? ` (its last line ${when(tl, r.end)})` : ''}`
          : 'running at the end of the log';
      return `${from}, ${end}`;
    });
    out.push(`i2pd ${parts.join('; then ')}.`);
  } else if (tl.runCount > 5) {
    const unclean = tl.unclean.reduce((n, x) => n + x, 0);
    const first = tl.unclean.findIndex((x) => x > 0);
    out.push(`i2pd started ${tl.runCount} times; ${count(unclean, 'start')} followed a run with no orderly stop${first >= 0 ? `, the first ${rangeLabel(tl, first, first + 1)}` : ''}.`);
  }
  if (tl.statusCount > 0) {
    const shown = tl.status.slice(0, 5).map((s) => `${s.t === undefined ? `(no time, ${quote(s.source)})` : timeLabel(tl, s.t)} ${quote(s.text)}`);
    out.push(`Status: ${shown.join('; ')}${tl.statusCount > shown.length ? `; ${tl.statusCount - shown.length} more changes` : ''}.`);
  }
  tl.findings.forEach((f, i) => {
    const marked = f.counts.map((n, b) => (n > 0 ? b : -1)).filter((b) => b >= 0);
    const lines = f.counts.reduce((n, x) => n + x, 0);
    const title = titles[i] ? `${titles[i]}: ` : '';
    const untimed = f.untimed > 0 ? `${marked.length ? '; ' : ''}${count(f.untimed, 'line')} without a time` : '';
    if (marked.length === 0 && f.untimed === 0) return;
    const placed = marked.length ? `evidence ${rangeLabel(tl, marked[0], marked[marked.length - 1] + 1).replace('–', ' → ')}, ${count(lines, 'line')} in ${marked.length} of ${count(tl.buckets, 'bucket')}` : '';
    out.push(`${i + 1}. ${title}${placed}${untimed}.`);
  });
  out.push(...untimedNotes(tl, quote));
  return out;
}

/** The sources with lines the timeline could not place, in words. */
export function untimedNotes(tl: TimelineReport, quote: (s: string) => string = (s) => s): string[] {
  const the = tl.clock === undefined ? 'a' : 'the';
  return tl.sources
    .filter((s) => s.untimed > 0)
    .map((s) => (s.timed === 0 ? `${quote(s.name)} has no times: its ${count(s.untimed, 'line')} ${s.untimed === 1 ? 'is' : 'are'} not on ${the} timeline.` : `${quote(s.name)}: ${count(s.untimed, 'line')} without a time, not on ${the} timeline.`));
}
