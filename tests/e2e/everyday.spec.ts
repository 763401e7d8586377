import { test, expect } from '@playwright/test';
import { createCipheriv, randomBytes } from 'node:crypto';
import { openApp, setKey, setToken, status } from './helpers';

// Small everyday paths: the theme button, "Copy link" on a token that does not decode, and a
// setting typed out of range.

for (const system of ['light', 'dark'] as const) {
  test(`on a ${system} system, every press of the theme button changes the look`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: system });
    await openApp(page);
    const other = system === 'light' ? 'dark' : 'light';
    const toggle = page.getByRole('button', { name: /^Theme: / });
    const html = page.locator('html');
    await expect(toggle).toHaveText(`Theme: ${system}`);
    await expect(html).not.toHaveAttribute('data-theme', /./);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const systemBackground = await background();
    await toggle.click();
    await expect(toggle).toHaveText(`Theme: ${other}`);
    await expect(html).toHaveAttribute('data-theme', other);
    expect(await background()).not.toBe(systemBackground);
    // Stored, so a reload keeps it.
    await page.reload();
    await expect(page.getByRole('button', { name: /^Theme: / })).toHaveText(`Theme: ${other}`);
    await page.getByRole('button', { name: /^Theme: / }).click();
    // Back to the system's look: nothing stored, the page follows the system again.
    await expect(html).not.toHaveAttribute('data-theme', /./);
    expect(await background()).toBe(systemBackground);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  });
}

test('"Copy link" is disabled while the token does not decode', async ({ page }) => {
  await openApp(page);
  const copyLink = page.getByTestId('copy-link');
  await expect(copyLink).toBeEnabled();
  await setToken(page, 'not.a-token');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'error');
  await expect(copyLink).toBeDisabled();
  await setToken(page, '');
  await expect(copyLink).toBeDisabled();
});

test('a negative leeway is refused out loud, and the box keeps what was typed', async ({ page }) => {
  await openApp(page);
  const leeway = page.getByTestId('leeway');
  await leeway.fill('-30');
  await expect(leeway).toHaveValue('-30');
  await expect(leeway).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('must be a number of 0 or more: using 0')).toBeVisible();
  await leeway.fill('30');
  await expect(leeway).not.toHaveAttribute('aria-invalid', /./);
  await expect(page.getByText('must be a number of 0 or more')).toHaveCount(0);
  // Empty means the default, without a complaint.
  await leeway.fill('');
  await expect(page.getByText('must be a number of 0 or more')).toHaveCount(0);
});

test('the page opens with a fresh, short-lived example that verifies with its key', async ({ page }) => {
  const before = Math.floor(Date.now() / 1000);
  await openApp(page);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
  const claims = JSON.parse((await page.getByTestId('payload-json').textContent())!);
  expect(claims.exp - claims.iat).toBe(3600);
  expect(claims.iat).toBeGreaterThanOrEqual(before - 5);
  expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 5);
  expect(claims.sub).toBe('user-4242');
  // No lifetime or expiry finding greets the user.
  await expect(page.locator('[data-testid=finding][data-severity=medium], [data-testid=finding][data-severity=high]')).toHaveCount(0);
  // The HS256 example button loads the same token and key.
  const token = await page.getByTestId('token-input').inputValue();
  await setToken(page, '');
  await page.getByTestId('example').first().click();
  await expect(page.getByTestId('token-input')).toHaveValue(token);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
});

test('the token box colors its own segments; the separate colored view is only for a box holding more', async ({ page }) => {
  await openApp(page);
  const box = page.getByTestId('token-input');
  const token = await box.inputValue();
  const [header, payload, signature] = token.split('.');
  const backdrop = page.locator('#token-backdrop');
  await expect(backdrop.locator('.seg-0')).toHaveText(header);
  await expect(backdrop.locator('.seg-1')).toHaveText(payload);
  await expect(backdrop.locator('.seg-2')).toHaveText(signature);
  // Shown once: the box's own text is transparent over its colored backdrop.
  await expect(page.getByTestId('encoded-view')).toHaveCount(0);
  expect(await box.evaluate((el) => getComputedStyle(el).color)).toBe('rgba(0, 0, 0, 0)');
  // Surrounding whitespace stays in the box, and the colors still line up with it.
  await setToken(page, `  ${token}\n`);
  await expect(backdrop.locator('.seg-2')).toHaveText(signature);
  expect(await backdrop.textContent()).toBe(`  ${token}\n `);
  // A Bearer prefix: the box shows what was pasted, the view below the token it read.
  await setToken(page, `Bearer ${token}`);
  await expect(page.getByTestId('encoded-view')).toBeVisible();
  await expect(page.getByTestId('encoded-view').locator('.seg-0')).toHaveText(header);
  await expect(backdrop).toBeEmpty();
  expect(await box.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgba(0, 0, 0, 0)');
});

test('the note about the known-secrets list is shown only while the key is a secret', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('secret-list-status')).toContainText('bundled list');
  // The RS256 example comes with a PEM public key: no secret, no note.
  await page.getByTestId('example').filter({ hasText: 'RS256' }).click();
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('secret-list-status')).toHaveCount(0);
});

test('the decryption panel comes with a JWE and goes with it', async ({ page }) => {
  const secret = 'a 32-byte secret for A256GCM ok!';
  const protectedHeader = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(secret), iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify({ sub: 'jwe' }), 'utf8'), cipher.final()]);
  const jwe = [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  await openApp(page);
  const jws = await page.getByTestId('token-input').inputValue();
  await expect(page.getByTestId('decrypt-status')).toHaveCount(0);
  await setToken(page, jwe);
  await setKey(page, secret);
  await expect(status(page, 'decrypt-status')).toHaveAttribute('data-status', 'ok');
  await setToken(page, jws);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('decrypt-status')).toHaveCount(0);
  await setToken(page, jwe);
  await expect(status(page, 'decrypt-status')).toHaveAttribute('data-status', 'ok');
  await setKey(page, 'not the key, 32 bytes long, no!!');
  await expect(status(page, 'decrypt-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('decrypt-reason')).toContainText('authentication tag does not match');
});
