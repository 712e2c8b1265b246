// Opens `copydesk sources --format html` in headless Chromium (playwright-core, Debian's chromium)
// and checks what a reader would see: the page renders with no error and no network request, every
// chart is drawn, and every number in the charts (data-* attributes of the SVG bars) and in the
// headline cards equals the JSON output of the same run. Takes a full-page screenshot, and one of the
// page's top (SCREENSHOT.top.png) for the README.
//
//   node tests/sources_report/check_report.js REPORT.html REPORT.json SCREENSHOT.png
//
// Prints {"check": "done", ...} on success (the line .ci/editors.sh-style runners look for).
'use strict';
const fs = require('fs');
const path = require('path');
const os = require('os');
const { chromium } = require('playwright-core');

const [htmlPath, jsonPath, shotPath] = process.argv.slice(2);
if (!htmlPath || !jsonPath || !shotPath) {
  console.error('usage: check_report.js REPORT.html REPORT.json SCREENSHOT.png');
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const problems = [];
const expect = (ok, what) => { if (!ok) problems.push(what); };

// What each chart must hold, from the JSON: chart id -> {key -> {series -> value}}.
const GENDERS = ['female', 'male', 'unknown'];
const KINDS = ['person', 'unnamed', 'group', 'organization'];
const dated = report.by_month.filter((g) => g.key !== null);
const byKey = (groups, pick, series) => Object.fromEntries(groups.map((g) =>
  [g.key === null ? '' : g.key, Object.fromEntries(series.map((s) => [s, pick(g, s)]))]));
const TOP = Number(process.env.TOP || 20);
const expected = {
  'kinds-total': { all: Object.fromEntries(KINDS.map((k) => [k, report.totals.kinds[k].sources])) },
  'sources-by-gender-by-section': byKey(report.by_section, (g, s) => g.gender[s].sources, GENDERS),
  'most-quoted': Object.fromEntries(report.sources.filter((s) => s.kind === 'person').slice(0, TOP)
    .map((s) => [s.name, { [s.gender]: s.quotes }])),
};
if (dated.length > 0) {
  expected['sources-by-gender-by-month'] = byKey(dated, (g, s) => g.gender[s].sources, GENDERS);
  expected['quotes-by-gender-by-month'] = byKey(dated, (g, s) => g.gender[s].quotes, GENDERS);
  expected['kinds-by-month'] = byKey(dated, (g, s) => g.kinds[s].sources, KINDS);
}
const pct = (part, whole) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–');
const t = report.totals;
const expectedCards = {
  'women-share-of-sources': pct(t.gender.female.sources, t.kinds.person.sources),
  'women-share-of-quotes': pct(t.gender.female.quotes, t.kinds.person.quotes),
  'named-share-of-sources': pct(t.kinds.person.sources, t.sources),
  'unknown-share-of-sources': pct(t.gender.unknown.sources, t.kinds.person.sources),
};

(async () => {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-report-'));
  const browser = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    const pageUrl = 'file://' + path.resolve(htmlPath);
    // The page must fetch nothing: any request but the page itself is a failure (and is blocked).
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl) return route.continue();
      problems.push(`the page requested ${url}`);
      return route.abort();
    });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(pageUrl);
    await page.waitForSelector('svg.chart');

    const drawn = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const bars = [...svg.querySelectorAll('g.bar')].map((g) => ({
        key: g.getAttribute('data-key'),
        rects: [...g.querySelectorAll('rect[data-series]')].map((r) => ({
          series: r.getAttribute('data-series'),
          value: Number(r.getAttribute('data-value')),
          width: r.getBBox().width,
          height: r.getBBox().height,
          title: r.querySelector('title') ? r.querySelector('title').textContent : '',
        })),
      }));
      return { id: svg.getAttribute('data-chart'), width: box.width, height: box.height, bars };
    }));
    const charts = Object.fromEntries(drawn.map((c) => [c.id, c]));
    let checkedNumbers = 0;
    for (const [id, want] of Object.entries(expected)) {
      const chart = charts[id];
      expect(chart, `chart ${id} is missing`);
      if (!chart) continue;
      expect(chart.width > 300 && chart.height > 20, `chart ${id} is not drawn (${chart.width}x${chart.height})`);
      const got = {};
      for (const bar of chart.bars) {
        got[bar.key] = {};
        for (const r of bar.rects) {
          got[bar.key][r.series] = r.value;
          expect(r.title.includes(String(r.value)), `${id} ${bar.key} ${r.series}: the title "${r.title}" lacks ${r.value}`);
          if (r.value > 0) expect(r.width > 0 && r.height > 0, `${id} ${bar.key} ${r.series}: ${r.value} drawn as an empty rectangle`);
        }
      }
      expect(JSON.stringify(Object.keys(got).sort()) === JSON.stringify(Object.keys(want).sort()),
        `${id}: bars ${JSON.stringify(Object.keys(got))} but the JSON has ${JSON.stringify(Object.keys(want))}`);
      for (const [key, series] of Object.entries(want)) {
        for (const [s, value] of Object.entries(series)) {
          checkedNumbers += 1;
          expect(got[key] && got[key][s] === value, `${id} ${key} ${s}: chart ${got[key] && got[key][s]}, JSON ${value}`);
        }
      }
    }
    const cards = await page.$$eval('[data-kpi]', (els) => Object.fromEntries(els.map((e) =>
      [e.getAttribute('data-kpi'), e.querySelector('b').textContent])));
    for (const [id, value] of Object.entries(expectedCards)) {
      checkedNumbers += 1;
      expect(cards[id] === value, `card ${id}: page ${cards[id]}, JSON ${value}`);
    }
    // No markup from a draft may become an element.
    const injected = await page.$$eval('main script, main img, main iframe', (els) => els.length);
    expect(injected === 0, `${injected} script/img/iframe elements in the page`);

    await page.screenshot({ path: shotPath, fullPage: true });
    // The top of the page (cards, timeline, named and unnamed) for the README.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: shotPath.replace(/\.png$/, '.top.png'), clip: { x: 0, y: 0, width: 1000, height: Math.min(1240, height) } });
    // Printed: the charts still take the page's width and nothing is cut off.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(printed.every((w) => w > 300), `charts collapse when printed: ${printed}`);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length > 1000, 'printing to PDF gave nothing');

    console.log(JSON.stringify({ check: problems.length ? 'failed' : 'done', charts: drawn.length,
      numbers: checkedNumbers, pdf_bytes: pdf.length, problems }, null, 1));
  } finally {
    await browser.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.exit(problems.length ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
