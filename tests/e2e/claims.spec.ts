import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { openApp, setKey, setToken, status } from './helpers';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An HS256 token signed with `secret`. */
function hs256(payload: object, header: object = { alg: 'HS256', typ: 'JWT' }, secret = 'k8J2mQ9xV4pL7nR3tY6wZ1aB5cD0eF2gHjK') {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

test('claims table explains registered claims, marks custom ones and highlights with the JSON', async ({ page }) => {
  await openApp(page);
  await setToken(page, hs256({ iss: 'https://issuer.example', sub: 'u1', exp: now() + 600, favourite_colour: 'teal' }));
  const row = (name: string) => page.locator(`[data-testid=claim-row][data-claim="${name}"]`);
  await expect(row('iss')).toContainText('Issuer');
  await expect(row('exp')).toContainText('Expiration time');
  await expect(row('alg')).toHaveAttribute('data-scope', 'header');
  await expect(row('favourite_colour').getByTestId('custom-claim')).toHaveText('custom');
  const member = page.getByTestId('payload-json').locator('[data-claim="sub"]');
  await row('sub').hover();
  await expect(member).toHaveClass(/highlight/);
  await member.hover();
  await expect(row('sub')).toHaveClass(/highlight/);
  // The table is one tab stop (a scrollable region), not one per row.
  expect(await page.getByTestId('claim-row').evaluateAll((rows) => rows.filter((r) => r.hasAttribute('tabindex')).length)).toBe(0);
  await expect(page.getByRole('region', { name: 'Claims table (scrolls)', exact: true })).toHaveAttribute('tabindex', '0');
  // Leaving both (pointer to the page header, focus to the token box) clears the highlight.
  await page.locator('h1').hover();
  await page.getByTestId('token-input').focus();
  await expect(page.locator('.highlight')).toHaveCount(0);
});

test('time claims show local, UTC and relative time, and the countdown runs without input', async ({ page }) => {
  await openApp(page);
  await setToken(page, hs256({ iat: now(), exp: now() + 3 }));
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
  const exp = page.locator('[data-testid=time-claim][data-claim=exp]');
  await expect(exp).toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z/);
  await expect(exp).toContainText(/in \d+ seconds?|now/);
  await expect(page.getByTestId('timeline')).toBeVisible();
  // No keystroke: the once-a-second clock alone turns the status to expired.
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired', { timeout: 8000 });
  await expect(status(page, 'time-status')).toContainText(/Expired/);
});

test('a payload with hundreds of claims shows the first 200 rows and says how many more', async ({ page }) => {
  await openApp(page);
  const claims: Record<string, number> = {};
  for (let i = 0; i < 250; i++) claims[`c${i}`] = i;
  await setToken(page, hs256(claims));
  const rows = page.locator('[data-testid=claim-row][data-scope=payload]');
  await expect(rows).toHaveCount(200);
  await expect(page.getByTestId('claims-table')).toContainText('… and 50 more claims (see the payload)');
  // Back to a small payload: the note goes away.
  await setToken(page, hs256({ sub: 'u1' }));
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('claims-table')).not.toContainText('more claims');
});

test('the timeline places iat, now and exp to scale', async ({ page }) => {
  await openApp(page);
  const t = now();
  await setToken(page, hs256({ iat: t - 100, exp: t + 300 }));
  const left = (mark: string) => page.locator(`[data-testid=timeline] [data-mark="${mark}"]`).evaluate((el) => parseFloat((el as HTMLElement).style.left));
  await expect(page.locator('[data-testid=timeline] [data-mark="iat"]')).toHaveAttribute('style', /left: 0(\.00)?%/);
  expect(await left('exp')).toBe(100);
  // now is 100 s into a 400 s axis; the clock may have ticked once or twice since.
  const nowAt = await left('now');
  expect(nowAt).toBeGreaterThanOrEqual(24.9);
  expect(nowAt).toBeLessThanOrEqual(26);
  const window = page.locator('[data-testid=timeline] .timeline-window');
  expect(await window.evaluate((el) => [(el as HTMLElement).style.left, (el as HTMLElement).style.width])).toEqual(['0%', '100%']);
});

test('leeway, not-yet-valid and missing exp', async ({ page }) => {
  await openApp(page);
  await setToken(page, hs256({ exp: now() - 30 }));
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
  await page.getByTestId('leeway').fill('120');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
  await expect(status(page, 'time-status')).toContainText(/Valid within the leeway: expired \d+ seconds ago, accepted for (1 min )?\d+ s more/);
  await page.getByTestId('leeway').fill('0');
  await setToken(page, hs256({ nbf: now() + 3600, exp: now() + 7200 }));
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'not_yet_valid');
  await setToken(page, hs256({ sub: 'forever' }));
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'no_exp');
  await setToken(page, hs256({ exp: 1e300 }));
  await expect(page.locator('[data-testid=time-claim][data-claim=exp]')).toContainText('beyond the dates a browser can show');
});

test('security findings appear live with code and severity', async ({ page }) => {
  await openApp(page);
  const finding = (code: string) => page.locator(`[data-testid=finding][data-code="${code}"]`);
  await setToken(page, `${b64url({ alg: 'none', kid: '../../../dev/null', jku: 'https://evil.example/jwks.json' })}.${b64url({ sub: 'admin', password: 'hunter2' })}.`);
  await expect(finding('alg-none')).toHaveAttribute('data-severity', 'high');
  await expect(finding('suspicious-kid')).toHaveAttribute('data-severity', 'high');
  await expect(finding('key-url-header')).toHaveAttribute('data-severity', 'medium');
  await expect(finding('no-exp')).toHaveAttribute('data-severity', 'medium');
  await expect(finding('sensitive-payload')).toContainText('"password"');

  await setToken(page, hs256({ sub: 'u', iat: now(), exp: now() + 3 * 86400 }, undefined, 'secret'));
  await setKey(page, 'secret');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(finding('weak-secret')).toHaveAttribute('data-severity', 'high');
  await expect(finding('known-secret')).toBeVisible();
  await expect(page.getByTestId('secret-list-status')).toContainText(/bundled list of \d{4,} leaked or default secrets/);
  await expect(finding('long-lifetime')).toBeVisible();
  await page.getByTestId('max-lifetime').fill('100');
  await expect(finding('long-lifetime')).toHaveCount(0);
  await expect(finding('alg-none')).toHaveCount(0);
});

test('the once-a-second clock never takes focus away from the leeway input', async ({ page }) => {
  await openApp(page);
  await setToken(page, hs256({ exp: now() - 5 }));
  const leeway = page.getByTestId('leeway');
  await leeway.click();
  await leeway.press('Control+a');
  await leeway.pressSequentially('3');
  await page.waitForTimeout(2200);
  await leeway.pressSequentially('00', { delay: 600 });
  await expect(leeway).toBeFocused();
  await expect(leeway).toHaveValue('300');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
});
