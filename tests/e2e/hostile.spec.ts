import { test, expect } from '@playwright/test';
import { openApp, setKey, setToken, status } from './helpers';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

test('HTML and script in claims stay inert text; invisible characters are shown and flagged', async ({ page }) => {
  const errors = await openApp(page);
  await page.evaluate(() => ((window as any).__pwned = 0));
  const scriptsBefore = await page.locator('script:not([src])').count();
  const payload = {
    name: '<script>window.__pwned = 1</script>',
    picture: '<img src=x onerror="window.__pwned = 2">',
    website: 'javascript:window.__pwned = 3',
    iss: 'https://good\u202Elpmaxe.com',
    '<b>bold</b>': 'zero\u200Bwidth',
    // A name that would close the claims table's data-claim attribute, were it not escaped.
    '"><img src=x onerror="window.__pwned = 4">': 'attribute',
    nul: 'a\u0000b',
    long: 'x'.repeat(50_000),
  };
  await setToken(page, `${b64url({ alg: 'HS256', kid: '<svg onload=alert(1)>' })}.${b64url(payload)}.c2ln`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  const json = page.getByTestId('payload-json');
  await expect(json).toContainText('"<script>window.__pwned = 1</script>"');
  await expect(json).toContainText('"https://good\\u202elpmaxe.com"');
  await expect(json).toContainText('"zero\\u200bwidth"');
  await expect(json).toContainText('"a\\u0000b"');
  await expect(page.locator('[data-testid=finding][data-code=invisible-characters]')).toBeVisible();
  await expect(page.locator('[data-testid=claim-row][data-claim=iss]')).toContainText('\\u202e');
  // Names are text in the claims table too, and whole in its attributes.
  await expect(page.locator('[data-testid=claim-row][data-claim="<b>bold</b>"]')).toContainText('<b>bold</b>');
  expect(await page.getByTestId('claim-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-claim')))).toContain('"><img src=x onerror="window.__pwned = 4">');
  // Hovering and clicking around must not run anything either.
  await page.locator('[data-testid=claim-row][data-claim=picture]').hover();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).__pwned)).toBe(0);
  expect(await page.locator('main img, main script, main svg, main b').count()).toBe(0);
  // No inline script appeared (the app's own scripts, such as the maker loaded meanwhile, have a src).
  expect(await page.locator('script:not([src])').count()).toBe(scriptsBefore);
  expect(errors).toEqual([]);
});

test('markup in the token box, the colored token and the time rows stays text', async ({ page }) => {
  // The colored views (the token box's backdrop, the colored token under a box holding more than a
  // token) and the time table's rows are built from text nodes: what they show of a paste can
  // never become elements, however it is quoted.
  const errors = await openApp(page);
  await page.evaluate(() => ((window as any).__pwned = 0));
  // Without spaces or quotes, which the token box's clean-up would take as more than a token.
  const markup = '<img/src=x/onerror=window.__pwned=5>';
  // Exactly a (broken) token in the box: the box colors it itself, the bad character marked.
  await setToken(page, `eyJ${markup}.e30.c2ln`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('#token-backdrop')).toContainText(markup);
  expect(await page.locator('#token-backdrop *').evaluateAll((nodes) => nodes.map((n) => n.tagName))).not.toContain('IMG');
  // More than a token in the box: the token read is shown colored below it.
  await setToken(page, `Bearer eyJ${markup}"><svg/onload=window.__pwned=6>.e30.c2ln`);
  await expect(page.getByTestId('encoded-view')).toContainText('<svg');
  // Time claims whose values are markup: their rows say so in text.
  const payload = { exp: markup, nbf: '"><svg onload="window.__pwned = 7">', iat: 1767225600 };
  await setToken(page, `${b64url({ alg: 'HS256' })}.${b64url(payload)}.c2ln`);
  await expect(page.locator('[data-testid=time-claim][data-claim=exp]')).toContainText(`is a string ("${markup}"); RFC 7519 requires a JSON number`);
  await expect(page.locator('[data-testid=time-claim][data-claim=iat]')).toContainText('2026');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).__pwned)).toBe(0);
  expect(await page.locator('main img, main svg').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('a payload of 2,000 claims: the view is windowed, payload-json holds the whole JSON', async ({ page }) => {
  await openApp(page);
  const payload = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`claim_${i}`, `value ${i}`]));
  await setToken(page, `${b64url({ alg: 'HS256' })}.${b64url(payload)}.c2ln`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('payload-view')).toContainText('"claim_299"');
  expect(JSON.parse((await page.getByTestId('payload-json').textContent())!)).toEqual(payload);
  // Back to a small token: its own text again.
  await setToken(page, `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'small' })}.c2ln`);
  await expect(page.getByTestId('payload-json')).toContainText('"small"');
  expect(JSON.parse((await page.getByTestId('payload-json').textContent())!)).toEqual({ sub: 'small' });
});

test('the app stays usable after a barrage of bad input', async ({ page }) => {
  const errors = await openApp(page);
  const junk = [
    '\u0000\u0001\u0002', '.....', 'a.b.c.d.e.f', '\uFFFF'.repeat(1000), '🙂.🙂.🙂',
    `${b64url('{"alg":')}.e30.`, `${b64url('[' .repeat(10000))}.e30.`,
    `${b64url({ alg: 'HS256' })}.${b64url({ exp: '1e999999' })}.`, `${b64url({ alg: 'HS256' })}.${b64url('{"exp":1e400}')}.`,
    `${b64url({ alg: 'HS256' })}.${b64url({ exp: -1e20, nbf: 9e15, iat: 0.5 })}.`,
  ];
  const keys = ['-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----', '{"keys":[{}]}', '{"kty":"RSA","n":"' + 'A'.repeat(5000) + '","e":"AQAB"}', '{', '\u0000'];
  for (const token of junk) {
    await setToken(page, token);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', /ok|error|jwe/);
  }
  for (const key of keys) {
    await setKey(page, key);
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', /error|none|invalid/);
  }
  await page.getByTestId('example').first().click();
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('panic-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a 1 MB token is shown windowed, never as tens of thousands of nodes', async ({ page }) => {
  await openApp(page);
  const items = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item-${i}` }));
  const payload = { sub: 'big', items, blob: 'y'.repeat(300_000) };
  const token = `${b64url({ alg: 'HS256' })}.${b64url(payload)}.c2ln`;
  expect(token.length).toBeGreaterThan(1_000_000);
  await page.getByTestId('token-input').fill(token);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  // The view is windowed (payload-view); payload-json holds the whole JSON as one hidden text.
  const view = page.getByTestId('payload-view');
  await expect(view).toContainText('"item-299"');
  await expect(view).not.toContainText('"item-300"');
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  expect(nodes).toBeLessThan(5000);
  // Windowed, yet payload-json holds the whole JSON (the UI contract's "in full").
  expect(JSON.parse((await page.getByTestId('payload-json').textContent())!)).toEqual(payload);
  const more = view.getByTestId('show-more');
  await expect(more.first()).toContainText('19700 more');
  await more.first().click();
  await expect(view).toContainText('"item-599"');
  await expect(more.first()).toContainText('19400 more');
  // The pressed button is gone: focus is on the one that took its place, so Enter pages on.
  await expect(more.first()).toBeFocused();
  await more.first().click();
  await expect(view).toContainText('"item-899"');
  await expect(view).not.toContainText('"item-900"');
  const row = page.locator('[data-testid=claim-row][data-claim=items]');
  await expect(row).toContainText('(20000 items)');
  await expect(view).toContainText('show all 300000 characters');
});

test('a panic, should one ever happen, shows a banner instead of a dead page', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    try {
      (window as any).wasmBindings.panicDrill();
    } catch {
      // The wasm traps after the hook has run; the banner is what matters.
    }
  });
  await expect(page.getByTestId('panic-banner')).toBeVisible();
  await expect(page.getByTestId('panic-banner')).toContainText('panic drill requested from JavaScript');
  await expect(page.getByTestId('panic-banner')).toContainText('reload the page');
});
