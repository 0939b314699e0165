// The page in real Chromium, delivered both ways: what a user pastes or drops is diagnosed in
// the browser, hostile log text stays text, and nothing but the page's own files is requested.
import test from 'ava';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/node/content/content-loader.js';
import { knowledge } from '../helpers/knowledge.js';
import { zip } from '../helpers/archives.js';
import { launchChromium, serveTarget, staticTarget, type Target } from '../helpers/browser.js';
import { multiDayLog } from '../helpers/multi-day.js';

const SEED = readFileSync(join(PACKAGE_ROOT, 'samples/sockets/ssu2-socket-buffer-enobufs-freebsd-floodfill.log'), 'utf8');
const SHOTS = join(PACKAGE_ROOT, 'test-results');
// A value that appears only in the pasted log: no request may ever carry it.
const MARKER = '203.0.113.77';
const SEED_MARKED = `${SEED}07:52:30@212/critical - SSU2: Failed to open socket on ${MARKER}: set_option: No buffer space available\n`;

let chromium: Awaited<ReturnType<typeof launchChromium>>;
const targets: Target[] = [];
let DAYS: Buffer;

test.before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  DAYS = readFileSync(await multiDayLog());
  chromium = await launchChromium();
  targets.push(await serveTarget(), staticTarget());
});

test.after.always(async () => {
  for (const t of targets) t.stop();
  await chromium?.close();
});

interface Watch {
  page: Page;
  context: BrowserContext;
  requests: { url: string; method: string; body: string | null }[];
  dialogs: string[];
}

async function open(browser: Browser, target: Target, viewport = { width: 1280, height: 900 }, init?: () => void): Promise<Watch> {
  const context = await browser.newContext({ viewport });
  if (init) await context.addInitScript(init);
  if (target.name === 'serve') await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: target.url });
  const page = await context.newPage();
  const w: Watch = { page, context, requests: [], dialogs: [] };
  page.on('request', (r) => w.requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  // Whatever the CSP blocks (a request, eval, an inline handler) is recorded too.
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(target.url);
  await page.waitForSelector('html[data-ready="true"]');
  return w;
}

async function finish(t: { deepEqual: (a: unknown, b: unknown, m?: string) => void; true: (a: boolean, m?: string) => void }, w: Watch, target: Target): Promise<void> {
  const violations = await w.page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  t.deepEqual(violations, [], 'the page tried something its CSP forbids');
  t.deepEqual(w.dialogs, [], 'a dialog opened');
  // Chromium reports file:// loads too, so both deliveries must show the page fetching itself.
  t.true(w.requests.some((r) => r.url.endsWith('app.js')), `the script request was not seen: ${w.requests.map((r) => r.url).join(', ')}`);
  for (const r of w.requests) {
    t.true(target.own.includes(r.url) || r.url.startsWith(target.blob), `request to ${r.url} is not one of the page's own files`);
    t.true(r.method === 'GET' && r.body === null, `${r.method} ${r.url} sends a body`);
    t.true(!r.url.includes(MARKER) && !r.url.includes('Failed'), `${r.url} carries log content`);
  }
  await w.context.close();
}

async function paste(page: Page, text: string): Promise<void> {
  await page.fill('#log', text);
  await page.click('#diagnose');
  await page.waitForSelector('#results .case');
  // The report is shown before the redacted copy for sharing is made; the status line says when both are done.
  await page.waitForFunction(() => document.querySelector('#status')?.textContent !== 'Analysing…');
}

for (const which of ['serve', 'static'] as const) {
  const target = () => targets.find((x) => x.name === which)!;

  test.serial(`${which}: pasting the seed sample shows the socket-buffer diagnosis with the sysctl fix`, async (t) => {
    const w = await open(chromium.browser, target());
    await paste(w.page, SEED_MARKED);
    const card = w.page.locator('article.finding').first();
    t.regex(await card.locator('h3').innerText(), /SSU2 asks for larger UDP buffers than the kernel allows/);
    t.is(await card.locator('.badge.sev-critical').innerText(), 'CRITICAL');
    t.regex(await card.locator('.badges').innerText(), /LIKELY/);
    t.regex(await card.locator('.missing').innerText(), /Is this router a floodfill/);
    const fix = card.locator('.part-fix');
    t.true(await fix.getByText('sysctl kern.ipc.maxsockbuf=6553500', { exact: false }).first().isVisible());
    t.regex(await card.locator('pre.evidence').innerText(), /pasted log:2 {2}07:41:03@905\/critical - SSU2: Failed to open socket on 0\.0\.0\.0/);
    t.regex(await w.page.locator('#status').innerText(), /Analysed 8 lines .* in this browser/);
    // The page's precompiled validators accept exactly the content the CLI loads.
    const k = knowledge();
    t.regex(await w.page.locator('footer').innerText(), new RegExp(`· ${k.rules.length} rules, ${k.articles.size} articles ·`));
    t.false(await w.page.locator('#problems').isVisible());
    await w.page.screenshot({ path: join(SHOTS, `web-${which}-diagnosis.png`), fullPage: true });
    await finish(t, w, target());
  });

  test.serial(`${which}: a question pasted without its log says no i2pd line was found, not "no known problem"`, async (t) => {
    const w = await open(chromium.browser, target());
    await paste(w.page, 'my router shows Firewalled, what can I do?\n');
    t.is(await w.page.locator('#result-title').innerText(), 'No i2pd log lines found');
    t.regex(await w.page.locator('#results .case').innerText(), /paste the log itself/);
    t.notRegex(await w.page.locator('#results').innerText(), /No known problem/i);
    t.regex(await w.page.locator('#status').innerText(), /^Analysed 1 line in/);
    await finish(t, w, target());
  });

  test.serial(`${which}: the keyboard alone pastes, diagnoses and copies redacted markdown`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    await page.keyboard.press('Tab');
    t.is(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the log box');
    await page.keyboard.press('Enter');
    t.is(await page.evaluate(() => document.activeElement?.id), 'log');
    await page.keyboard.insertText(SEED_MARKED);
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#results .case');
    t.is(await page.evaluate(() => document.activeElement?.id), 'result-title', 'focus moves to the result');
    let hops = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'copy' && hops++ < 80) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent !== '');
    const md = await page.inputValue('#markdown');
    t.regex(md, /^### i2pd-doctor: 1 finding in `pasted log`/);
    t.regex(md, /sysctl kern\.ipc\.maxsockbuf=6553500/);
    t.false(md.includes(MARKER), 'the copied markdown still has the address');
    t.regex(md, /Failed to open socket on 198\.18\.0\.\d+: set_option/);
    t.regex(await page.locator('#redact-note').innerText(), /^Replaced 2 IPv4 addresses, 1 port, 1 tunnel id\.$/);
    if (which === 'serve') {
      t.is(await page.locator('#copy-status').innerText(), 'Copied. Paste it into the GitHub issue.');
      t.is(await page.evaluate(() => navigator.clipboard.readText()), md);
    }
    await page.locator('#redact').focus();
    await page.keyboard.press('Space');
    t.true((await page.inputValue('#markdown')).includes(MARKER), 'unticking redaction keeps the address');
    await finish(t, w, target());
  });

  test.serial(`${which}: a dropped .gz and a picked file are diagnosed as one case`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    await page.setInputFiles('#files', { name: 'i2pd.conf', mimeType: 'text/plain', buffer: Buffer.from('floodfill = true\n') });
    t.regex(await page.locator('#file-list').innerText(), /i2pd\.conf \(17 bytes\)/);
    const gz = [...gzipSync(SEED_MARKED)];
    const dt = await page.evaluateHandle((bytes) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(bytes)], 'i2pd.log.1.gz', { type: 'application/gzip' }));
      return d;
    }, gz);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    await page.waitForSelector('#results .case');
    const card = page.locator('article.finding').first();
    t.regex(await card.locator('h3').innerText(), /SSU2 asks for larger UDP buffers/);
    // With the config the floodfill question is answered: the diagnosis is confirmed.
    t.regex(await card.locator('.badges').innerText(), /CONFIRMED/);
    t.regex(await card.locator('pre.evidence').innerText(), /i2pd\.log\.1\.gz:2 {2}07:41:03/);
    await finish(t, w, target());
  });

  test.serial(`${which}: a dropped .zip is read member by member, its config answering the question`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    const bytes = [...(await zip([['logs/i2pd.log', SEED_MARKED], ['i2pd.conf', 'floodfill = true\n'], ['netDb/rA/routerInfo-x.dat', Buffer.from([1, 0, 2])]]))];
    const dt = await page.evaluateHandle((b) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(b)], 'report.zip', { type: 'application/zip' }));
      return d;
    }, bytes);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    await page.waitForSelector('#results .case');
    const card = page.locator('article.finding').first();
    t.regex(await card.locator('h3').innerText(), /SSU2 asks for larger UDP buffers/);
    t.regex(await card.locator('.badges').innerText(), /CONFIRMED/);
    t.regex(await card.locator('pre.evidence').innerText(), /report\.zip!logs\/i2pd\.log:2 {2}07:41:03/);
    await finish(t, w, target());
  });

  test.serial(`${which}: script and markup in a log line stay inert, visible text`, async (t) => {
    const w = await open(chromium.browser, target());
    const evil = `<script>alert("script ran")</script><img src=x onerror="alert('onerror ran')"><b>bold</b>`;
    await paste(w.page, `07:41:03@905/critical - SSU2: Failed to open socket on 0.0.0.0: set_option: No buffer space available ${evil}\n`);
    const evidence = w.page.locator('pre.evidence').first();
    t.true((await evidence.innerText()).includes(evil));
    t.is(await w.page.locator('#results img, #results script, #results b').count(), 0);
    t.is(await w.page.evaluate(() => document.querySelectorAll('img, [onerror]').length), 0);
    await finish(t, w, target());
  });

  test.serial(`${which}: a multi-day log draws its timeline; Tab and hover show a mark's time range and counts; each finding's marks in its colour`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    await page.setInputFiles('#files', { name: 'i2pd.log', mimeType: 'text/plain', buffer: DAYS });
    await page.click('#diagnose');
    await page.waitForSelector('#results figure.timeline svg.tl');
    t.regex(await page.locator('figure.timeline figcaption').innerText(), /^Timeline: day 1 21:00 → day 5 \d\d:\d\d, 1 hour a column$/);
    // The too-many-open-files finding: its lane starts where the run without an orderly stop ends.
    const cards = page.locator('article.finding');
    const n = await cards.count();
    let f = -1;
    for (let i = 0; i < n; i++) if (/Too many open files/.test(await cards.nth(i).locator('h3').innerText())) f = i;
    t.true(f >= 0);
    const colour = await cards.nth(f).locator('h3 svg rect').getAttribute('fill');
    const lane = page.locator(`svg.tl [role="list"][aria-label^="Finding ${f + 1},"]`);
    const marks = lane.locator('.tl-mark');
    t.true((await marks.count()) >= 1);
    const fills = await lane.locator('.tl-mark > rect:not(.tl-focus)').evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute('fill')))]);
    t.deepEqual(fills, [colour], "the marks are in the finding's colour");
    const unclean = page.locator('svg.tl [aria-label^="Runs of i2pd"] .tl-mark').nth(1);
    t.regex((await unclean.getAttribute('aria-label'))!, /^Run 2 of i2pd: started day 2 .* ended without an orderly stop; its last line day 3 /);
    const laneX = (await marks.first().locator('rect').first().boundingBox())!.x;
    const runEnd = await unclean.evaluate((g) => {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      return r.x + r.width;
    });
    t.true(Math.abs(laneX - runEnd) < 12, `evidence from x ${laneX}, the crashed run ends at ${runEnd}`);
    // The keyboard reaches the mark; focus shows its time range and counts in the readout.
    let hops = 0;
    await page.locator('#result-title').focus();
    while (!(await page.evaluate((k) => document.activeElement?.getAttribute('aria-label')?.startsWith(`Finding ${k},`) ?? false, f + 1)) && hops++ < 60) await page.keyboard.press('Tab');
    const label = (await page.evaluate(() => document.activeElement?.getAttribute('aria-label')))!;
    t.regex(label, /: \d+ lines of evidence day 3 \d\d:00–day 5 \d\d:00, most day [345] \d\d:00–\d\d:00 \(\d+\)\.$/);
    const tip = page.locator('.tl-mark:focus .tl-tip');
    t.true(await tip.isVisible());
    t.is((await tip.locator('text').allTextContents()).join(' '), label);
    await page.locator('figure.timeline').screenshot({ path: join(SHOTS, `web-${which}-timeline-focus.png`) });
    // Hovering a column shows that bucket's range and its lines per level.
    const col = page.locator('svg.tl .tl-col').nth(60);
    await col.locator('rect').first().hover();
    const colTip = (await col.locator('.tl-tip text').allTextContents()).join(' ');
    t.true(await col.locator('.tl-tip').isVisible());
    t.regex(colTip, /^day \d \d\d:00–\d\d:00 · [\d,]+ lines: .*\d+ debug/);
    // For a screen reader: labelled lists of marks, and the buckets as a table.
    const tree = await page.locator('figure.timeline').ariaSnapshot();
    t.regex(tree, new RegExp(`- '?list "Finding ${f + 1}, [^"]*: its evidence"'?:\\n\\s+- '?listitem "Finding ${f + 1}, [^"]*: \\d+ lines of evidence day 3 `));
    t.regex(tree, /- '?list "Runs of i2pd: 3"'?:\n\s+- '?listitem "Run 1 of i2pd: started day 1 21:00/);
    t.notRegex(tree, /text: .*Hover over/, 'the hint is for the eye');
    await page.locator('.tl-table summary').click();
    t.true((await page.locator('.tl-table tbody tr').count()) > 24);
    await page.locator('figure.timeline').screenshot({ path: join(SHOTS, `web-${which}-timeline.png`) });
    await finish(t, w, target());
  });

  test.serial(`${which}: on a phone-width screen nothing scrolls sideways`, async (t) => {
    const w = await open(chromium.browser, target(), { width: 360, height: 780 });
    await paste(w.page, SEED_MARKED);
    const widths = await w.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
    t.true(widths.page <= widths.view, `page is ${widths.page}px wide in a ${widths.view}px screen`);
    await w.page.screenshot({ path: join(SHOTS, `web-${which}-phone.png`), fullPage: true });
    // The timeline shrinks to the screen; its table scrolls inside its own box.
    await w.page.fill('#log', '');
    await w.page.setInputFiles('#files', { name: 'i2pd.log', mimeType: 'text/plain', buffer: DAYS });
    await w.page.click('#diagnose');
    await w.page.waitForSelector('#results figure.timeline');
    await w.page.locator('.tl-table summary').click();
    const after = await w.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth, svg: document.querySelector('svg.tl')!.getBoundingClientRect().width }));
    t.true(after.page <= after.view, `with the timeline the page is ${after.page}px wide in a ${after.view}px screen`);
    t.true(after.svg <= after.view);
    await finish(t, w, target());
  });
}

/** Drops a log of about `mb` megabytes made in the page from the seed, and starts a timer ticking. */
async function dropLarge(page: Page, mb: number): Promise<void> {
  const dt = await page.evaluateHandle(
    ([seed, size]) => {
      const parts: string[] = [];
      for (let n = 0; n < size; n += seed.length) parts.push(seed);
      const d = new DataTransfer();
      d.items.add(new File(parts, 'large.log', { type: 'text/plain' }));
      const w = window as unknown as { ticks: number };
      w.ticks = 0;
      setInterval(() => w.ticks++, 10);
      return d;
    },
    [SEED, mb * 1e6] as const,
  );
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
}

/** Progress shown part way: what the bar and the page's timer say at that moment. */
async function partWay(page: Page, after = 0): Promise<{ value: number; max: number; ticks: number; label: string }> {
  await page.waitForFunction(
    (v) => {
      const p = document.getElementById('progress') as HTMLProgressElement;
      return !document.getElementById('progress-row')!.hidden && p.value > v && p.value < p.max;
    },
    after,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => {
    const p = document.getElementById('progress') as HTMLProgressElement;
    return { value: p.value, max: p.max, ticks: (window as unknown as { ticks: number }).ticks, label: p.getAttribute('aria-valuetext') ?? '' };
  });
}

for (const which of ['serve', 'static'] as const) {
  const target = () => targets.find((x) => x.name === which)!;

  test.serial(`${which}: a large log is read in a worker: its progress is shown, and the page handles clicks and timers while it reads`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    t.is(await page.getAttribute('html', 'data-analyser'), 'worker');
    await dropLarge(page, 40);
    t.true(await page.locator('#cancel').isVisible());
    const first = await partWay(page);
    t.regex(first.label, /^\d+\.\d [kM]B of 40\.0 MB read$/);
    t.is(await page.locator('label[for="progress"]').innerText(), 'Reading the input');
    // A click on the page is handled while the worker reads: its handler sees the analysis under way.
    await page.evaluate(() => {
      document.getElementById('clear-files')!.addEventListener('click', () => {
        (window as unknown as { busyAtClick: boolean }).busyAtClick = !document.getElementById('progress-row')!.hidden;
      });
    });
    await page.click('#clear-files');
    t.is(await page.locator('#file-list li').count(), 0);
    t.true(await page.evaluate(() => (window as unknown as { busyAtClick: boolean }).busyAtClick), 'the click came after the analysis');
    const later = await partWay(page, first.value);
    t.true(later.ticks > first.ticks, "the page's timer stopped while the log was read");
    // The report, then its redacted copy for sharing, each read with the bar shown.
    await page.waitForSelector('#results .case', { timeout: 120_000 });
    await page.waitForFunction(() => /^Analysed [\d,]+ lines in \d+ ms, in this browser\.$/.test(document.getElementById('status')!.textContent ?? ''), undefined, { timeout: 120_000 });
    t.regex(await page.locator('article.finding h3').first().innerText(), /SSU2 asks for larger UDP buffers/);
    t.false(await page.locator('#progress-row').isVisible());
    t.false(await page.locator('#cancel').isVisible());
    await finish(t, w, target());
  });

  test.serial(`${which}: Cancel stops a large log's analysis, says so and shows the previous report again`, async (t) => {
    const w = await open(chromium.browser, target());
    const { page } = w;
    await paste(page, SEED_MARKED);
    await page.fill('#log', '');
    await dropLarge(page, 40);
    await partWay(page);
    t.is(await page.locator('#results .case').count(), 0, "the previous report is not shown as the new input's");
    await page.click('#cancel');
    t.is(await page.locator('#status').innerText(), 'Cancelled. The report below is the previous one.');
    t.false(await page.locator('#progress-row').isVisible());
    t.false(await page.locator('#cancel').isVisible());
    t.is(await page.evaluate(() => document.activeElement?.id), 'diagnose');
    t.regex(await page.locator('#result-title').innerText(), /^1 finding/);
    t.regex(await page.locator('.meta').innerText(), /8 lines read/);
    t.true(await page.locator('#share').isVisible());
    // The worker is free again: the next case is analysed by it.
    await page.click('#clear-files');
    await page.fill('#log', 'my router shows Firewalled, what can I do?\n');
    await page.click('#diagnose');
    await page.waitForFunction(() => /^Analysed 1 line in/.test(document.getElementById('status')!.textContent ?? ''), undefined, { timeout: 120_000 });
    t.is(await page.locator('#result-title').innerText(), 'No i2pd log lines found');
    await finish(t, w, target());
  });
}

test.serial('static: a second Diagnose while a large log is read cancels it and shows the new case', async (t) => {
  const w = await open(chromium.browser, targets.find((x) => x.name === 'static')!);
  const { page } = w;
  await dropLarge(page, 40);
  await partWay(page);
  await page.click('#clear-files');
  await page.fill('#log', SEED_MARKED);
  await page.click('#diagnose');
  await page.waitForFunction(() => /^Analysed 8 lines in/.test(document.getElementById('status')!.textContent ?? ''), undefined, { timeout: 120_000 });
  t.regex(await page.locator('.meta').innerText(), /8 lines read/);
  t.regex(await page.locator('#markdown').inputValue(), /^### i2pd-doctor: 1 finding in `pasted log`/);
  await finish(t, w, targets.find((x) => x.name === 'static')!);
});

test.serial('static: Cancel while the redacted copy is made keeps the new report and leaves no unredacted markdown', async (t) => {
  const w = await open(chromium.browser, targets.find((x) => x.name === 'static')!);
  const { page } = w;
  await dropLarge(page, 40);
  await page.waitForSelector('#results .case', { timeout: 120_000 });
  await page.waitForFunction(() => document.getElementById('progress-label')!.textContent === 'Making the redacted copy', undefined, { timeout: 120_000 });
  await partWay(page);
  await page.click('#cancel');
  t.is(await page.locator('#status').innerText(), 'Cancelled.');
  t.is(await page.locator('#redact-note').innerText(), 'Cancelled: the copy for sharing was not made. Copy as markdown makes it.');
  t.is(await page.inputValue('#markdown'), '');
  t.regex(await page.locator('article.finding h3').first().innerText(), /SSU2 asks for larger UDP buffers/);
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status')!.textContent !== '', undefined, { timeout: 120_000 });
  t.regex(await page.inputValue('#markdown'), /^### i2pd-doctor: \d+ findings? in `large\.log`/);
  t.regex(await page.locator('#redact-note').innerText(), /^Replaced /);
  await finish(t, w, targets.find((x) => x.name === 'static')!);
});

// A browser that will not start the worker, at once (a throw) or late (an error event before the
// analyser is up): the page analyses on its own thread, as it did before, and says nothing of it.
const REFUSALS: [string, () => void][] = [
  ['refuses the worker', () => {
    (window as unknown as { Worker: unknown }).Worker = function () {
      throw new DOMException('refused', 'SecurityError');
    };
  }],
  ['fails the worker late', () => {
    const Real = window.Worker;
    (window as unknown as { Worker: unknown }).Worker = class extends Real {
      constructor() {
        super(URL.createObjectURL(new Blob(['throw new Error("no worker here")'], { type: 'text/javascript' })));
      }
    };
  }],
];
for (const [how, init] of REFUSALS) {
  test.serial(`static: a browser that ${how} still gets the report, made on the page`, async (t) => {
    const w = await open(chromium.browser, targets.find((x) => x.name === 'static')!, undefined, init);
    const { page } = w;
    await paste(page, SEED_MARKED);
    t.is(await page.getAttribute('html', 'data-analyser'), 'page');
    t.regex(await page.locator('article.finding h3').first().innerText(), /SSU2 asks for larger UDP buffers/);
    t.regex(await page.locator('#status').innerText(), /^Analysed 8 lines in \d+ ms, in this browser\.$/);
    t.false(await page.locator('#problems').isVisible());
    t.regex(await page.locator('#markdown').inputValue(), /Failed to open socket on 198\.18\.0\.\d+: set_option/);
    await finish(t, w, targets.find((x) => x.name === 'static')!);
  });
}

// What reports paste besides i2pd's log — the console, the proxy's error page, shell sessions,
// systemctl status, crash text, the Android app's screen, logread — is read by the page's core as
// by the CLI's: each sample's expected findings appear in the page.
const SURFACES = [
  'samples/harmless/console-leasesets-zero-normal-young-router-growing.md',
  'samples/clients/addressbook-domain-not-found-page.md',
  'samples/crashes/crash-invalid-address-option-no-config.md',
  'samples/crashes/crash-known-2-28-upnp-shutdown-stop-qt-2-28.md',
  'samples/filesystem/android-all-files-access-missing-std-filesystem-denied.md',
  'samples/filesystem/pidfile-unwritable-logread-no-date.md',
  'samples/clients/tunnel-reload-acceptor-lost-kill-hup-prose.md',
  'samples/config/datadir-not-passed-falls-back-to-home.md',
];

test.serial('static: every paste surface the CLI reads, the page reads, with the findings its samples expect', async (t) => {
  const k = knowledge();
  const title = new Map(k.rules.map((r) => [r.id, r.title]));
  const w = await open(chromium.browser, targets.find((x) => x.name === 'static')!);
  for (const file of SURFACES) {
    const expect = JSON.parse(readFileSync(join(PACKAGE_ROOT, file.replace(/\.(md|log)$/, '.expect.json')), 'utf8')) as { fire: Record<string, string> };
    await w.page.fill('#log', readFileSync(join(PACKAGE_ROOT, file), 'utf8'));
    await w.page.click('#diagnose');
    await w.page.waitForSelector('#results .case');
    const shown = await w.page.locator('article.finding h3').allInnerTexts();
    for (const rule of Object.keys(expect.fire)) {
      t.true(shown.some((h) => h.includes(title.get(rule)!)), `${file}: the page does not show ${rule}; it shows ${shown.join(' | ')}`);
    }
  }
  await finish(t, w, targets.find((x) => x.name === 'static')!);
});
