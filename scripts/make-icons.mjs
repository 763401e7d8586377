// Renders the web app manifest's icons (assets/icons/*.png, committed) from the SVGs with Debian's
// Chromium: icon-192.png and icon-512.png from favicon.svg, icon-maskable-512.png from
// assets/icons/icon-maskable.svg (full-bleed background, the glyph inside the central 80% circle
// that a maskable icon's mask always keeps). Run after changing either SVG:
//     node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const icons = [
  ['favicon.svg', 192, 'assets/icons/icon-192.png'],
  ['favicon.svg', 512, 'assets/icons/icon-512.png'],
  ['assets/icons/icon-maskable.svg', 512, 'assets/icons/icon-maskable-512.png'],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  for (const [svg, size, out] of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const source = readFileSync(new URL(svg, root), 'utf8');
    await page.setContent(`<!DOCTYPE html><style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style>
      <img src="data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}">`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: new URL(out, root).pathname, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`make-icons: ${out} (${size}x${size}) from ${svg}`);
  }
} finally {
  await browser.close();
}
