// The timeline's drawing: plain SVG (no script; hover and focus show a mark's time range and counts
// through CSS, TIMELINE_CSS in timeline-figure).
//
// Rows, top to bottom: a readout band where the hovered or focused mark's words appear; lines per
// column; one strip per level, each shaded by its own busiest column (so that twenty errors show
// next to a million debug lines); the runs of i2pd; the status changes; one lane per finding,
// its evidence in the finding's colour. Marks that can be focused: the overview of the lines,
// each run, each column with status changes, each stretch of a finding's evidence.
import type { TimelineLevel, TimelineReport } from '../facts/timeline-report.js';
import { h, round, type Tree } from './tree.js';
import { columns, columnWords, findingColour, LEVEL_ORDER, levelWords, perColumn, rangeLabel, spanWords, timeLabel, widthWord, type Column } from './timeline-view.js';
import { count } from './words.js';

const W = 760;
const LEFT = 96;
const RIGHT = 8;
const PLOT = W - LEFT - RIGHT;
/** Columns at most: wide enough to point at one. */
export const MAX_COLUMNS = 120;
/** The readout band: two lines of words. */
const READOUT = 34;
const VOLUME = 48;
const STRIP = 9;
const LANE = 12;
const GAP = 3;
const TIP_LINE = 120;

export const LEVEL_COLOURS: Record<TimelineLevel, string> = {
  critical: '#7b1010', error: '#d32f2f', warn: '#e69f00', info: '#1f6fb2', debug: '#78909c', none: '#455a64', other: '#8d6e63',
};
export const RUN_COLOURS = { stopped: '#2e7d32', unclean: '#c62828', open: '#607d8b' };

interface Layout {
  tl: TimelineReport;
  cols: Column[];
  colW: number;
  titles: readonly string[];
}

function x(l: Layout, col: number): number {
  return LEFT + col * l.colW;
}

/** The column holding time `t`. */
function colOf(l: Layout, t: number): number {
  const b = Math.floor((t - l.tl.start) / l.tl.width);
  const k = l.cols[0].to - l.cols[0].from;
  return Math.max(0, Math.min(l.cols.length - 1, Math.floor(b / k)));
}

/** Words in two lines of the readout band, cut at a space; what does not fit ends in `…`. */
function twoLines(s: string): [string, string] {
  if (s.length <= TIP_LINE) return [s, ''];
  const cut = s.lastIndexOf(' ', TIP_LINE);
  const at = cut > TIP_LINE / 2 ? cut : TIP_LINE;
  const rest = s.slice(at).trimStart();
  return [s.slice(0, at), rest.length > TIP_LINE ? `${rest.slice(0, TIP_LINE - 1)}…` : rest];
}

/** The words a mark shows in the readout band on hover and focus (its aria-label has them whole). */
function tip(text: string): Tree {
  const [a, b] = twoLines(text);
  return h(
    'g',
    { class: 'tl-tip', 'aria-hidden': 'true' },
    h('rect', { class: 'tl-tipbg', x: 0.5, y: 0.5, width: W - 1, height: READOUT - 2, rx: 3 }),
    h('text', { x: 6, y: 14 }, a),
    b ? h('text', { x: 6, y: 28 }, b) : undefined,
  );
}

/** A mark that the keyboard reaches: its shapes, a focus ring round `box`, its words. */
function mark(label: string, box: [number, number, number, number], ...shapes: Tree[]): Tree {
  const [bx, by, bw, bh] = box;
  return h('g', { class: 'tl-mark', tabindex: 0, role: 'listitem', 'aria-label': label }, ...shapes, h('rect', { class: 'tl-focus', x: bx - 1.5, y: by - 1.5, width: bw + 3, height: bh + 3, rx: 2 }), tip(label));
}

/** A lane's name for the eye; its list carries the name for a screen reader. */
function laneLabel(y: number, text: string, height: number): Tree {
  return h('text', { x: LEFT - 6, y: y + height - 2, 'text-anchor': 'end', 'aria-hidden': 'true' }, text);
}

function overview(l: Layout, y: number, levels: TimelineLevel[]): { tree: Tree[]; height: number } {
  const { cols, colW, tl } = l;
  const top = Math.max(1, ...cols.map((c) => c.total));
  const bars: Tree[] = [];
  cols.forEach((c, i) => {
    if (c.total === 0) return;
    const bh = Math.max(1, (c.total / top) * VOLUME);
    bars.push(h('rect', { x: x(l, i), y: y + VOLUME - bh, width: Math.max(0.5, colW - 0.5), height: bh, fill: '#b0bec5' }));
  });
  const strips: Tree[] = [];
  let sy = y + VOLUME + GAP;
  for (const lv of levels) {
    const most = Math.max(1, ...cols.map((c) => c.levels[lv] ?? 0));
    strips.push(laneLabel(sy, lv === 'other' ? 'no level' : lv, STRIP));
    cols.forEach((c, i) => {
      const n = c.levels[lv] ?? 0;
      if (n > 0) strips.push(h('rect', { x: x(l, i), y: sy, width: Math.max(0.5, colW - 0.5), height: STRIP, fill: LEVEL_COLOURS[lv], 'fill-opacity': round(0.2 + 0.8 * Math.sqrt(n / most)) }));
    });
    sy += STRIP + 2;
  }
  const height = sy - y;
  const busiest = cols.reduce((a, c) => (c.total > a.total ? c : a), cols[0]);
  const words = [`Lines per ${widthWord(perColumn(tl, MAX_COLUMNS) * tl.width)}, ${spanWords(tl)}`, `busiest ${rangeLabel(tl, busiest.from, busiest.to)} with ${levelWords(busiest)}`];
  for (const lv of ['critical', 'error', 'warn'] as const) {
    const with_ = cols.filter((c) => c.levels[lv]);
    if (with_.length === 0) continue;
    const most = with_.reduce((a, c) => ((c.levels[lv] ?? 0) > (a.levels[lv] ?? 0) ? c : a));
    words.push(`${lv} lines in ${with_.length} of ${count(cols.length, 'column')}, from ${rangeLabel(tl, with_[0].from, with_[0].to)}, most ${rangeLabel(tl, most.from, most.to)} (${most.levels[lv]})`);
  }
  const label = `${words.join('; ')}.`;
  const g = h('g', { role: 'list', 'aria-label': 'Lines per level' }, mark(label, [LEFT, y, PLOT, height - 2], h('g', { 'aria-hidden': 'true' }, ...bars, ...strips)));
  // Each column says what it holds on hover (the table below has the same for the keyboard).
  const hits = cols.map((c, i) => {
    const words = columnWords(tl, c, l.titles);
    return h('g', { class: 'tl-col', 'aria-hidden': 'true' }, h('rect', { x: x(l, i), y, width: colW, height: height - 2, fill: 'transparent' }, h('title', {}, words)), tip(words));
  });
  return { tree: [laneLabel(y, 'lines', 12), g, ...hits], height };
}

function runsLane(l: Layout, y: number): Tree {
  const { tl } = l;
  const items: Tree[] = [];
  tl.runs.forEach((r, i) => {
    if (r.start === undefined) return;
    const next = tl.runs[i + 1];
    const kind = r.stopped ? 'stopped' : next && next.source === r.source ? 'unclean' : 'open';
    const a = colOf(l, r.start);
    const b = colOf(l, r.end ?? r.start);
    const x0 = x(l, a);
    const w = Math.max(l.colW, x(l, b + 1) - x0);
    const how = kind === 'stopped' ? `began an orderly stop ${timeLabel(tl, r.stop ?? r.end ?? r.start)}` : kind === 'unclean' ? `ended without an orderly stop; its last line ${timeLabel(tl, r.end ?? r.start)}` : `running at the end of the log (${timeLabel(tl, r.end ?? r.start)})`;
    const label = `Run ${i + 1} of i2pd: started ${timeLabel(tl, r.start)} (${r.source} line ${r.line}), ${how}.`;
    items.push(
      mark(
        label,
        [x0, y, w, LANE],
        h('rect', { x: x0, y: y + 3, width: w, height: LANE - 6, fill: RUN_COLOURS[kind], 'fill-opacity': 0.55 }),
        h('path', { d: `M${round(x0)} ${y}v${LANE}l${round(Math.min(6, l.colW + 3))} ${-LANE / 2}z`, fill: i > 0 && !tl.runs[i - 1].stopped && tl.runs[i - 1].source === r.source ? RUN_COLOURS.unclean : RUN_COLOURS.stopped }),
      ),
    );
  });
  // Starts beyond those listed (a crash loop): ticks only.
  const listed = new Set(tl.runs.filter((r) => r.start !== undefined).map((r) => colOf(l, r.start!)));
  const ticks = l.cols.map((c, i) => (c.starts > 0 && !listed.has(i) ? h('rect', { x: x(l, i), y, width: Math.max(1, l.colW / 3), height: LANE, fill: c.unclean ? RUN_COLOURS.unclean : RUN_COLOURS.stopped }) : undefined)).filter((t): t is Tree => t !== undefined);
  return h('g', {}, laneLabel(y, 'runs', LANE), h('g', { 'aria-hidden': 'true' }, ...ticks), h('g', { role: 'list', 'aria-label': `Runs of i2pd: ${tl.runCount}` }, ...items));
}

function statusLane(l: Layout, y: number): Tree {
  const { tl } = l;
  const items = l.cols.map((c, i) => {
    if (c.status === 0) return undefined;
    const from = tl.start + c.from * tl.width;
    const to = tl.start + c.to * tl.width;
    const texts = tl.status.filter((s) => s.t !== undefined && s.t >= from && s.t < to).map((s) => `${timeLabel(tl, s.t!)} ${s.text}`);
    const more = c.status - texts.length;
    const label = `${rangeLabel(tl, c.from, c.to)}: ${count(c.status, 'status change')}${texts.length ? `: ${texts.join('; ')}` : ''}${more > 0 && texts.length ? `; ${more} more` : ''}.`;
    const cx = x(l, i) + l.colW / 2;
    const r = LANE / 2 - 1;
    return mark(label, [cx - r, y, 2 * r, LANE], h('path', { d: `M${round(cx)} ${y + 1}l${r} ${r}l${-r} ${r}l${-r} ${-r}z`, fill: '#6a1b9a' }));
  });
  return h('g', {}, laneLabel(y, 'status', LANE), h('g', { role: 'list', 'aria-label': `Status changes: ${tl.statusCount}` }, ...items.filter((t): t is Tree => t !== undefined)));
}

function findingLane(l: Layout, y: number, f: number): Tree {
  const { tl, cols } = l;
  const colour = findingColour(f);
  const counts = cols.map((c) => c.findings[f]);
  const most = Math.max(1, ...counts);
  const title = l.titles[f] ?? tl.findings[f].rule;
  const items: Tree[] = [];
  // One mark per stretch of columns with evidence: the keyboard steps stretch by stretch.
  for (let i = 0; i < cols.length; i++) {
    if (counts[i] === 0) continue;
    let j = i;
    while (j + 1 < cols.length && counts[j + 1] > 0) j++;
    const stretch = counts.slice(i, j + 1);
    const lines = stretch.reduce((n, v) => n + v, 0);
    const peak = i + stretch.indexOf(Math.max(...stretch));
    const label = `Finding ${f + 1}, ${title}: ${count(lines, 'line')} of evidence ${rangeLabel(tl, cols[i].from, cols[j].to)}${j > i ? `, most ${rangeLabel(tl, cols[peak].from, cols[peak].to)} (${counts[peak]})` : ''}.`;
    const cells = stretch.map((n, k) => h('rect', { x: x(l, i + k), y: y + 1, width: Math.max(0.5, l.colW - 0.5), height: LANE - 2, fill: colour, 'fill-opacity': round(0.35 + 0.65 * Math.sqrt(n / most)) }));
    items.push(mark(label, [x(l, i), y, x(l, j + 1) - x(l, i), LANE], ...cells));
    i = j;
  }
  return h(
    'g',
    {},
    h('rect', { x: 6, y: y + 1, width: 10, height: LANE - 2, fill: colour, 'aria-hidden': 'true' }),
    laneLabel(y, `finding ${f + 1}`, LANE),
    h('g', { role: 'list', 'aria-label': `Finding ${f + 1}, ${title}: its evidence` }, ...items),
  );
}

/** Steps between the axis's labels: round times, so that a log over days is marked at its midnights. */
const TICK_STEPS = [60, 120, 300, 600, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

function axis(l: Layout, y: number): Tree {
  const { cols, tl } = l;
  const span = cols.length * (cols[0].to - cols[0].from) * tl.width;
  const step = TICK_STEPS.find((s) => span / s <= 7) ?? Math.ceil(span / 7 / 604800) * 604800;
  // A column's width in seconds: where a time falls along the plot.
  const perPx = ((cols[0].to - cols[0].from) * tl.width) / l.colW;
  const out: Tree[] = [h('rect', { x: LEFT, y, width: PLOT, height: 1, fill: '#999' })];
  for (let t = Math.ceil(tl.start / step) * step; t < tl.start + span; t += step) {
    const at = LEFT + (t - tl.start) / perPx;
    // The last label would run past the plot's end.
    if (at > LEFT + PLOT - 40) break;
    out.push(h('rect', { x: at, y, width: 1, height: 4, fill: '#999' }), h('text', { class: 'tl-axis', x: at, y: y + 15 }, timeLabel(tl, t)));
  }
  return h('g', { 'aria-hidden': 'true' }, ...out);
}

/** The SVG alone. */
export function timelineSvg(tl: TimelineReport, titles: readonly string[]): Tree {
  const cols = columns(tl, MAX_COLUMNS);
  const l: Layout = { tl, cols, colW: PLOT / cols.length, titles };
  const levels = LEVEL_ORDER.filter((lv) => tl.levels[lv]);
  const parts: Tree[] = [h('text', { class: 'tl-hint', x: 6, y: 15, 'aria-hidden': 'true' }, 'Hover over the drawing, or Tab to a mark: its time and counts show here.')];
  let y = READOUT + 4;
  const o = overview(l, y, levels);
  parts.push(...o.tree);
  y += o.height + GAP;
  if (tl.runs.some((r) => r.start !== undefined) || tl.starts.some((n) => n > 0)) {
    parts.push(runsLane(l, y));
    y += LANE + GAP;
  }
  if (tl.statusChanges.some((n) => n > 0)) {
    parts.push(statusLane(l, y));
    y += LANE + GAP;
  }
  tl.findings.forEach((f, i) => {
    if (!f.counts.some((n) => n > 0)) return;
    parts.push(findingLane(l, y, i));
    y += LANE + GAP;
  });
  parts.push(axis(l, y + 2));
  y += 22;
  return h('svg', { class: 'tl', viewBox: `0 0 ${W} ${y}`, role: 'group', 'aria-label': `Timeline, ${spanWords(tl)}: lines per level, runs, status changes and the findings' evidence` }, ...parts);
}
