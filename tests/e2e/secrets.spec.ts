import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, setToken, status } from './helpers';

// Known secrets on sight: every HS* token read is tried in the crypto worker against the empty key
// and the bundled list, with no key typed (issue 23). The HMACs here are node's, not the page's.
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs = (bits: number, secret: string, claims: object) => {
  const body = `${b64url({ alg: `HS${bits}`, typ: 'JWT' })}.${b64url(claims)}`;
  return `${body}.${createHmac(`sha${bits}`, secret).update(body).digest('base64url')}`;
};

test('a token signed with a listed secret is named on sight, and one click verifies it', async ({ page }) => {
  await openApp(page);
  for (const bits of [256, 384, 512]) {
    await setToken(page, hs(bits, 'secret123', { sub: `hs${bits}` }));
    await page.getByTestId('key-input').fill('');
    const finding = page.locator('[data-testid=finding][data-code=known-secret]');
    await expect(finding, `HS${bits}`).toHaveAttribute('data-severity', 'high');
    await expect(finding).toContainText('secret123');
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'none');
    await finding.getByTestId('use-known-secret').click();
    await expect(page.getByTestId('key-input')).toHaveValue('secret123');
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  }
});

test('the whole bundled list is tried on sight: its last entry is named too', async ({ page }) => {
  // The list is tried in file order, so its last line is the last candidate.
  const list = readFileSync(new URL('../../assets/jwt-secrets.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
  expect(list.length).toBeGreaterThanOrEqual(10_000);
  const last = list[list.length - 1];
  await openApp(page);
  await setToken(page, hs(256, last, { sub: 'deep in the list' }));
  await page.getByTestId('key-input').fill('');
  const finding = page.locator('[data-testid=finding][data-code=known-secret]');
  await expect(finding).toContainText(last);
});

test('the empty key is found on sight; a random secret is not reported', async ({ page }) => {
  await openApp(page);
  await setToken(page, hs(256, '', { sub: 'empty' }));
  await page.getByTestId('key-input').fill('');
  await expect(page.locator('[data-testid=finding][data-code=empty-secret]')).toHaveAttribute('data-severity', 'high');
  await setToken(page, hs(256, 'Zq8v1L0c3m9Xr2pT7kW4yN6bE5hJ1dA0', { sub: 'strong' }));
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  // Give the worker its time, then: no known-secret finding for a secret nobody lists.
  await page.waitForTimeout(1500);
  await expect(page.locator('[data-testid=finding][data-code=known-secret], [data-testid=finding][data-code=empty-secret]')).toHaveCount(0);
});

test('a typed secret is checked against the list in the worker; the note follows the key box as it is', async ({ page }) => {
  await openApp(page);
  const token = hs(256, 'your-256-bit-secret', { sub: 'typed' });
  await setToken(page, token);
  await page.getByTestId('key-input').fill('your-256-bit-secret');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.locator('[data-testid=finding][data-code=known-secret]')).toContainText('public list');
  await expect(page.getByTestId('secret-list-status')).toContainText(/bundled list of \d{4,} leaked or default secrets/);
  // The key box emptied: no secret is checked any more, and the page does not say it is.
  await page.getByTestId('key-input').fill('');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'none');
  await expect(page.getByTestId('secret-list-status')).toHaveCount(0);
});
