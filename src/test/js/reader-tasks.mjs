// What readers come for, in headless Chromium with JavaScript: sort the convention listing by amount and by signing
// date, combine two facets, download the filtered rows as CSV and XLSX (saved beside the report), share the address;
// open a deep missing address and follow "Retour à l'accueil"; search from the header's box and follow a result to its article; the same box without JavaScript.
//
// Usage: node reader-tasks.mjs <site folder> <report.json> <first facet> <first value> <second facet> <second value>
import fs from 'node:fs';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, reportFile, facet1, value1, facet2, value2] = process.argv.slice(2);
const server = await serve(siteDir);
const browser = await launchChromium();
const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
const report = { csp: [], external: [] };
await context.route('**/*', route => {
  const url = new URL(route.request().url());
  if (url.hostname !== '127.0.0.1' && url.protocol !== 'blob:') {
    report.external.push(route.request().url());
    return route.abort();
  }
  return route.continue();
});

const page = await context.newPage();
page.on('console', m => { if (/Content Security Policy/i.test(m.text())) report.csp.push(m.text()); });
page.on('pageerror', e => report.csp.push('script error: ' + e.message));
await page.goto(server.base + '/conventions/');
await page.waitForSelector('button.download-csv');
// Sort by amount (the sixth column), twice: ascending then descending.
await page.click('main table thead th:nth-child(6) button');
report.amountsAscending = await page.$$eval('main table tbody tr td.num', tds => tds.map(t => t.textContent.trim()));
await page.click('main table thead th:nth-child(6) button');
report.amountsDescending = await page.$$eval('main table tbody tr td.num', tds => tds.map(t => t.textContent.trim()));
report.ariaSort = await page.getAttribute('main table thead th:nth-child(6)', 'aria-sort');
// Sort by signing date (the fifth column), descending: unknown dates stay last.
await page.click('main table thead th:nth-child(5) button');
await page.click('main table thead th:nth-child(5) button');
report.signedDescending = await page.$$eval('main table tbody tr td:nth-child(5)', tds => tds.map(t => t.textContent.trim()));
const titles = () => page.$$eval('main table tbody tr th', ths => ths.map(t => t.textContent.trim()));
await page.click(`nav.facets a[data-facet="${facet1}"][data-value="${value1}"]`);
report.afterFirst = await titles();
await page.click(`nav.facets a[data-facet="${facet2}"][data-value="${value2}"]`);
report.afterSecond = await titles();
report.search = new URL(page.url()).search;
report.summary = await page.textContent('#listing-summary');
const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-csv')]);
report.csv = fs.readFileSync(await download.path(), 'utf8');
fs.writeFileSync(reportFile.replace(/[^/]*$/, 'selection.csv'), report.csv);
const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('button.download-xlsx')]);
report.xlsxName = workbook.suggestedFilename();
await workbook.saveAs(reportFile.replace(/[^/]*$/, 'selection.xlsx'));
// The shared address restores both filters.
const shared = await context.newPage();
await shared.goto(server.base + '/conventions/' + report.search);
await shared.waitForSelector('button.download-csv');
report.sharedTitles = await shared.$$eval('main table tbody tr th', ths => ths.map(t => t.textContent.trim()));
await shared.close();

// A deep missing address: the 404 page with its styles, and a way home.
const lost = await context.newPage();
const failed = [];
lost.on('requestfailed', r => failed.push(r.url()));
lost.on('response', r => { if (r.status() >= 400 && !r.url().includes('/a/b/c/')) failed.push(r.url() + ' ' + r.status()); });
const response = await lost.goto(server.base + '/a/b/c/introuvable/');
report.notFoundStatus = response.status();
await lost.waitForLoadState('load');
report.notFoundStyled = await lost.evaluate(() => [...document.styleSheets].filter(s => { try { return s.cssRules.length > 0; } catch (e) { return false; } }).length);
report.notFoundFailedRequests = failed;
await Promise.all([lost.waitForNavigation(), lost.click('main a:text("Retour à l\'accueil")')]);
report.afterHome = new URL(lost.url()).pathname;
report.homeTitle = await lost.title();

// Search from the header's box: the results page, then the article that names the word.
async function search(words) {
  const p = await context.newPage();
  p.on('console', m => { if (/Content Security Policy/i.test(m.text())) report.csp.push(m.text()); });
  p.on('pageerror', e => report.csp.push('script error: ' + e.message));
  await p.goto(server.base + '/');
  await p.fill('header form[role="search"] input[name="q"]', words);
  await Promise.all([p.waitForNavigation(), p.press('header form[role="search"] input[name="q"]', 'Enter')]);
  await p.waitForSelector('#resultats-liste li, #resultats-statut:has-text("Aucun")');
  const found = {
    address: new URL(p.url()).pathname + new URL(p.url()).search,
    status: (await p.textContent('#resultats-statut')).trim(),
    titles: await p.$$eval('#resultats-liste .search-result__title a', as => as.map(a => a.textContent.trim())),
    links: await p.$$eval('#resultats-liste a', as => as.map(a => new URL(a.href).pathname + new URL(a.href).hash)),
    marks: await p.$$eval('#resultats-liste mark', ms => ms.map(m => m.textContent)),
  };
  return { p, found };
}
{
  const { p, found } = await search('intrapreneur');
  report.searchIntrapreneur = found;
  const article = await p.$('#resultats-liste a[href*="#article-"]');
  if (article) {
    await Promise.all([p.waitForNavigation(), article.click()]);
    const target = new URL(p.url());
    report.searchLanded = target.pathname + target.hash;
    // The text of the landed article: from its heading to the next heading of the same level.
    report.searchLandedText = await p.evaluate(id => {
      const h = document.getElementById(id);
      let text = h.textContent;
      for (let n = h.nextElementSibling; n && !(n.tagName === h.tagName); n = n.nextElementSibling) text += ' ' + n.textContent;
      return text;
    }, decodeURIComponent(target.hash.slice(1)));
  }
  await p.close();
}
{
  const { p, found } = await search('friches');
  report.searchFriches = found;
  await p.close();
}
{
  const { p, found } = await search('ecosante');
  report.searchWithoutAccents = found;
  await p.close();
}
// Without JavaScript the same box leads to the convention listing.
{
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const p = await plain.newPage();
  await p.goto(server.base + '/');
  await p.fill('header form[role="search"] input[name="q"]', 'friches');
  await Promise.all([p.waitForNavigation(), p.press('header form[role="search"] input[name="q"]', 'Enter')]);
  report.searchWithoutScript = new URL(p.url()).pathname;
  await plain.close();
}

await browser.close();
server.close();
fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
