// Renders media/icon.svg to media/icon.png (128x128, what the Marketplace shows) with headless Chromium.
// Run after changing the SVG: node scripts/tools/render-icon.mjs, then recompress it losslessly
// (Debian's optipng: optipng -o7 -strip all media/icon.png), which takes it from 9.5 to 5.8 KB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../lib/browser.mjs';
import { ensureChromium, root } from '../lib/tools.mjs';

await ensureChromium();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  const svg = readFileSync(join(root, 'media', 'icon.svg'), 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true });
  console.log('wrote media/icon.png');
} finally {
  await browser.close();
}
