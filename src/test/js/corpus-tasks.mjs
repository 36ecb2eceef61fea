// The seven reader tasks of issue 28 on a generated site (the beta.gouv.fr corpus site in ReaderTasksIT), in headless
// Chromium at 1280 and 390 px: what a reader does (search box, links, facets, downloads) and what they then see.
// The checks against the open data are ReaderTasksIT's; a task that throws records its error and the others go on.
//
// Usage: node corpus-tasks.mjs <site folder> <report.json> <task parameters.json>
// Parameters: { product: { id, title }, sponsor, organisation, emptyFilter: [[facet, value], [facet, value]] }
import fs from 'node:fs';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, reportFile, paramsFile] = process.argv.slice(2);
const params = JSON.parse(fs.readFileSync(paramsFile, 'utf8'));
const server = await serve(siteDir);
const browser = await launchChromium();
const report = {};
const path = url => { const u = new URL(url); return u.pathname + u.hash; };
const clean = s => (s || '').replace(/\s+/g, ' ').trim();

for (const width of [1280, 390]) {
  const context = await browser.newContext({ locale: 'fr-FR', acceptDownloads: true, viewport: { width, height: 900 } });
  context.setDefaultTimeout(30000); // a loaded machine; the corpus home page is large
  // Nothing leaves the machine: an outside address (a product's logo) is refused, not waited for.
  await context.route('**/*', route => new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort());
  const seen = report[width] = { errors: {} };
  const task = async (name, run) => {
    const page = await context.newPage();
    page.on('pageerror', e => (seen.scriptErrors ||= []).push(name + ': ' + e.message));
    try {
      seen[name] = await run(page);
    } catch (e) {
      seen.errors[name] = String(e.message || e).split('\n')[0];
    }
    await page.close();
  };
  // The header's search box; on a phone it opens from its button first.
  const search = async (page, words) => {
    await page.goto(server.base + '/');
    const input = page.locator('header form[role="search"] input[name="q"]');
    if (!(await input.isVisible())) await page.click('header button[title="Rechercher"][aria-controls]');
    await input.fill(words);
    await Promise.all([page.waitForNavigation(), input.press('Enter')]);
    // Until its answer is shown, the results region is busy; a stop word alone answers with no list.
    await page.waitForSelector('#resultats[aria-busy="false"]');
    return {
      status: clean(await page.textContent('#resultats-statut')),
      titles: await page.$$eval('#resultats-liste .search-result__title a', as => as.map(a => a.textContent.trim())),
      links: await page.$$eval('#resultats-liste .search-result__title a', as => as.map(a => new URL(a.href).pathname + new URL(a.href).hash)),
      marks: await page.$$eval('#resultats-liste mark', ms => ms.map(m => m.textContent)),
    };
  };
  // Money cells that do not fit the screen (a reader would have to scroll sideways to read them).
  const offScreen = page => page.$$eval('main td.num, main th.num', (cells, w) => cells
    .filter(c => c.getClientRects().length && (c.getBoundingClientRect().right > w + 1 || c.getBoundingClientRect().left < -1))
    .map(c => c.textContent.trim()), width);
  // Tables whose box scrolls sideways: a column cut.
  const cutTables = page => page.$$eval('main table', tables => tables.filter(t => {
    for (let n = t.parentElement; n && n.tagName !== 'MAIN'; n = n.parentElement) {
      if (n.scrollWidth > n.clientWidth + 1 && getComputedStyle(n).overflowX !== 'visible') return true;
    }
    return false;
  }).map(t => (t.caption ? t.caption.textContent : '').trim()));

  // 1. How much the DINUM received for UrbanVitaliz, from whom, over which years.
  await task('task1', async page => {
    const found = await search(page, 'UrbanVitaliz');
    const link = page.locator('#resultats-liste .search-result__title a[href$="/produits/urbanvitaliz/"]').first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    const table = page.locator('main table:has(caption:has-text("Financements"))').first();
    return {
      found, landed: path(page.url()), h1: clean(await page.textContent('h1')),
      rows: await table.locator('tbody tr').evaluateAll(trs => trs.map(tr => [...tr.cells].map(c => c.textContent.replace(/\s+/g, ' ').trim()))),
      total: clean(await table.locator('tfoot').textContent()),
      offScreen: await offScreen(page),
    };
  });

  // 2. The conventions signed in 2020, and which are in force (facet « Année de signature »).
  await task('task2', async page => {
    await page.goto(server.base + '/conventions/');
    await page.waitForSelector('button.download-csv');
    await page.click('nav.facets a[data-facet="signature"][data-value="2020"]');
    return {
      rows: await page.$$eval('main table tbody tr', trs => trs.map(tr => [tr.cells[0].textContent.trim(), tr.cells[tr.cells.length - 1].textContent.trim()])),
      offScreen: await offScreen(page), cut: await cutTables(page),
    };
  });

  // 3. One organisation's funding lines as CSV and XLSX, from its page.
  await task('task3', async page => {
    await page.goto(server.base + '/organisations/' + params.organisation + '/');
    const files = {};
    for (const ext of ['csv', 'xlsx']) {
      const a = page.locator(`main a[href$="lignes-financement.${ext}"]`).first();
      const href = await a.getAttribute('href', { timeout: 2000 });
      const response = await page.request.get(new URL(href, page.url()).href);
      const body = await response.body();
      files[ext] = { href: path(new URL(href, page.url()).href), status: response.status(),
        text: ext === 'csv' ? body.toString('utf8') : body.subarray(0, 2).toString('latin1') };
    }
    return files;
  });

  // 4. « friche » and « qualité de l'air » lead to the article that holds them.
  await task('task4', async page => {
    const out = {};
    for (const words of ['friche', "qualité de l'air", 'de']) {
      const found = await search(page, words);
      const article = page.locator('#resultats-liste a[href*="#article-"]').first();
      let landed = null;
      let text = null;
      if (await article.count()) {
        await Promise.all([page.waitForNavigation(), article.click()]);
        landed = path(page.url());
        text = await page.evaluate(id => {
          const h = document.getElementById(id);
          let t = h.textContent;
          for (let n = h.nextElementSibling; n && n.tagName !== h.tagName; n = n.nextElementSibling) t += ' ' + n.textContent;
          return t;
        }, decodeURIComponent(new URL(page.url()).hash.slice(1)));
      }
      out[words] = { found, landed, text };
    }
    return out;
  });

  // 5. Ecosanté's obligations, with who owes them and their status.
  await task('task5', async page => {
    await page.goto(server.base + '/conventions/ecosante-delegation-dgpr-dgs/');
    return { items: await page.$$eval('#obligations ~ * li, section:has(#obligations) li, .obligations li',
      lis => [...new Set(lis)].map(li => li.textContent.replace(/\s+/g, ' ').trim())) };
  });

  // 6. A product by name: its phases, sponsors, incubator and /stats; all the products of a sponsor; the FAST laureates.
  await task('task6', async page => {
    const found = await search(page, params.product.title);
    const link = page.locator(`#resultats-liste .search-result__title a[href$="/produits/${params.product.id}/"]`).first();
    await Promise.all([page.waitForNavigation(), link.click()]);
    const facts = await page.$$eval('main dl dt', dts => Object.fromEntries(dts.map(dt => {
      const dd = dt.nextElementSibling;
      return [dt.textContent.trim(), { text: dd ? dd.textContent.replace(/\s+/g, ' ').trim() : '',
        links: dd ? [...dd.querySelectorAll('a')].map(a => new URL(a.href).pathname) : [] }];
    })));
    const phases = await page.$$eval('ol.timeline li', lis => lis.map(li => (li.classList.contains('current') ? '* ' : '')
      + li.textContent.replace(/\s+/g, ' ').trim()));
    const stats = await page.$$eval('main a[href]', as => as.map(a => new URL(a.href).pathname).filter(p => /\/stats\/$/.test(p)));
    const statsStatus = stats.length ? (await page.request.get(server.base + stats[0])).status() : null;
    return { found, landed: path(page.url()), facts, phases, stats, statsStatus };
  });
  await task('task6-sponsor', async page => {
    // From the products listing, the sponsor's own listing page (/produits/<facet>/<sponsor>/), every page of it.
    await page.goto(server.base + '/produits/');
    const href = await page.$$eval('main a[href]', (as, s) => as.map(a => new URL(a.href).pathname)
      .find(p => new RegExp('^/produits/[^/]+/' + s + '/$').test(p)), params.sponsor);
    if (!href) throw new Error('no listing link for the sponsor ' + params.sponsor + ' on /produits/');
    const products = new Set();
    let next = server.base + href;
    for (let i = 0; next && i < 50; i++) {
      await page.goto(next);
      (await page.$$eval('main a[href]', as => as.map(a => new URL(a.href).pathname)
        .filter(p => /^\/produits\/[^/]+\/$/.test(p)))).forEach(p => products.add(p));
      next = await page.$$eval('main a[rel="next"], main a[title*="suivante"]', as => as.length ? as[0].href : null);
    }
    return { href, products: [...products] };
  });
  await task('task6-fast', async page => {
    await page.goto(server.base + '/financements/');
    const promotions = await page.$$eval('section:has(#fast) a[href]', as => as.map(a => a.href));
    const laureates = [];
    for (const p of promotions.slice(0, 40)) {
      await page.goto(p);
      laureates.push(...await page.$$eval('main table tbody tr', trs => trs.map(tr =>
        [tr.cells[0].textContent.trim(), tr.querySelector('td.num') ? tr.querySelector('td.num').textContent.trim() : ''])));
    }
    return { promotions: promotions.length, laureates, offScreen: await offScreen(page) };
  });

  // 7. /financements/ read without the charts (the tables) and with them.
  await task('task7', async page => {
    await page.goto(server.base + '/financements/');
    const tables = await page.$$eval('main section[aria-labelledby] table', ts => ts.map(t => ({
      caption: t.caption ? t.caption.textContent.trim() : '',
      // Only HTML's spaces collapsed (JavaScript's \s takes no-break spaces too): the labels as the charts' are.
      rows: [...t.tBodies[0].rows].map(r => r.cells[0].textContent.replace(/[ \t\n\r]+/g, ' ').trim()),
      total: t.tFoot ? t.tFoot.rows[0].cells[t.tFoot.rows[0].cells.length - 1].textContent.trim() : null,
    })));
    const charts = await page.$$eval('main svg.chart', svgs => svgs.map(svg => {
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')];
      return {
        id: svg.querySelector('title').id,
        categories: texts.filter(t => t.classList.contains('category')).map(t => t.textContent),
        ticks: texts.filter(t => t.classList.contains('x')).map(t => t.textContent),
        apart: [...svg.querySelectorAll('.apart title')].map(t => t.textContent),
        // The rendered height of the text's font: its size times the chart's scale.
        smallestText: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width)),
        textOutside: texts.filter(t => { const r = t.getBoundingClientRect(); return r.right > box.right + 1 || r.left < box.left - 1; })
          .map(t => t.textContent),
      };
    }));
    const out = { tables, charts, offScreen: await offScreen(page), cut: await cutTables(page) };
    // The conventions listing: no column cut; a filter that selects nothing says so.
    await page.goto(server.base + '/conventions/');
    await page.waitForSelector('button.download-csv');
    out.conventionsCut = await cutTables(page);
    out.conventionsOffScreen = await offScreen(page);
    for (const [facet, value] of params.emptyFilter) await page.click(`nav.facets a[data-facet="${facet}"][data-value="${value}"]`);
    out.emptyRows = await page.$$eval('main table tbody tr', trs => trs.filter(tr => tr.getClientRects().length).length);
    out.emptyMessage = await page.$$eval('.listing-empty', ps => ps.filter(p => !p.hidden).map(p => p.textContent.trim()).join(''));
    return out;
  });
  await context.close();
}

await browser.close();
server.close();
fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
