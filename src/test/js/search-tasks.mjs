// Searches on the results page in headless Chromium, as a reader types them: for each query, the status line, the
// results' titles, every link (in order) and the highlighted words.
//
// Usage: node search-tasks.mjs <site folder> <report.json> <query>...
import fs from 'node:fs';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, reportFile, ...queries] = process.argv.slice(2);
const server = await serve(siteDir);
const browser = await launchChromium();
const report = { errors: [] };
try {
  for (const q of queries) {
    const p = await browser.newPage();
    p.on('pageerror', e => report.errors.push(q + ': ' + e.message));
    await p.goto(server.base + '/recherche/?q=' + encodeURIComponent(q));
    await p.waitForFunction(() => {
      const s = document.getElementById('resultats-statut');
      return s && s.textContent && !/Recherche en cours/.test(s.textContent)
        && (document.querySelector('#resultats-liste li') || !/résultat/.test(s.textContent) || /Aucun/.test(s.textContent));
    }, null, { timeout: 60000 });
    report[q] = {
      status: (await p.textContent('#resultats-statut')).trim(),
      titles: await p.$$eval('#resultats-liste .search-result__title a', as => as.map(a => a.textContent.trim())),
      links: await p.$$eval('#resultats-liste a', as => as.map(a => new URL(a.href).pathname + new URL(a.href).hash)),
      marks: await p.$$eval('#resultats-liste mark', ms => ms.map(m => m.textContent)),
    };
    await p.close();
  }
} finally {
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  await browser.close();
  server.close();
}
