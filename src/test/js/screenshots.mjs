// Screenshots of a generated site in headless Chromium, for the README.
// Usage: node screenshots.mjs <site folder> <output folder> <name>[@<width>]=<page path>...
// Writes <output folder>/<name>.png: 1280 px wide (or <width>), the top 1600 px of the page at most.
import path from 'node:path';
import { serve, launchChromium } from './local-site.mjs';

const [siteDir, outDir, ...shots] = process.argv.slice(2);
const server = await serve(siteDir);
const browser = await launchChromium();
for (const shot of shots) {
  const [name, width] = shot.slice(0, shot.indexOf('=')).split('@');
  const pagePath = shot.slice(shot.indexOf('=') + 1);
  const w = Number(width || 1280);
  const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: w, height: 900 } });
  const response = await page.goto(server.base + pagePath, { waitUntil: 'networkidle' });
  if (response.status() !== 200) throw new Error(`${pagePath}: HTTP ${response.status()}`);
  const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
  await page.screenshot({ path: path.join(outDir, name + '.png'), fullPage: true, clip: { x: 0, y: 0, width: w, height } });
  await page.close();
}
await browser.close();
server.close();
