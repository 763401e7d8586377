import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export function loadFixtures(name: string): any[] {
  return JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8'));
}

/** Records every request the page makes, to prove nothing leaves for another origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function expectOnlySameOrigin(urls: string[], baseURL: string) {
  const origin = new URL(baseURL).origin;
  const foreign = urls.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
  expect(foreign, 'requests to another origin').toEqual([]);
  expect(urls.length).toBeGreaterThan(0);
}

/** Opens the app and waits until the wasm has mounted it. */
export async function openApp(page: Page, url = '/') {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await expect(page.getByTestId('decode-status')).toBeVisible();
  return errors;
}

export async function setToken(page: Page, token: string) {
  await page.getByTestId('token-input').fill(token);
}

export async function setKey(page: Page, key: string, encoding: 'utf8' | 'base64' | 'hex' | null = 'utf8') {
  // The key first: the encoding boxes are disabled while the box holds PEM or JSON.
  await page.getByTestId('key-input').fill(key);
  if (await page.getByTestId('secret-base64').isEnabled()) {
    await page.getByTestId('secret-base64').setChecked(encoding === 'base64');
    await page.getByTestId('secret-hex').setChecked(encoding === 'hex');
  }
}

export function status(page: Page, testid: string) {
  return page.getByTestId(testid);
}
