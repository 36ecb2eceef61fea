// Screenshots of a generated site in headless Chromium, for the README.
// Usage: node screenshots.mjs <site folder> <output folder> <name>=<page path>...
// Writes <output folder>/<name>.png: 1280 px wide, the top 1600 px of the page at most.
import path from 'node:path';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, outDir, ...shots] = process.argv.slice(2);
const server = await serve(siteDir);
const browser = await launchChromium();
const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
for (const shot of shots) {
  const name = shot.slice(0, shot.indexOf('='));
  const pagePath = shot.slice(shot.indexOf('=') + 1);
  const response = await page.goto(server.base + pagePath, { waitUntil: 'networkidle' });
  if (response.status() !== 200) throw new Error(`${pagePath}: HTTP ${response.status()}`);
  const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height } });
}
await browser.close();
server.close();
