import { test, expect } from '@playwright/test';
import { status } from './helpers';

// The instant shell (issue #14): index.html paints the header and a usable token box from HTML and
// CSS alone, before any wasm; the app takes its place, with what was pasted into it meanwhile.
test.use({ serviceWorkers: 'block' });

const RFC7519 = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

test('the shell is painted before the wasm, and a token pasted into it is read once the app starts', async ({ page }) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  // Hold the page's wasm back (not the maker's, which loads later anyway).
  await page.route(/\/jwt-lens-[0-9a-f]+_bg\.wasm$/, async (route) => { await gate; await route.continue(); });
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await expect(page.locator('#shell h1')).toHaveText('JWT Lens');
  await expect(page.locator('#shell')).toContainText('Loading the decoder');
  await page.locator('#shell-token').fill(RFC7519);
  await expect(page.getByTestId('decode-status')).toHaveCount(0);
  release();
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#shell')).toHaveCount(0);
  await expect(page.getByTestId('token-input')).toHaveValue(RFC7519);
  expect(JSON.parse((await page.getByTestId('payload-json').textContent())!).iss).toBe('joe');
});

test('without the shell text, the app opens on its example as before', async ({ page }) => {
  await page.goto('/');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#shell')).toHaveCount(0);
  await expect(page.getByTestId('example').first()).toBeVisible();
});
