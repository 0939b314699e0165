// The timeline as a report shows it, for the HTML report and the page alike: the drawing
// (timeline-svg), its legend, what happened when in words, and the buckets as a table for those
// who do not see the drawing.
import type { TimelineReport } from '../facts/timeline-report.js';
import { LEVEL_COLOURS, MAX_COLUMNS, RUN_COLOURS, timelineSvg } from './timeline-svg.js';
import { h, type Tree } from './tree.js';
import { columns, drawable, findingColour, LEVEL_ORDER, levelWords, perColumn, rangeLabel, spanWords, timelineNotes, untimedNotes, widthWord } from './timeline-view.js';
import { count } from './words.js';

/** CSS for the drawing: the HTML report inlines it, the page's style sheet appends it (scripts/build-web.ts). */
export const TIMELINE_CSS = `.timeline{margin:1rem 0}.timeline figcaption{font-weight:600}
.tl{display:block;width:100%;height:auto;font:11px system-ui,sans-serif;overflow:visible}
.tl text{fill:#222}.tl .tl-hint{fill:#666}.tl .tl-axis{fill:#555}
.tl .tl-tip{visibility:hidden}.tl .tl-tipbg{fill:#fff;stroke:#999}
.tl .tl-mark:hover .tl-tip,.tl .tl-mark:focus .tl-tip,.tl .tl-col:hover .tl-tip{visibility:visible}.tl .tl-col:hover>rect{fill:rgba(0,0,0,.08)}
.tl .tl-mark{cursor:default}.tl .tl-mark:focus{outline:none}
.tl .tl-focus{fill:none;stroke:none}.tl .tl-mark:focus .tl-focus,.tl .tl-mark:hover .tl-focus{stroke:#111;stroke-width:1.5}
.tl-legend{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.tl-legend svg{vertical-align:-1px;margin-right:.3rem}
.tl-notes{margin:.25rem 0;padding-left:1.2rem}.tl-table{overflow-x:auto}.tl-table table{font-size:.85em}`;

function swatch(colour: string, opacity = 1): Tree {
  return h('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, h('rect', { width: 12, height: 12, rx: 2, fill: colour, 'fill-opacity': opacity }));
}

/** A small square of a finding's colour, for its card in the page and the report. */
export function findingSwatch(i: number): Tree {
  return swatch(findingColour(i));
}

/** The buckets as a table: what a screen reader reads, and a keyboard user who wants each bucket. */
function table(tl: TimelineReport, titles: readonly string[]): Tree {
  const cols = columns(tl, MAX_COLUMNS).filter((c) => c.total > 0 || c.starts || c.stops || c.status);
  const head = ['time', 'lines', 'runs', 'status changes', ...tl.findings.map((_, i) => `finding ${i + 1}`)];
  const rows = cols.map((c) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, rangeLabel(tl, c.from, c.to)),
      h('td', {}, levelWords(c)),
      h('td', {}, [c.starts ? `${count(c.starts, 'start')}${c.unclean ? ` (${c.unclean} unclean)` : ''}` : '', c.stops ? count(c.stops, 'orderly stop') : ''].filter(Boolean).join(', ')),
      h('td', {}, c.status ? String(c.status) : ''),
      ...c.findings.map((n) => h('td', {}, n ? String(n) : '')),
    ),
  );
  return h(
    'details',
    { class: 'tl-table' },
    h('summary', {}, `The timeline as a table (${count(cols.length, 'row')})`),
    h('table', {}, h('caption', {}, `Per ${widthWord(perColumn(tl, MAX_COLUMNS) * tl.width)}, ${spanWords(tl)}${titles.length ? `; findings: ${titles.map((t, i) => `${i + 1}. ${t}`).join(', ')}` : ''}`), h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, ...rows)),
  );
}

/**
 * The timeline of a case with its legend, notes and table; undefined when there is nothing to
 * draw and nothing to say (a short paste). A case without times says so.
 */
export function timelineFigure(tl: TimelineReport | undefined, titles: readonly string[]): Tree | undefined {
  if (!tl) return undefined;
  if (!drawable(tl)) {
    const notes = untimedNotes(tl);
    return notes.length ? h('p', { class: 'tl-untimed' }, notes.join(' ')) : undefined;
  }
  const levels = LEVEL_ORDER.filter((lv) => tl.levels[lv]);
  const legend = h(
    'ul',
    { class: 'tl-legend', 'aria-label': 'Legend' },
    ...levels.map((lv) => h('li', {}, swatch(LEVEL_COLOURS[lv]), lv === 'other' ? 'lines without a level' : `${lv} lines`)),
    ...(tl.runCount ? [h('li', {}, swatch(RUN_COLOURS.stopped, 0.55), 'run stopped in order'), h('li', {}, swatch(RUN_COLOURS.unclean, 0.55), 'run ended without an orderly stop'), h('li', {}, swatch(RUN_COLOURS.open, 0.55), 'running at the end')] : []),
    ...tl.findings.map((f, i) => (f.counts.some((n) => n > 0) ? h('li', {}, swatch(findingColour(i)), `${i + 1}. ${titles[i] ?? f.rule}`) : undefined)),
  );
  const notes = timelineNotes(tl, titles);
  return h(
    'figure',
    { class: 'timeline' },
    h('figcaption', {}, `Timeline: ${spanWords(tl)}, ${widthWord(perColumn(tl, MAX_COLUMNS) * tl.width)} a column`),
    timelineSvg(tl, titles),
    legend,
    notes.length ? h('ul', { class: 'tl-notes' }, ...notes.map((n) => h('li', {}, n))) : undefined,
    table(tl, titles),
  );
}
