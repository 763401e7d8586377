// Installable: a web app manifest and its icons, checked the way Chromium decides whether to offer
// "Install": Page.getInstallabilityErrors (CDP) must be empty. selfhost.spec.ts checks the same
// through nginx and Caddy at a sub-path; privacy.spec.ts checks offline use.
import { test, expect, type BrowserContext } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from './helpers';

const dist = path.resolve('dist');
const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8'));

/** A context with a profile on disk: Playwright's usual contexts are incognito, which Chromium
 * reports as an installability error of its own ("in-incognito"). */
async function withProfile(playwright: any, launchOptions: any, run: (context: BrowserContext) => Promise<void>) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jwt-lens-install-'));
  const context: BrowserContext = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
  try {
    await run(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function pngSize(file: string) {
  const data = readFileSync(path.join(dist, file));
  expect(data.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  return `${data.readUInt32BE(16)}x${data.readUInt32BE(20)}`;
}

test('the manifest: name, start URL and scope relative to it, standalone, icons of the sizes it says', () => {
  expect(manifest.name).toContain('JWT Lens');
  expect(manifest.short_name).toBe('JWT Lens');
  expect(manifest.start_url).toBe('./');
  expect(manifest.scope).toBe('./');
  expect(manifest.display).toBe('standalone');
  const purposes = new Set<string>();
  for (const icon of manifest.icons) {
    expect(pngSize(icon.src), icon.src).toBe(icon.sizes);
    expect(icon.type).toBe('image/png');
    purposes.add(`${icon.purpose} ${icon.sizes}`);
  }
  expect([...purposes].sort()).toEqual(['any 192x192', 'any 512x512', 'maskable 512x512']);
  // The service worker caches the manifest and the icons, so an installed app starts offline.
  const sw = readFileSync(path.join(dist, 'sw.js'), 'utf8');
  for (const file of ['manifest.webmanifest', ...manifest.icons.map((icon: any) => icon.src)]) expect(sw).toContain(`"./${file}"`);
});

test('Chromium reports no installability errors', async ({ playwright, launchOptions, baseURL }) => {
  await withProfile(playwright, launchOptions, async (context) => {
    const page = await context.newPage();
    const errors = await openApp(page, baseURL);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { url, errors: manifestErrors, data } = await cdp.send('Page.getAppManifest');
    expect(url).toBe(`${baseURL}manifest.webmanifest`);
    expect(manifestErrors).toEqual([]);
    expect(JSON.parse(data!).name).toBe(manifest.name);
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test('the check can fail: without the manifest link Chromium reports the app not installable', async ({ playwright, launchOptions, baseURL }) => {
  await withProfile(playwright, launchOptions, async (context) => {
    const page = await context.newPage();
    let removed = false;
    await page.route((url) => url.pathname === '/', async (route) => {
      const html = await (await route.fetch()).text();
      const body = html.replace(/<link\b[^>]*\brel="?manifest"?[^>]*>/, '');
      removed = body !== html;
      await route.fulfill({ status: 200, contentType: 'text/html', body });
    });
    await openApp(page, baseURL);
    expect(removed).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((error) => error.errorId)).toContain('no-manifest');
  });
});
