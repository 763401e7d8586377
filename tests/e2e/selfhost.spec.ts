// The self-hosting kit (deploy/): dist/ served under a sub-path by Debian's nginx
// (deploy/nginx/jwt-lens.conf through deploy/try-nginx) and by Caddy (deploy/caddy/Caddyfile
// through deploy/try-caddy). For each: every file's headers (security headers, Content-Type,
// precompressed variants, caching), then a slice of the suite in the browser through it: decoding,
// verifying in the crypto worker, the maker, offline, installability, and framing refused.
import { test, expect, type Page } from '@playwright/test';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, recordRequests, setKey, setToken, status } from './helpers';
import { selfHosted } from './playwright.config';

const dist = path.resolve('dist');
const distFiles = readdirSync(dist).filter((name) => !name.startsWith('.') && !/\.(br|gz)$/.test(name));
const indexHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
// The policy of the page's <meta> tag (scripts/post-build.mjs), which the header must repeat.
const metaCsp = indexHtml.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];

const contentTypes: Record<string, RegExp> = {
  html: /^text\/html\b/,
  js: /^(text|application)\/javascript\b/,
  wasm: /^application\/wasm$/,
  css: /^text\/css\b/,
  json: /^application\/json\b/,
  txt: /^text\/plain\b/,
  svg: /^image\/svg\+xml\b/,
  png: /^image\/png$/,
  webmanifest: /^application\/manifest\+json\b/,
};
// Files whose name stays the same from build to build: a year of immutable caching would keep an
// old build's copy after an upgrade, so each must be revalidated.
const fixedNames = [
  'index.html', 'sw.js', 'crypto-worker_loader.js', 'crypto-worker.js', 'crypto-worker_bg.wasm',
  'crack-worker_loader.js', 'crack-worker.js', 'crack-worker_bg.wasm',
  'jwt-lens-maker.js', 'jwt-lens-maker_bg.wasm', 'maker.css', 'jwt-secrets.txt', 'page-texts.json',
  'vendor-claims.json', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png',
];
const IMMUTABLE = 'public, max-age=31536000, immutable';

const hs256 = (() => {
  const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"self-hosted"}').toString('base64url')}`;
  return `${input}.${createHmac('sha256', 'self-hosted secret').update(input).digest('base64url')}`;
})();

/** Collects CSP violations, and console errors and warnings (a header the browser rejects logs one). */
async function watch(page: Page) {
  const messages: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') messages.push(`${message.type()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as any).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return messages;
}

test('the build has the files the kit is written for', () => {
  expect(metaCsp, 'the CSP meta tag of dist/index.html').toBeTruthy();
  for (const name of fixedNames) expect(distFiles, name).toContain(name);
  // Files with a content hash in their name: the page's wasm-bindgen JavaScript and wasm, the CSS,
  // the boot script, the favicon.
  const hashed = distFiles.filter((name) => !fixedNames.includes(name));
  expect(hashed.length).toBeGreaterThanOrEqual(4);
  for (const name of hashed) expect(name, 'an unexpected file without a hash in its name').toMatch(/-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/);
  // The boot script's name is the SHA-256 of its content (scripts/post-build.mjs).
  const boot = hashed.find((name) => name.startsWith('boot-'))!;
  expect(boot).toBe(`boot-${createHash('sha256').update(readFileSync(path.join(dist, boot))).digest('hex').slice(0, 16)}.js`);
});

for (const [server, { port, path: basePath }] of Object.entries(selfHosted)) {
  const base = `http://127.0.0.1:${port}${basePath}`;

  test.describe(`${server} at ${basePath}`, () => {
    test('every file: security headers, Content-Type, precompressed variants, caching', async ({ request }) => {
      const expectedCsp = `${metaCsp}; frame-ancestors 'none'`;
      for (const name of [...distFiles, '']) {
        const file = name || 'index.html';
        const original = readFileSync(path.join(dist, file));
        const precompressed = readdirSync(dist).includes(`${file}.br`);
        if (/\.(html|js|wasm|css|json|txt|svg|webmanifest)$/.test(file)) expect(precompressed, `${file} has .br/.gz beside it`).toBe(true);
        for (const encoding of ['br', 'gzip', 'identity']) {
          const response = await request.get(base + name, { headers: { 'Accept-Encoding': encoding } });
          const what = `${server} ${name || '(the folder)'} with Accept-Encoding: ${encoding}`;
          expect(response.status(), what).toBe(200);
          const headers = response.headers();
          // The body (decoded by Playwright) is the file itself, whichever variant was sent.
          expect(Buffer.compare(await response.body(), original), `${what}: body`).toBe(0);
          expect(headers['content-encoding'], `${what}: Content-Encoding`).toBe(precompressed && encoding !== 'identity' ? encoding : undefined);
          if (precompressed) expect(headers['vary'] ?? '', `${what}: Vary`).toMatch(/accept-encoding/i);
          expect(headers['content-type'], `${what}: Content-Type`).toMatch(contentTypes[file.split('.').pop()!]);
          expect(headers['content-security-policy'], `${what}: CSP`).toBe(expectedCsp);
          expect(headers['x-content-type-options'], what).toBe('nosniff');
          expect(headers['referrer-policy'], what).toBe('no-referrer');
          expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
          const permissions = headers['permissions-policy'] ?? '';
          for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'clipboard-read']) expect(permissions, what).toContain(`${feature}=()`);
          expect(permissions, `${what}: the copy buttons write to the clipboard`).not.toContain('clipboard-write');
          expect(headers['cache-control'], `${what}: Cache-Control`).toBe(fixedNames.includes(file) ? 'no-cache' : IMMUTABLE);
        }
      }
      // The sub-path without its slash redirects to it (the page's asset URLs are relative).
      const bare = await request.get(base.slice(0, -1), { maxRedirects: 0 });
      expect([301, 308]).toContain(bare.status());
      expect(new URL(bare.headers()['location'], base).href).toBe(base);
      // A missing file is a 404 that still carries the policy.
      const missing = await request.get(`${base}no-such-file.js`);
      expect(missing.status()).toBe(404);
      expect(missing.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    });

    test('the app decodes, verifies in the worker and opens the maker, under the header CSP', async ({ page }) => {
      const messages = await watch(page);
      const requests = recordRequests(page);
      const failed: string[] = [];
      page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
      const errors = await openApp(page, base);
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
      await setToken(page, hs256);
      await setKey(page, 'self-hosted secret');
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
      await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
      await expect(page.getByTestId('secret-list-status')).toContainText('bundled list');
      await page.getByTestId('encoder-open').click();
      await expect(page.getByTestId('encode-header')).toBeVisible();
      await expect(page.getByTestId('encode-payload')).toBeVisible();

      for (const url of requests) expect(url.startsWith(base), `${url} is under the sub-path`).toBe(true);
      expect(requests.some((url) => url.endsWith('_bg.wasm')), 'the wasm went through the server').toBe(true);
      expect(failed).toEqual([]);
      expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
      expect(errors).toEqual([]);
      expect(messages).toEqual([]);
    });

    test('works offline after the first load, at the sub-path', async ({ page, context }) => {
      await openApp(page, base);
      const scope = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
        return registration.scope;
      });
      expect(scope).toBe(base);
      await context.setOffline(true);
      await page.reload();
      await expect(status(page, 'decode-status')).toBeVisible();
      await setToken(page, hs256);
      await setKey(page, 'self-hosted secret');
      await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
      await context.setOffline(false);
    });

    test('installable at the sub-path: Chromium reports no installability errors', async ({ playwright, launchOptions }) => {
      // A persistent profile: Playwright's usual contexts are incognito, which is itself an
      // installability error.
      const profile = mkdtempSync(path.join(os.tmpdir(), 'jwt-lens-install-'));
      const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, headless: true });
      try {
        const page = await context.newPage();
        await openApp(page, base);
        await page.evaluate(() => navigator.serviceWorker.ready);
        const cdp = await context.newCDPSession(page);
        const manifest = await cdp.send('Page.getAppManifest');
        expect(manifest.url).toBe(`${base}manifest.webmanifest`);
        expect(manifest.errors).toEqual([]);
        expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    });

    test('refuses to be framed (frame-ancestors)', async ({ page }) => {
      const messages: string[] = [];
      page.on('console', (message) => messages.push(message.text()));
      // A page of no origin and no policy of its own frames the app.
      await page.setContent(`<!DOCTYPE html><title>framer</title><iframe src="${base}"></iframe>`);
      await expect.poll(() => messages.join('\n')).toMatch(/frame-ancestors 'none'/);
      // The frame shows the browser's error page, not the app.
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      expect(frame.url()).toMatch(/^chrome-error:/);
      expect(await frame.locator('[data-testid=decode-status]').count()).toBe(0);
    });
  });
}
