// The HTML report's timeline in real Chromium with scripts switched off: the drawing needs none.
// Hover and keyboard focus show a mark's time range and counts; each finding's marks are drawn in
// the colour of the square beside its heading.
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { launchChromium } from '../helpers/browser.js';
import { cli } from '../helpers/cli.js';
import { multiDayLog } from '../helpers/multi-day.js';

const SHOTS = join(PACKAGE_ROOT, 'test-results');

test('the HTML report draws the timeline without a script: Tab and hover show the time range and counts', async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const file = await multiDayLog();
  const html = cli(['analyze', file, '--format', 'html']).stdout;
  t.notRegex(html, /<script/i);
  t.regex(html, /<svg class="tl" viewBox="0 0 760 \d+" role="group"/);
  // The axis marks round times: a log over days at its midnights.
  t.deepEqual([...html.matchAll(/<text class="tl-axis"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]), ['day 2 00:00', 'day 3 00:00', 'day 4 00:00', 'day 5 00:00']);
  const json = JSON.parse(cli(['analyze', file, '--format', 'json']).stdout).cases[0];
  const page = join(file, '..', 'report.html');
  writeFileSync(page, html);
  const chromium = await launchChromium();
  try {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 1000 } });
    const p = await context.newPage();
    await p.goto(pathToFileURL(page).href);
    const figure = p.locator('figure.timeline');
    t.regex(await figure.locator('figcaption').innerText(), /^Timeline: day 1 21:00 → day 5 \d\d:\d\d, 1 hour a column$/);
    // Every finding with marks: its lane's cells in the colour of the square by its heading.
    for (let i = 0; i < json.diagnoses.length; i++) {
      const lane = figure.locator(`[role="list"][aria-label^="Finding ${i + 1},"]`);
      if (!json.timeline.findings[i].counts.some((n: number) => n > 0)) {
        t.is(await lane.count(), 0);
        continue;
      }
      const colour = await p.locator('section.case > h3').nth(i).locator('svg rect').getAttribute('fill');
      const fills = await lane.locator('.tl-mark > rect:not(.tl-focus)').evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute('fill')))]);
      t.deepEqual(fills, [colour], `finding ${i + 1}`);
    }
    // The keyboard: Tab from the top of the page reaches the overview first, then the runs.
    let label = '';
    for (let hops = 0; hops < 20 && !label.startsWith('Run 2 '); hops++) {
      await p.keyboard.press('Tab');
      label = (await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '';
    }
    t.regex(label, /^Run 2 of i2pd: started day 2 \d\d:\d\d \(.*line \d+\), ended without an orderly stop; its last line day 3 \d\d:\d\d\.$/);
    const tip = p.locator('.tl-mark:focus .tl-tip');
    t.true(await tip.isVisible(), 'focus shows the words');
    t.is((await tip.locator('text').allTextContents()).join(' '), label);
    await figure.screenshot({ path: join(SHOTS, 'html-timeline-focus.png') });
    // The mouse: a column shows its time range and lines per level; the tip of the focused mark gives way.
    await p.locator('body').click({ position: { x: 1, y: 1 } });
    const col = figure.locator('.tl-col').nth(70);
    await col.locator('rect').first().hover();
    t.true(await col.locator('.tl-tip').isVisible());
    t.regex((await col.locator('.tl-tip text').allTextContents()).join(' '), /^day \d \d\d:00–\d\d:00 · [\d,]+ lines: .*error.* · finding \d \(/);
    await figure.screenshot({ path: join(SHOTS, 'html-timeline-hover.png') });
    await context.close();
  } finally {
    await chromium.close();
  }
});

test('log text on the timeline stays text: a status line with markup in it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'i2pd-doctor-html-'));
  const log = join(dir, 'hostile-status.log');
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  writeFileSync(log, ['12:00:00@1/info - Tunnels: Tunnel 1 has been created', `12:10:00@1/info - Router: network status v4 changed OK -> Firewalled`, '12:30:00@1/error - NTCP2: Accept error Too many open files', ''].join('\n'));
  const consoleText = join(dir, 'hostile-console.txt');
  writeFileSync(consoleText, `Network status: Error - ${evil}\n`);
  const html = cli(['analyze', log, consoleText, '--format', 'html']).stdout;
  t.regex(html, /<figure class="timeline">/);
  t.true(html.includes('Network status: Error - &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'the status text, escaped');
  t.notRegex(html, /<img|<script/i);
  const md = cli(['analyze', log, consoleText, '--format', 'markdown', '--no-redact']).stdout;
  // Under ten minutes: no drawing, and so no square by a finding's heading to match its marks.
  const short = join(dir, 'short.log');
  writeFileSync(short, '12:00:00@1/info - Tunnels: Tunnel 1 has been created\n12:05:00@1/error - NTCP2: Accept error Too many open files\n');
  const plain = cli(['analyze', short, '--format', 'html']).stdout;
  t.regex(plain, /Too many open files/);
  t.notRegex(plain, /<svg|<figure/);
  t.true(md.includes(`\`Network status: Error - ${evil}\``), 'in markdown, in a code span');
});
