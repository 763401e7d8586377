import { test, expect, type Page } from '@playwright/test';
import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import * as jose from 'jose';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { loadFixtures, openApp, setKey, setToken, status } from './helpers';

// Making tokens (the "Making a token" hooks of the UI contract), signed in the crypto worker and
// checked by other implementations: node `jose`, the browser's WebCrypto, @noble/post-quantum.

const fixtures = [...loadFixtures('cross_impl_py.json'), ...loadFixtures('cross_impl_node.json'), ...loadFixtures('mldsa/mldsa_noble.json')];
const PRIVATE = ['jwk-private', 'pem-pkcs1-private', 'pem-pkcs8-private', 'pem-sec1-private', 'secret-text', 'secret-base64', 'secret-hex'];

async function encode(page: Page, header: object | string, payload: object | string, key: string, encoding: string | null = 'utf8') {
  await page.getByTestId('encode-header').fill(typeof header === 'string' ? header : JSON.stringify(header));
  await page.getByTestId('encode-payload').fill(typeof payload === 'string' ? payload : JSON.stringify(payload));
  await page.getByTestId('sign-key').fill(key);
  if (await page.getByTestId('sign-secret-base64').isEnabled()) {
    await page.getByTestId('sign-secret-base64').setChecked(encoding === 'base64');
    await page.getByTestId('sign-secret-hex').setChecked(encoding === 'hex');
  }
}

const secretBytes = (c: any) => c.secret_encoding === 'base64' ? Buffer.from(c.key, c.key.includes('+') || c.key.includes('/') ? 'base64' : 'base64url')
  : c.secret_encoding === 'hex' ? Buffer.from(c.key.replace(/^0x|[\s:]/g, ''), 'hex') : Buffer.from(c.key);

/** The verification key as node sees it: the public part of the private key, or the secret. */
function nodeKey(c: any): KeyObject {
  if (c.alg.startsWith('HS')) {
    return createSecretKey(c.key.trim().startsWith('{') ? Buffer.from(JSON.parse(c.key).k, 'base64url') : secretBytes(c));
  }
  return c.key.trim().startsWith('{') ? createPublicKey({ key: JSON.parse(c.key), format: 'jwk' }) : createPublicKey(c.key);
}

const WEBCRYPTO: Record<string, [any, any]> = {
  HS256: [{ name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC' }], HS384: [{ name: 'HMAC', hash: 'SHA-384' }, { name: 'HMAC' }], HS512: [{ name: 'HMAC', hash: 'SHA-512' }, { name: 'HMAC' }],
  RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }], RS384: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, { name: 'RSASSA-PKCS1-v1_5' }], RS512: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, { name: 'RSASSA-PKCS1-v1_5' }],
  PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }], PS384: [{ name: 'RSA-PSS', hash: 'SHA-384' }, { name: 'RSA-PSS', saltLength: 48 }], PS512: [{ name: 'RSA-PSS', hash: 'SHA-512' }, { name: 'RSA-PSS', saltLength: 64 }],
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }], ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }], ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' }],
  EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
};

/** crypto.subtle.verify in the page, with the key as a JWK (public part or the secret). */
async function webCryptoVerifies(page: Page, token: string, alg: string, key: KeyObject) {
  const jwk = key.export({ format: 'jwk' });
  return page.evaluate(async ([token, jwk, spec]) => {
    const [h, p, s] = token.split('.');
    const bytes = (t: string) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const cryptoKey = await crypto.subtle.importKey('jwk', jwk, spec[0], false, ['verify']);
    return crypto.subtle.verify(spec[1], cryptoKey, bytes(s), new TextEncoder().encode(`${h}.${p}`));
  }, [token, jwk, WEBCRYPTO[alg]] as const);
}

test('every algorithm and private key format signs in the page, and node jose and WebCrypto (noble for ML-DSA) verify the token', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByTestId('encoder-open').click();
  const seen = new Set<string>();
  const cases = fixtures.filter((c) => c.expect === 'valid' && PRIVATE.includes(c.key_format) && !seen.has(`${c.alg} ${c.key_format}`) && seen.add(`${c.alg} ${c.key_format}`));
  expect(cases.length).toBeGreaterThanOrEqual(40);
  const algs = new Set<string>();
  for (const c of cases) {
    const payload = { sub: `made-in-the-page-${c.alg}`, iat: 1767225600, exp: 4102444800 };
    await encode(page, { alg: c.alg, typ: 'JWT' }, payload, c.key, c.secret_encoding);
    await expect(status(page, 'encode-status'), c.name).toHaveAttribute('data-status', 'ok');
    const token = (await page.getByTestId('encoded-token').textContent())!;
    expect(token.split('.').length, c.name).toBe(3);
    if (c.alg.startsWith('ML-DSA')) {
      const set = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 }[c.alg as 'ML-DSA-44']!;
      const [h, p, s] = token.split('.');
      const pub = Buffer.from(JSON.parse(c.key).pub, 'base64url');
      expect(set.verify(Buffer.from(s, 'base64url'), Buffer.from(`${h}.${p}`), pub), c.name).toBe(true);
    } else {
      const key = nodeKey(c);
      const { payload: verified } = await jose.compactVerify(token, key, { algorithms: [c.alg] }).catch((e) => { throw new Error(`${c.name}: ${e.message}: ${token} key ${c.key}`); });
      expect(JSON.parse(Buffer.from(verified).toString()), c.name).toEqual(payload);
      expect(await webCryptoVerifies(page, token, c.alg, key), `${c.name} (WebCrypto)`).toBe(true);
    }
    algs.add(c.alg);
  }
  expect([...algs].sort()).toEqual(['ES256', 'ES384', 'ES512', 'EdDSA', 'HS256', 'HS384', 'HS512', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512']);
});

test.describe('without the offline cache', () => {
  // The service worker would serve the worker's files from its cache, past page.route.
  test.use({ serviceWorkers: 'block' });

  test('Edit before the crypto worker has answered keeps the secret that WebCrypto verified the token with', async ({ page }) => {
    // Held: the page's verdict can only come from its quick WebCrypto check of the HS256 secret.
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/crypto-worker*', async (route) => { await gate; await route.continue(); });
    await openApp(page);
    const c = fixtures.find((f) => f.name === 'node-jose-HS256-secret-text');
    await setToken(page, c.token);
    await setKey(page, c.key);
    await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
    await page.getByTestId('edit-token').click();
    await expect(page.getByTestId('sign-key')).toHaveValue(c.key);
    release();
    await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('encoded-token')).toHaveText(c.token);
  });
});

test('Edit → re-sign: an unedited token comes back byte for byte, and the reader verifies what the encoder makes', async ({ page }) => {
  await openApp(page);
  for (const name of ['node-jose-HS256-secret-text', 'pyjwt-RS256-pem-pkcs8-private', 'node-jose-EdDSA-jwk-private', 'noble-ML-DSA-65-jwk-private']) {
    const c = fixtures.find((f) => f.name === name);
    expect(c, name).toBeTruthy();
    await setToken(page, c.token);
    await setKey(page, c.key, c.secret_encoding ?? 'utf8');
    await expect(status(page, 'verify-status'), name).toHaveAttribute('data-status', 'valid');
    await page.getByTestId('edit-token').click();
    await expect(page.getByTestId('sign-key'), name).toHaveValue(c.key);
    await expect(status(page, 'encode-status'), name).toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('encoded-token'), name).toHaveText(c.token);
  }
  // Edited: a new claim, signed again, opened in the reader, verified there.
  const hs = fixtures.find((f) => f.name === 'node-jose-HS256-secret-text');
  await setToken(page, hs.token);
  await setKey(page, hs.key);
  await page.getByTestId('edit-token').click();
  await page.getByTestId('encode-payload').fill('{"sub":"edited","admin":true}');
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  const edited = (await page.getByTestId('encoded-token').textContent())!;
  expect(edited).not.toBe(hs.token);
  await page.getByTestId('encode-open-in-reader').click();
  await expect(page.getByTestId('token-input')).toHaveValue(edited);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('payload-json')).toContainText('"edited"');

  // A public key cannot sign: Edit takes the header and payload, not the key.
  const spki = fixtures.find((f) => f.name === 'node-jose-ES256-pem-spki');
  await setToken(page, spki.token);
  await setKey(page, spki.key);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await page.getByTestId('sign-key').fill('');
  await page.getByTestId('edit-token').click();
  await expect(page.getByTestId('sign-key')).toHaveValue('');
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'none');
});

test('bad input gets a precise message and no token; unsigned only on purpose; short secrets sign with a warning', async ({ page }) => {
  await openApp(page);
  const es256 = fixtures.find((f) => f.name === 'node-jose-ES256-pem-pkcs8-private');
  const spki = fixtures.find((f) => f.name === 'node-jose-ES256-pem-spki');

  await encode(page, '{"alg":"ES256",\n  "typ" "JWT"}', { sub: '1' }, es256.key);
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('encode-reason')).toHaveText('header: JSON error at line 2 column 9: expected `:`');
  await expect(page.getByTestId('encoded-token')).toHaveCount(0);

  await encode(page, { alg: 'ES256' }, '{"sub": "1",}', es256.key);
  await expect(page.getByTestId('encode-reason')).toContainText('payload: JSON error at line 1 column 13');
  await expect(page.getByTestId('encoded-token')).toHaveCount(0);

  await encode(page, { alg: 'ES256' }, { sub: '1' }, spki.key);
  await expect(page.getByTestId('encode-reason')).toHaveText('this is a PEM PUBLIC KEY: signing needs the private key');
  await expect(page.getByTestId('encoded-token')).toHaveCount(0);

  await encode(page, { alg: 'RS256' }, { sub: '1' }, es256.key);
  await expect(page.getByTestId('encode-reason')).toHaveText('an EC P-256 private key cannot sign RS256: it signs ES256');

  await encode(page, { alg: 'none' }, { sub: '1' }, 'secret');
  await expect(page.getByTestId('encode-reason')).toContainText('tick "unsigned token"');
  await page.getByTestId('encode-unsigned').check();
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('encoded-token')).toHaveText(/\.$/);
  await expect(status(page, 'encode-status')).toContainText('unsigned');
  await page.getByTestId('encode-unsigned').uncheck();

  // The algorithm picker rewrites the header's alg.
  await encode(page, { alg: 'HS256', typ: 'JWT' }, { sub: '1' }, 'short');
  await page.getByTestId('encode-alg').selectOption('HS384');
  await expect(page.getByTestId('encode-header')).toHaveValue(/"alg": "HS384"/);
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  await expect(status(page, 'encode-status')).toContainText('the secret is 5 bytes');
  const token = (await page.getByTestId('encoded-token').textContent())!;
  const { protectedHeader } = await jose.compactVerify(token, createSecretKey(Buffer.from('short')), { algorithms: ['HS384'] });
  expect(protectedHeader).toEqual({ alg: 'HS384', typ: 'JWT' });
  // The editor shows the picker's header indented; the token encodes it compact, as jwt.io does.
  expect(Buffer.from(token.split('.')[0], 'base64url').toString()).toBe('{"alg":"HS384","typ":"JWT"}');
});

test('an encrypted PKCS#8 key signs once its password is typed', async ({ page }) => {
  await openApp(page);
  const { readFileSync } = await import('node:fs');
  const { fixturesDir } = await import('./helpers');
  const encrypted = readFileSync(`${fixturesDir}/encrypted-pkcs8-p256.pem`, 'utf8');
  const pub = readFileSync(`${fixturesDir}/encrypted-pkcs8-p256.pub.pem`, 'utf8');
  await encode(page, { alg: 'ES256' }, { sub: 'sealed' }, encrypted);
  await expect(page.getByTestId('encode-reason')).toContainText('type its password');
  await page.getByTestId('sign-key-password').fill('wrong');
  await expect(page.getByTestId('encode-reason')).toContainText('wrong password');
  await page.getByTestId('sign-key-password').fill('correct-horse');
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  const token = (await page.getByTestId('encoded-token').textContent())!;
  await jose.compactVerify(token, createPublicKey(pub), { algorithms: ['ES256'] });
});

test('claim helpers set iat, nbf, exp, a random jti and the kid from the key thumbprint; time claims show as dates', async ({ page }) => {
  await openApp(page);
  const es = fixtures.find((f) => f.name === 'node-jose-ES256-jwk-private');
  await encode(page, { alg: 'ES256', typ: 'JWT' }, { sub: 'helpers' }, es.key);
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  const before = Math.floor(Date.now() / 1000);
  for (const choice of ['iat', 'nbf', 'exp-1h', 'jti']) await page.getByTestId('claim-helper').selectOption(choice);
  const payload = JSON.parse(await page.getByTestId('encode-payload').inputValue());
  expect(payload.sub).toBe('helpers');
  expect(payload.iat).toBeGreaterThanOrEqual(before - 2);
  // Each helper reads the clock when chosen: the two may straddle a second.
  expect(Math.abs(payload.nbf - payload.iat)).toBeLessThanOrEqual(2);
  expect(payload.exp - payload.iat).toBeGreaterThanOrEqual(3598);
  expect(payload.exp - payload.iat).toBeLessThanOrEqual(3602);
  expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  await expect(page.getByTestId('encode-dates')).toContainText('exp:');
  // A chosen date (local time, as the input shows it).
  await page.getByTestId('claim-exp-date').fill('2030-01-02T03:04');
  const chosen = await page.evaluate(() => new Date('2030-01-02T03:04').getTime() / 1000);
  await expect(page.getByTestId('encode-payload')).toHaveValue(new RegExp(`"exp": ${chosen}\\b`));
  await expect(page.getByTestId('encode-dates')).toContainText('2030');
  await page.getByTestId('claim-helper').selectOption('exp-1h');
  await expect(page.getByTestId('encode-dates')).toContainText(/in (59|60) minutes|in 1 hour/);
  // kid = the signing key's RFC 7638 thumbprint, as node jose computes it.
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  await page.getByTestId('claim-helper').selectOption('kid');
  const { d, kid: _kid, ...publicJwk } = JSON.parse(es.key);
  const thumbprint = await jose.calculateJwkThumbprint(publicJwk);
  await expect(page.getByTestId('encode-header')).toHaveValue(new RegExp(`"kid": "${thumbprint}"`));
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  const token = (await page.getByTestId('encoded-token').textContent())!;
  const { protectedHeader, payload: signed } = await jose.compactVerify(token, createPublicKey({ key: publicJwk, format: 'jwk' }));
  expect(protectedHeader.kid).toBe(thumbprint);
  expect(JSON.parse(Buffer.from(signed).toString()).jti).toBe(payload.jti);
});
