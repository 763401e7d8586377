import { test, expect, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openApp, setKey, setToken, status } from './helpers';

// "Would your API accept it?" (the ui-contract's expected rules), in the page, against what the
// real libraries said of the same tokens and rules (tests/fixtures/rules/matrix.json: PyJWT,
// npm jsonwebtoken and npm jose, run by tests/fixtures/rules/generate.sh at a fixed moment; the
// Rust crate is compared natively in tests/rules_matrix.rs).

const matrix = JSON.parse(readFileSync(new URL('../fixtures/rules/matrix.json', import.meta.url), 'utf8'));
const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

async function setRules(page: Page, preset: string, rules: Record<string, any>) {
  await expect(page.getByTestId('expect-preset')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('expect-preset').selectOption(preset);
  const list = (value: any) => (Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value));
  await page.getByTestId('expect-iss').fill(list(rules.issuer));
  await page.getByTestId('expect-aud').fill(list(rules.audiences));
  await page.getByTestId('expect-alg').fill(list(rules.algs));
  await page.getByTestId('expect-typ').fill(list(rules.typ));
  await page.getByTestId('expect-required').fill(list(rules.required));
  await page.getByTestId('expect-max-age').fill(list(rules.max_age));
  await page.getByTestId('expect-leeway').fill(list(rules.leeway));
}

test('the page says what PyJWT, node jsonwebtoken and jose said of each token of the matrix', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  // The matrix's moment, as Unix seconds.
  await page.getByTestId('eval-time').fill(String(matrix.now));
  let compared = 0;
  for (const c of matrix.cases) {
    await setToken(page, c.token);
    await setKey(page, c.secret);
    await expect(status(page, 'verify-status')).not.toHaveAttribute('data-status', 'pending');
    for (const [library, expected] of Object.entries<any>(c.expect)) {
      // null: the case does not apply to that library (the generator says why in the fixture).
      if (expected == null) continue;
      await setRules(page, library, c.rules);
      const verdict = status(page, 'validation-status');
      await expect(verdict, `${c.name} / ${library}`).toHaveAttribute('data-status', expected.accept ? 'accepted' : 'rejected');
      if (!expected.accept && expected.rule) {
        const failing = page.locator('[data-testid=validation-rule][data-status=fail]').first();
        await expect(failing, `${c.name} / ${library}: the first failing rule`).toHaveAttribute('data-rule', expected.rule);
      }
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(150);
});

test('a 401 transcript: the server\'s words, tied to the audience rule; the card and the claims table say it', async ({ page }) => {
  await openApp(page);
  const secret = 'transcript-secret-0123456789abcdef0123456789';
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ aud: '00000003-0000-0000-c000-000000000000', iss: 'https://sts.windows.net/t/', iat: now - 60, exp: now + 3600 })}`;
  const token = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  const transcript = [
    '> GET /api/things HTTP/1.1',
    '> Host: api.example',
    `> Authorization: Bearer ${token}`,
    '>',
    '< HTTP/1.1 401 Unauthorized',
    '< WWW-Authenticate: Bearer error="invalid_token", error_description="The audience \'api://x\' is invalid"',
    '< Content-Length: 0',
  ].join('\n');
  await setToken(page, transcript);
  await setKey(page, secret);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  const server = page.getByTestId('server-error');
  await expect(server).toHaveAttribute('data-error', 'invalid_token');
  await expect(server).toContainText("The audience 'api://x' is invalid");
  await setRules(page, 'generic', { audiences: ['api://x'] });
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-testid=validation-rule][data-rule=aud]')).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId('validation-summary')).toContainText('would reject it: audience');
  // Signature verified and time valid, but the API would reject it: the card is not green.
  await expect(status(page, 'decode-status')).toHaveAttribute('data-verdict', 'bad');
  await expect(status(page, 'decode-status')).toContainText('Decoded: not valid');
  await expect(page.locator('[data-testid=claim-row][data-claim=aud]')).toHaveAttribute('data-rule-fails', 'true');
  // The right audience: accepted, and the card says so.
  await page.getByTestId('expect-aud').fill('00000003-0000-0000-c000-000000000000');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'accepted');
  await expect(page.getByTestId('validation-summary')).toContainText('would accept it');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-verdict', 'good');
});

test('no rules: nothing to say; no key: incomplete; evaluate-at takes Unix seconds and HTTP dates', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('expect-preset')).toBeVisible({ timeout: 30_000 });
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'none');
  // A token with no aud (PyJWT rejects an aud when no audience is configured) and no key.
  const exp = 1_800_000_000;
  await setToken(page, `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'x', exp })}.c2ln`);
  await page.getByTestId('key-input').fill('');
  await page.getByTestId('eval-time').fill(String(exp - 100));
  await page.getByTestId('expect-preset').selectOption('pyjwt');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'incomplete');
  await expect(page.locator('[data-testid=validation-rule][data-rule=signature]')).toHaveAttribute('data-status', 'skip');
  await page.getByTestId('eval-time').fill(String(exp + 10));
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
  await page.getByTestId('eval-time').fill(new Date((exp - 10) * 1000).toUTCString());
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
});
