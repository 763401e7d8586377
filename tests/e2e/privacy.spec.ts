import { test, expect, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { loadFixtures, openApp, recordRequests, setKey, setToken, status } from './helpers';
import { subPathPort } from './playwright.config';

const fixtures = [...loadFixtures('cross_impl_py.json'), ...loadFixtures('cross_impl_node.json')];
const distFiles = readdirSync(path.resolve('dist')).filter((name) => !name.startsWith('.'));
const secretKey = 'my-very-private-signing-secret-0123456789';

/** Collects CSP violations reported by the browser. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as any).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

test('works under its CSP and requests nothing but its own static files', async ({ page, baseURL }) => {
  await watchCsp(page);
  const requests = recordRequests(page);
  const errors = await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(await page.locator('script:not([src])').count()).toBe(0);

  // Exercise every panel: examples, keys of each format, copy buttons, theme, share link, privacy note.
  for (const example of await page.getByTestId('example').all()) await example.click();
  for (const format of ['secret-text', 'pem-certificate', 'jwk-public', 'jwks', 'pem-pkcs8-private']) {
    const c = fixtures.find((f) => f.key_format === format && f.expect === 'valid');
    await setToken(page, c.token);
    await setKey(page, c.key, c.secret_encoding ?? 'utf8');
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  }
  await page.getByTestId('privacy').locator('summary').click();
  await page.getByTestId('claim-row').first().hover();
  for (const button of await page.getByRole('button').all()) {
    // Enabled ones only: "Edit" and "Show as PEM / JWK" wait for a token or a key.
    if (await button.isVisible() && await button.isEnabled()) await button.click();
  }
  await page.getByTestId('example').first().click();
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');

  const origin = new URL(baseURL!).origin;
  for (const url of requests) {
    const parsed = new URL(url);
    expect(parsed.origin, url).toBe(origin);
    const file = parsed.pathname.slice(1) || 'index.html';
    expect(distFiles, `${url} is one of the app's files`).toContain(file);
  }
  expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('nothing typed is stored in the browser or the URL', async ({ page }) => {
  await openApp(page);
  const token = fixtures.find((f) => f.key_format === 'secret-text').token;
  await setToken(page, token);
  await setKey(page, secretKey);
  await page.getByTestId('secret-base64').check();
  await page.getByTestId('secret-base64').uncheck();
  await page.waitForTimeout(300);
  const stored = await page.evaluate(async () => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookies: document.cookie,
    databases: JSON.stringify(await indexedDB.databases()),
    url: location.href,
    cache: await Promise.all((await caches.keys()).map(async (name) =>
      (await (await caches.open(name)).keys()).map((request) => request.url))),
  }));
  for (const [where, value] of Object.entries(stored)) {
    const text = JSON.stringify(value);
    expect(text, where).not.toContain(secretKey);
    expect(text, where).not.toContain(token.split('.')[1].slice(0, 24));
  }
  expect(stored.url).not.toContain('#');
});

test('works offline after the first load', async ({ page, context }) => {
  await openApp(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await expect(status(page, 'decode-status')).toBeVisible();
  const c = fixtures.find((f) => f.alg === 'ES256' && f.key_format === 'jwk-public' && f.expect === 'valid');
  await setToken(page, c.token);
  await setKey(page, c.key);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await context.setOffline(false);
});

test('serves from a sub-path', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page, `http://127.0.0.1:${subPathPort}/tools/jwt/`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}`;
  await setToken(page, `${input}.${createHmac('sha256', 'secret').update(input).digest('base64url')}`);
  await setKey(page, 'secret');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.locator('[data-testid=finding][data-code=weak-secret]')).toBeVisible();
  await expect(page.getByTestId('secret-list-status')).toContainText('bundled list');
  for (const url of requests) expect(new URL(url).pathname, url).toMatch(/^\/tools\/jwt\//);
});

test('a shared link carries the token, never the key', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const c = fixtures.find((f) => f.alg === 'RS256' && f.key_format === 'pem-spki' && f.expect === 'valid');
  await setToken(page, `Bearer ${c.token}`);
  await setKey(page, c.key);
  await page.getByTestId('copy-link').click();
  const link = (await page.getByTestId('share-link').locator('code').textContent()) ?? '';
  expect(link).toBe(`${baseURL}#token=${c.token}`);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(page.getByTestId('share-link')).toContainText('browser history');
  expect(page.url()).not.toContain('#token');
  await setToken(page, c.token.slice(0, -4));
  await expect(page.getByTestId('share-link')).toHaveCount(0);

  const other = await context.newPage();
  await openApp(other, link);
  await expect(other.getByTestId('token-input')).toHaveValue(c.token);
  await expect(other.getByTestId('key-input')).toHaveValue('');
  await expect(status(other, 'verify-status')).toHaveAttribute('data-status', 'none');
  await setKey(other, c.key);
  await expect(status(other, 'verify-status')).toHaveAttribute('data-status', 'valid');
});
