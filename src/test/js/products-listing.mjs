// The products listing as a reader with JavaScript uses it: sort by amount and by start date, sort from the « Trier
// par » links in place, open a sorted page, combine two facets, download the selection as CSV and XLSX (saved beside
// the report as selection.csv and selection.xlsx), then a combination that selects nothing.
//
// Usage: node products-listing.mjs <site folder> <report.json> <facet> <value> <facet> <value> <facet> <value> <facet> <value>
// (the first pair of facets selects some products, the second none)
import fs from 'node:fs';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, reportFile, f1, v1, f2, v2, e1, w1, e2, w2] = process.argv.slice(2);
const server = await serve(siteDir);
const browser = await launchChromium();
const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true });
const report = { errors: [] };
try {
  const page = await context.newPage();
  page.on('pageerror', e => report.errors.push(e.message));
  await page.goto(server.base + '/produits/');
  await page.waitForSelector('button.download-csv');
  const column = n => page.$$eval(`main table tbody tr > :nth-child(${n})`, cells => cells.map(c => c.textContent.trim()));
  await page.click('main table thead th:nth-child(6) button');
  report.amountsAscending = await column(6);
  await page.click('main table thead th:nth-child(5) button');
  report.startsAscending = await column(5);
  report.titlesByStart = await column(1);
  await page.click('nav.listing-sort a[data-sort="amount"]');
  report.sortLinkPath = new URL(page.url()).pathname;
  report.amountsBySortLink = await column(6);
  report.sortLinkCurrent = await page.textContent('nav.listing-sort a[aria-current="page"]');
  await page.goto(server.base + '/produits/tri/montant/');
  await page.waitForSelector('button.download-csv');
  report.amountsOnSortedPage = await column(6);
  report.sortedPageAriaSort = await page.getAttribute('main table thead th:nth-child(6)', 'aria-sort');
  await page.goto(server.base + '/produits/');
  await page.waitForSelector('button.download-csv');
  await page.click(`nav.facets a[data-facet="${f1}"][data-value="${v1}"]`);
  report.afterFirst = await column(1);
  await page.click(`nav.facets a[data-facet="${f2}"][data-value="${v2}"]`);
  report.afterSecond = await column(1);
  report.summary = (await page.textContent('#listing-summary')).trim();
  report.search = new URL(page.url()).search;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-csv')]);
  report.csv = fs.readFileSync(await download.path(), 'utf8');
  const folder = reportFile.replace(/[^/]*$/, '');
  fs.writeFileSync(folder + 'selection.csv', report.csv);
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('button.download-xlsx')]);
  report.xlsxName = workbook.suggestedFilename();
  await workbook.saveAs(folder + 'selection.xlsx');
  await page.goto(server.base + `/produits/?${e1}=${encodeURIComponent(w1)}&${e2}=${encodeURIComponent(w2)}`);
  await page.waitForSelector('button.download-csv');
  report.emptySummary = (await page.textContent('#listing-summary')).trim();
  report.emptyTableVisible = await page.isVisible('main table');
} finally {
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  await browser.close();
  server.close();
}
