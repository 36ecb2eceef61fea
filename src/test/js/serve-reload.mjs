// Live reload of `vitrine serve` in Debian's headless Chromium: the injected script runs under the page's own
// Content-Security-Policy (no violation), a saved convention reloads the open page at the same scroll position,
// an error shows the overlay at its line, fixing it removes the overlay.
//
// Usage: node serve-reload.mjs <served address> <project folder> <report.json>
// Prints nothing on success; the report holds what was seen.
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './local-site.mjs';

const [base, project, reportFile] = process.argv.slice(2);
const file = path.join(project, 'content/conventions/ecosante-delegation-dgpr-dgs.md');
const page = new URL('conventions/ecosante-delegation-dgpr-dgs/', base).href;
const report = { csp: [], errors: [] };
const browser = await launchChromium();
try {
  const tab = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  tab.on('console', m => { if (/Content.Security.Policy/i.test(m.text())) report.csp.push(m.text()); });
  tab.on('pageerror', e => report.errors.push(String(e)));
  await tab.goto(page);
  // Let the page open its event stream.
  await tab.waitForTimeout(300);
  await tab.evaluate(() => window.scrollTo(0, 1500));
  await tab.waitForTimeout(1000);
  report.scrollBefore = await tab.evaluate(() => window.scrollY);

  const edit = (from, to) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
  const reloaded = () => tab.waitForEvent('load', { timeout: 60000 });

  let load = reloaded();
  // A sentence near the end of the text, below the reader's screen: what is above does not move.
  edit('La présente convention prend effet', 'La présente convention, rechargée, prend effet');
  await load;
  await tab.waitForTimeout(200);
  report.textAfterEdit = await tab.evaluate(() => document.body.innerText.includes('La présente convention, rechargée, prend effet'));
  report.scrollAfter = await tab.evaluate(() => window.scrollY);
  await tab.waitForTimeout(1000); // late scripts and fonts do not move it
  report.scrollLater = await tab.evaluate(() => window.scrollY);

  load = reloaded();
  edit('signed: 2020-03-05', 'signed: 2020-02-31');
  await load;
  report.overlay = await tab.locator('#vitrine-errors li').allInnerTexts();
  report.overlayVisible = await tab.locator('#vitrine-errors').isVisible();

  load = reloaded();
  edit('signed: 2020-02-31', 'signed: 2020-03-05');
  await load;
  report.overlayAfterFix = await tab.locator('#vitrine-errors').count();
} finally {
  await browser.close();
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
}
