// Browser checks of a generated site, in Debian's headless Chromium driven by playwright-core (no browser
// download): axe-core (WCAG 2.0/2.1 A and AA), keyboard navigation and visible focus, pages without JavaScript,
// Content-Security-Policy violations, and any request leaving localhost.
//
// Usage: node browser-checks.mjs <site folder> <report.json> <page path>...
// The site is served on 127.0.0.1 by this script. Prints nothing on success; the report holds every finding.
// Pages are checked by a few workers at once, each with its own tabs, reused from page to page (BROWSER_WORKERS,
// default 3): the time goes to waiting on the browser, not to the CPU.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, reportFile, ...pages] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const server = await serve(siteDir);
const base = server.base;
const browser = await launchChromium();
const report = { base, pages: {}, external: [] };

async function newContext(options) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.hostname !== '127.0.0.1') {
      report.external.push(route.request().url());
      return route.abort();
    }
    return route.continue();
  });
  return context;
}

// 1. Axe, structure, keyboard and focus, with JavaScript (axe needs it; CSP is bypassed only to inject axe).
const axeContext = await newContext({ bypassCSP: true });
// 2. The same pages as a visitor without JavaScript sees them.
const noJsContext = await newContext({ javaScriptEnabled: false });
// 3. The pages as served, to catch Content-Security-Policy violations of the site's own resources.
const cspContext = await newContext({});

// A search page with a query (/recherche/?q=…) is checked once its results are shown; false if none came.
async function searched(page, p) {
  if (!p.includes('?q=')) return true;
  return page.waitForSelector('#resultats-liste li', { timeout: 15000 }).then(() => true, () => false);
}

/** Checks page p in the worker's tabs; its findings go to report.pages[p]. */
async function check(tabs, p) {
  const r = report.pages[p];
  const page = tabs.axe;
  const response = await page.goto(base + p);
  r.status = response.status();
  await searched(page, p);
  await page.evaluate(axeSource);
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  r.axe = axe.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
  r.structure = await page.evaluate(() => {
    const problems = [];
    if (document.documentElement.lang !== 'fr') problems.push('html lang is not fr');
    const skip = document.querySelector('a[href^="#"]');
    const first = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')][0];
    if (!skip || skip !== first || !document.getElementById(skip.getAttribute('href').slice(1)))
      problems.push('the first focusable element is not a skip link to an existing target');
    let previous = 0;
    for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const level = Number(h.tagName[1]);
      if (previous === 0 && level !== 1) problems.push('first heading is ' + h.tagName);
      if (level > previous + 1 && previous !== 0) problems.push(`heading ${h.tagName} "${h.textContent.trim()}" skips a level after h${previous}`);
      previous = level;
    }
    if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
    for (const t of document.querySelectorAll('table')) {
      if (!t.querySelector('caption') || !t.querySelector('caption').textContent.trim()) problems.push('table without caption');
      if (!t.querySelector('th')) problems.push('table without header cells');
    }
    for (const svg of document.querySelectorAll('svg[role="img"]')) {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
      if (!svg.querySelector('title') || !svg.querySelector('desc') || ids.some(id => !document.getElementById(id)))
        problems.push('chart without title, description or label');
    }
    return problems;
  });
  // Keyboard: Tab through the page; every link and control is reached and shows a visible focus.
  const expected = await page.evaluate(() => [...document.querySelectorAll('a[href], button, summary, input, select, textarea')]
    .filter(e => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && !e.closest('dialog:not([open]), [inert]')).length);
  const seen = new Set();
  for (let i = 0; i < Math.min(expected + 5, 600); i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      // A focus indicator on the element, its ::before/::after (the DSFR draws enlarged links' focus there), or
      // a close ancestor (focus-within).
      const shows = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
      let visible = false;
      for (let n = e, depth = 0; n && n !== document.body && depth < 5 && !visible; n = n.parentElement, depth++) {
        visible = shows(getComputedStyle(n)) || (depth === 0 && (shows(getComputedStyle(n, '::before')) || shows(getComputedStyle(n, '::after'))));
      }
      const key = [...document.querySelectorAll('*')].indexOf(e);
      return { key, visible, label: e.tagName.toLowerCase() + ' "' + e.textContent.trim().slice(0, 40) + '"' };
    });
    if (!focus) continue;
    if (!focus.visible) r.keyboard.push('no visible focus on ' + focus.label);
    seen.add(focus.key);
  }
  if (seen.size < expected) r.keyboard.push(`only ${seen.size} of ${expected} links and controls reached with Tab`);

  // A phone, 390 px wide: no table cell cut off by the screen unless it is in a scroll container (whose content
  // can be reached), and no page wider than the screen. A screenshot of each page is kept beside the report.
  const phone = tabs.phone;
  await phone.goto(base + p);
  await searched(phone, p);
  r.mobile = await phone.evaluate(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) problems.push(`page ${document.documentElement.scrollWidth}px wide at ${width}px`);
    const scrolls = e => { for (let n = e.parentElement; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (/(auto|scroll)/.test(s.overflowX) && n.scrollWidth > n.clientWidth) return true;
    } return false; };
    for (const cell of document.querySelectorAll('table th, table td')) {
      const box = cell.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1 && !scrolls(cell)) {
        problems.push('table cell clipped without a scroll container: ' + cell.textContent.trim().slice(0, 30));
        break;
      }
    }
    return problems;
  });
  if (process.env.SCREENSHOTS) await phone.screenshot({ path: `${process.env.SCREENSHOTS}/${p.replace(/[^a-z0-9]+/gi, '_')}-390.png`, fullPage: true });

  const plain = tabs.plain;
  await plain.goto(base + p);
  const text = await plain.evaluate(() => document.querySelector('main') ? document.querySelector('main').innerText.trim() : '');
  if (text.length < 20) r.noJs.push('main content is empty without JavaScript');
  const details = await plain.$('details summary');
  if (details) {
    await details.click();
    if (!(await plain.evaluate(() => document.querySelector('details').open))) r.noJs.push('details do not open without JavaScript');
  }

  const served = tabs.served;
  tabs.current = r;
  await served.goto(base + p);
  await served.waitForLoadState('load');
  if (!(await searched(served, p))) r.csp.push('no search result shown');
}

/** Takes pages from the queue until none is left, in four tabs of its own. */
async function worker(queue) {
  const tabs = { axe: await axeContext.newPage(), phone: await axeContext.newPage(), plain: await noJsContext.newPage(),
    served: await cspContext.newPage(), current: null };
  await tabs.phone.setViewportSize({ width: 390, height: 844 });
  tabs.served.on('console', m => { if (/Content Security Policy/i.test(m.text())) tabs.current.csp.push(m.text()); });
  tabs.served.on('pageerror', e => tabs.current.csp.push('script error: ' + e.message));
  for (let p = queue.shift(); p !== undefined; p = queue.shift()) await check(tabs, p);
  for (const tab of [tabs.axe, tabs.phone, tabs.plain, tabs.served]) await tab.close();
}

for (const p of pages) report.pages[p] = { axe: [], structure: [], keyboard: [], noJs: [], csp: [], mobile: [], status: 0 };
const queue = [...pages];
const workers = Math.max(1, Number(process.env.BROWSER_WORKERS || 3));
await Promise.all(Array.from({ length: Math.min(workers, pages.length) }, () => worker(queue)));

// Navigation without JavaScript: follow the first facet link of the listing.
if (pages.includes('/conventions/')) {
  const plain = await noJsContext.newPage();
  await plain.goto(base + '/conventions/');
  const link = await plain.$('nav.facets a, .facets a');
  if (link) {
    await Promise.all([plain.waitForNavigation(), link.click()]);
    report.facetNavigationWithoutJs = new URL(plain.url()).pathname;
  }
  await plain.close();
}

await browser.close();
server.close();
fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
