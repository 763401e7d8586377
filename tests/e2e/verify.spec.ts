import { test, expect } from '@playwright/test';
import { loadFixtures, openApp, setKey, setToken, status } from './helpers';

const fixtures = [...loadFixtures('cross_impl_py.json'), ...loadFixtures('cross_impl_node.json')];
const rfc = loadFixtures('rfc_vectors.json');

for (const library of ['pyjwt', 'jwcrypto', 'node-jose']) {
  test(`tokens and keys made by ${library} get the expected verdict`, async ({ page }) => {
    await openApp(page);
    const cases = fixtures.filter((c) => c.library === library);
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      await setToken(page, c.token);
      await setKey(page, c.key, c.secret_encoding ?? 'utf8');
      await expect(status(page, 'verify-status'), c.name).toHaveAttribute('data-status', c.expect);
      if (c.expect === 'invalid') {
        await expect(page.getByTestId('verify-reason'), c.name).toContainText('signature does not match');
      }
    }
  });
}

test('RFC 7515, 7520 and 8037 examples verify in the page', async ({ page }) => {
  await openApp(page);
  for (const v of rfc) {
    await setToken(page, v.token);
    await setKey(page, v.key);
    const expected = v.expect === 'unsigned' ? 'error' : 'valid';
    await expect(status(page, 'verify-status'), v.name).toHaveAttribute('data-status', expected);
  }
});

test('no key, wrong key type, alg none, DER signature and algorithm confusion each get a reason', async ({ page }) => {
  await openApp(page);
  const es256 = fixtures.find((c) => c.alg === 'ES256' && c.key_format === 'pem-spki' && c.expect === 'valid');
  const es384 = fixtures.find((c) => c.alg === 'ES384' && c.key_format === 'pem-spki' && c.expect === 'valid');
  const rs256 = fixtures.find((c) => c.alg === 'RS256' && c.key_format === 'pem-spki' && c.expect === 'valid');
  const hs256 = fixtures.find((c) => c.alg === 'HS256' && c.key_format === 'secret-text' && c.expect === 'valid');

  await setToken(page, es256.token);
  await setKey(page, '');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'none');
  await expect(page.getByTestId('verify-reason')).toHaveCount(0);

  await setKey(page, es384.key);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toHaveText('key is an EC P-384 key but the token says ES256: it needs an EC P-256 public key');

  // DER-encode the R||S signature the way OpenSSL would.
  const [h, p, s] = es256.token.split('.');
  const raw = Buffer.from(s, 'base64url');
  const int = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    let v = b.subarray(i);
    if (v[0] & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([2, v.length]), v]);
  };
  const body = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32))]);
  const der = Buffer.concat([Buffer.from([0x30, body.length]), body]);
  await setToken(page, `${h}.${p}.${der.toString('base64url')}`);
  await setKey(page, es256.key);
  await expect(page.getByTestId('verify-reason')).toContainText('this looks DER-encoded');

  const none = Buffer.from('{"alg":"NONE","typ":"JWT"}').toString('base64url');
  await setToken(page, `${none}.${p}.`);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toContainText('the token is unsigned');

  await setToken(page, hs256.token);
  await setKey(page, rs256.key);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toContainText('algorithm-confusion attack');

  await setKey(page, '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('key-error')).toContainText('PUBLIC KEY: malformed DER');
});

test('verification follows the key as it is typed and the base64 option', async ({ page }) => {
  await openApp(page);
  const b64 = fixtures.find((c) => c.alg === 'HS256' && c.key_format === 'secret-base64' && c.expect === 'valid');
  await setToken(page, b64.token);
  await setKey(page, b64.key, 'utf8');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'invalid');
  await page.getByTestId('secret-base64').check();
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('key-input').press('End');
  await page.getByTestId('key-input').pressSequentially('*');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toContainText('invalid base64 character');
});

test("the example's key is dropped when the user pastes their own token", async ({ page }) => {
  await openApp(page);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  const rs256 = fixtures.find((c) => c.alg === 'RS256' && c.key_format === 'pem-spki' && c.expect === 'valid');
  await setToken(page, rs256.token);
  await expect(page.getByTestId('key-input')).toHaveValue('');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'none');
  // A key the user typed stays.
  await setKey(page, rs256.key);
  await setToken(page, rs256.token + 'x');
  await expect(page.getByTestId('key-input')).toHaveValue(rs256.key);
});

test('secret encodings are disabled for PEM and JWK keys', async ({ page }) => {
  await openApp(page);
  const rs256 = fixtures.find((c) => c.alg === 'RS256' && c.key_format === 'pem-spki' && c.expect === 'valid');
  await page.getByTestId('key-input').fill(rs256.key);
  await expect(page.getByTestId('secret-base64')).toBeDisabled();
  await expect(page.getByTestId('secret-hex')).toBeDisabled();
  await page.getByTestId('key-input').fill('c2VjcmV0');
  await expect(page.getByTestId('secret-base64')).toBeEnabled();
});

test('a secret that only verifies in another encoding says so', async ({ page }) => {
  const { createHmac } = await import('node:crypto');
  const secret = Buffer.from('a secret of thirty-two bytes!!!!');
  const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}`;
  const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  await openApp(page);
  await setToken(page, token);
  await setKey(page, secret.toString('base64'), 'utf8');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'invalid');
  await expect(page.getByTestId('verify-reason')).toContainText('This secret verifies when read as base64');
  await setKey(page, secret.toString('base64'), 'base64');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await setKey(page, secret.toString('hex'), 'utf8');
  await expect(page.getByTestId('verify-reason')).toContainText('This secret verifies when read as hex');
});
