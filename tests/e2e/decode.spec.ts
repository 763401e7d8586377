import { test, expect } from '@playwright/test';
import { expectOnlySameOrigin, openApp, recordRequests, setToken, status } from './helpers';

// RFC 7519 §3.1.
const RFC7519 =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function withCharAt(text: string, index: number, char: string) {
  return text.slice(0, index) + char + text.slice(index + 1);
}

function b64url(text: string) {
  return Buffer.from(text).toString('base64url');
}

test('decodes a pasted token live, with nothing sent to another origin', async ({ page, baseURL }, testInfo) => {
  const requests = recordRequests(page);
  const errors = await openApp(page);
  await setToken(page, RFC7519);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  const header = JSON.parse((await page.getByTestId('header-json').textContent())!);
  expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
  const payload = JSON.parse((await page.getByTestId('payload-json').textContent())!);
  expect(payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
  // Claim order is kept as written.
  expect(Object.keys(payload)).toEqual(['iss', 'exp', 'http://example.com/is_root']);
  await expect(page.getByTestId('signature-length')).toHaveText('32 bytes');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
  const screenshot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('decoded-page.png') });
  await testInfo.attach('decoded-page', { body: screenshot, contentType: 'image/png' });
  expectOnlySameOrigin(requests, baseURL!);
  expect(errors).toEqual([]);
});

test('typing in the signature keeps the header, payload and claims elements; a new payload updates them', async ({ page }) => {
  await openApp(page);
  await setToken(page, RFC7519);
  await expect(page.getByTestId('payload-json')).toContainText('"joe"');
  // Tag the elements: a rebuilt view would come back without the tag.
  const tag = () => page.evaluate(() => {
    for (const id of ['header-json', 'payload-json']) (document.querySelector(`[data-testid="${id}"] .j-member`) as any).__tag = 1;
    (document.querySelector('[data-testid=claim-row]') as any).__tag = 1;
  });
  const tagged = () => page.evaluate(() => [
    (document.querySelector('[data-testid="header-json"] .j-member') as any)?.__tag === 1,
    (document.querySelector('[data-testid="payload-json"] .j-member') as any)?.__tag === 1,
    (document.querySelector('[data-testid=claim-row]') as any)?.__tag === 1,
  ]);
  await tag();
  const input = page.getByTestId('token-input');
  await input.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('A');
  await expect(page.getByTestId('signature-length')).toHaveText('33 bytes');
  expect(await tagged()).toEqual([true, true, true]);
  // The payload as well as the signature changes: the payload and claims follow at once.
  const [header, , signature] = RFC7519.split('.');
  await setToken(page, `${header}.${b64url('{"iss":"ann","exp":1300819380}')}.${signature}`);
  await expect(page.getByTestId('payload-json')).toContainText('"ann"');
  await expect(page.locator('[data-testid=claim-row][data-claim=iss]')).toContainText('"ann"');
  await expect(page.locator('[data-testid=claim-row][data-claim="http://example.com/is_root"]')).toHaveCount(0);
});

test('updates on every keystroke, without any button', async ({ page }) => {
  await openApp(page);
  const input = page.getByTestId('token-input');
  await input.fill('');
  await expect(page.getByTestId('decode-error')).toContainText('the box is empty');
  const [header, payload] = RFC7519.split('.');
  await input.pressSequentially(header + '.');
  await expect(page.getByTestId('decode-error')).toHaveText("expected 3 segments separated by '.' (JWS) or 5 (JWE), found 2");
  await input.pressSequentially(payload.slice(0, 20) + '.');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('payload-json')).toBeHidden();
  await input.fill(RFC7519);
  await expect(page.getByTestId('payload-json')).toContainText('"iss": "joe"');
});

test('malformed tokens get a precise message', async ({ page }) => {
  await openApp(page);
  const cases: [string, string][] = [
    ['abc.def', "expected 3 segments separated by '.' (JWS) or 5 (JWE), found 2"],
    [withCharAt(RFC7519, RFC7519.indexOf('.') + 1 + 17, '*'), "payload: invalid base64url character '*' at offset 17"],
    [`${b64url('{"alg" "HS256"}')}.e30.`, 'header: JSON error at line 1 column 8: expected `:`'],
  ];
  for (const [token, message] of cases) {
    await setToken(page, token);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'error');
    await expect(page.getByTestId('decode-error')).toHaveText(message);
  }
  // A broken signature hides nothing: the token decodes, the signature and the verdict say why.
  const truncated = 'signature: 41 base64url characters cannot encode whole bytes (length mod 4 is 1): the segment looks truncated';
  await setToken(page, RFC7519.slice(0, -2));
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  expect(JSON.parse((await page.getByTestId('payload-json').textContent())!).iss).toBe('joe');
  await expect(page.getByTestId('signature-length')).toHaveText(truncated);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toHaveText(truncated);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-verdict', 'bad');
  // The offending character is pointed at in the colored view, and the header still shows.
  await setToken(page, cases[1][0]);
  await expect(page.getByTestId('bad-char')).toHaveText('*');
  await expect(page.getByTestId('header-partial')).toBeVisible();
  expect(JSON.parse((await page.getByTestId('header-json').textContent())!)).toEqual({ typ: 'JWT', alg: 'HS256' });
});

test('an empty box is a neutral prompt, not an error', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Clear' }).first().click();
  await expect(status(page, 'decode-status')).toHaveAttribute('data-empty', 'true');
  await expect(status(page, 'decode-status')).toContainText('Paste a token');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'none');
  await expect(status(page, 'verify-status')).toContainText('Paste a token to verify');
});

test('accepts Bearer, quotes and whitespace and says what it stripped', async ({ page }) => {
  await openApp(page);
  await setToken(page, `  "Bearer ${RFC7519.slice(0, 50)}\n${RFC7519.slice(50)}"  `);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  const notes = page.getByTestId('input-notes');
  await expect(notes).toContainText('surrounding quotes');
  await expect(notes).toContainText('the "Bearer " prefix');
  await expect(notes).toContainText('1 whitespace character(s) inside the token');
  // A whole OAuth token response: the token is found inside it.
  await setToken(page, JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: RFC7519 }, null, 2));
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('input-notes')).toContainText('the "access_token" member');
});

test('padding and standard base64 are reported but still decoded', async ({ page }) => {
  await openApp(page);
  await setToken(page, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0=.ab+/');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('payload-json')).toContainText('"sub": "1"');
  await expect(page.getByTestId('input-notes')).toContainText("payload: has '=' padding");
  await expect(page.getByTestId('input-notes')).toContainText("signature: uses '+' or '/'");
});

test('a five-part token is recognised as JWE with its header decoded', async ({ page }) => {
  await openApp(page);
  const header = b64url('{"alg":"RSA-OAEP","enc":"A256GCM"}');
  await setToken(page, `${header}.${b64url('k'.repeat(32))}.${b64url('iv-12-bytes!')}.${b64url('ciphertext')}.${b64url('tag-16-bytes-abc')}`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'jwe');
  await expect(status(page, 'decode-status')).toContainText('encrypted');
  expect(JSON.parse((await page.getByTestId('header-json').textContent())!)).toEqual({ alg: 'RSA-OAEP', enc: 'A256GCM' });
  await expect(page.getByTestId('payload-json')).toHaveCount(0);
});

test('a payload that is not JSON is shown as text with a note', async ({ page }) => {
  await openApp(page);
  await setToken(page, `${b64url('{"alg":"HS256"}')}.${b64url('hello, world')}.`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('payload-note')).toContainText('not JSON');
  await expect(page.getByTestId('payload-text')).toHaveText('hello, world');
});

test('example tokens are one click away and verify', async ({ page }) => {
  await openApp(page);
  for (const label of ['HS256', 'RS256', 'ES256']) {
    await page.getByTestId('example').filter({ hasText: label }).click();
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    expect(JSON.parse((await page.getByTestId('header-json').textContent())!).alg).toBe(label);
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  }
});

test('pasting with no field focused fills the token box', async ({ page }) => {
  await openApp(page);
  await page.evaluate((token) => {
    (document.activeElement as HTMLElement | null)?.blur();
    const data = new DataTransfer();
    data.setData('text', token);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, RFC7519);
  await expect(page.getByTestId('token-input')).toHaveValue(RFC7519);
  await expect(page.getByTestId('payload-json')).toContainText('"iss": "joe"');
  // With the key box focused, a paste goes there, not to the token.
  await page.getByTestId('key-input').focus();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text', 'not-a-token');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('token-input')).toHaveValue(RFC7519);
});
