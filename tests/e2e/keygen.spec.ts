import { test, expect, type Page } from '@playwright/test';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import * as jose from 'jose';
import { ml_dsa44 } from '@noble/post-quantum/ml-dsa.js';
import { openApp, status } from './helpers';

// Generating keys (the "Generating keys" hooks of the UI contract) in the crypto worker, checked
// with node's crypto, node `jose` (RFC 7638 thumbprints) and @noble/post-quantum.

async function generate(page: Page, type: string) {
  await page.getByTestId('keygen-type').selectOption(type);
  await page.getByTestId('keygen-run').click();
  await expect(status(page, 'keygen-status'), type).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  const text = async (form: string) => (await page.getByTestId(`keygen-${form}`).count()) ? page.getByTestId(`keygen-${form}`).textContent() : null;
  return {
    privatePem: await text('private-pem'),
    publicPem: await text('public-pem'),
    privateJwk: JSON.parse((await text('private-jwk'))!),
    publicJwk: JSON.parse((await text('public-jwk'))!),
    jwks: JSON.parse((await text('jwks')) ?? 'null'),
  };
}

test('every key type generates in the worker; node reads the PEM and JWK and computes the same thumbprint', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  for (const type of ['oct-256', 'oct-512', 'RSA-2048', 'EC-P-256', 'EC-P-384', 'EC-P-521', 'OKP-Ed25519', 'OKP-X25519', 'ML-DSA-44']) {
    const key = await generate(page, type);
    expect(key.privateJwk.kid, type).toBe(key.publicJwk.kid);
    if (type.startsWith('oct')) {
      // A secret is never shown as "public": no k in the public JWK, and no JWKS to publish.
      expect(key.publicJwk).toEqual({ kty: 'oct', kid: key.privateJwk.kid });
      expect(key.jwks).toBeNull();
      expect(key.privatePem).toBeNull();
      expect(Buffer.from(key.privateJwk.k, 'base64url').length).toBe(Number(type.slice(4)) / 8);
      expect(await jose.calculateJwkThumbprint(key.privateJwk)).toBe(key.privateJwk.kid);
    } else {
      expect(key.jwks.keys).toEqual([key.publicJwk]);
    }
    if (type.startsWith('oct')) {
      // checked above
    } else if (type.startsWith('ML-DSA')) {
      // RFC 9964 thumbprint members: alg, kty, pub.
      const { alg, kty, pub } = key.publicJwk;
      expect(createHash('sha256').update(JSON.stringify({ alg, kty, pub })).digest('base64url')).toBe(key.publicJwk.kid);
      const seed = Buffer.from(key.privateJwk.priv, 'base64url');
      expect(Buffer.from(ml_dsa44.keygen(seed).publicKey).toString('base64url')).toBe(pub);
      expect(key.privatePem).toContain('-----BEGIN PRIVATE KEY-----');
    } else {
      const fromPem = createPrivateKey(key.privatePem!);
      const fromJwk = createPrivateKey({ key: key.privateJwk, format: 'jwk' });
      expect(fromPem.export({ format: 'jwk' }), type).toEqual(fromJwk.export({ format: 'jwk' }));
      const publicFromPem = createPublicKey(key.publicPem!).export({ format: 'jwk' });
      const { kid, ...publicJwk } = key.publicJwk;
      expect(publicFromPem, type).toEqual(publicJwk);
      expect(await jose.calculateJwkThumbprint(publicJwk), type).toBe(kid);
    }
  }
});

test('a generated key signs in the encoder and its public key verifies in the reader', async ({ page }) => {
  await openApp(page);
  await generate(page, 'EC-P-384');
  await page.getByTestId('keygen-use-to-sign').click();
  // The header's alg follows the key (it was HS256).
  await expect(page.getByTestId('encode-header')).toHaveValue(/"alg": "ES384"/);
  await page.getByTestId('encode-header').fill('{"alg":"ES384","typ":"JWT"}');
  await page.getByTestId('encode-payload').fill('{"sub":"generated"}');
  await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok');
  const token = (await page.getByTestId('encoded-token').textContent())!;
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('keygen-use-to-verify').click();
  await expect(page.getByTestId('key-input')).not.toHaveValue(/"d"/);
  // "Open in the reader" also puts the public key there, never the private one.
  await page.getByTestId('encode-open-in-reader').click();
  await expect(page.getByTestId('key-input')).not.toHaveValue(/"d"/);
  await expect(page.getByTestId('key-input')).toHaveValue(/"x"/);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('keygen-status')).toContainText('lives only in this page');
});

test('RSA-4096 generation runs in the worker without freezing the page, and Cancel stops it', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('keygen-type').selectOption('RSA-4096');
  await page.getByTestId('keygen-run').click();
  await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('keygen-run')).toBeDisabled();
  // The page answers while the worker works: decoding follows the input.
  await page.getByTestId('token-input').fill('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdGlsbC1oZXJlIn0.AAAA');
  await expect(page.getByTestId('payload-json')).toContainText('still-here');
  await page.getByTestId('keygen-cancel').click();
  await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'none');
  // A fresh worker took over: it verifies.
  await page.getByTestId('token-input').fill('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.M11_c_Mkz5wKz70TPIkcPwzBTd5M-3ZW69WFmxuEnHk');
  await page.getByTestId('key-input').fill('secret');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('keygen-run')).toBeEnabled();
});

test('a pasted key is shown in every form with its thumbprint, from the reader and from the encoder', async ({ page }) => {
  await openApp(page);
  const { readFileSync } = await import('node:fs');
  const { fixturesDir } = await import('./helpers');
  const node = JSON.parse(readFileSync(`${fixturesDir}/cross_impl_node.json`, 'utf8'));
  // A public PEM in the reader: SPKI, JWK and JWKS, no private forms.
  const spki = node.find((c: any) => c.name === 'node-jose-RS256-pem-spki');
  await page.getByTestId('key-input').fill(spki.key);
  await page.getByTestId('convert-key').click();
  await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'ok');
  const publicJwk = JSON.parse((await page.getByTestId('keygen-public-jwk').textContent())!);
  const { kid, ...jwk } = publicJwk;
  expect(createPublicKey({ key: jwk, format: 'jwk' }).export({ format: 'pem', type: 'spki' })).toBe(createPublicKey(spki.key).export({ format: 'pem', type: 'spki' }));
  expect(await jose.calculateJwkThumbprint(jwk)).toBe(kid);
  await expect(page.getByTestId('keygen-private-pem')).toHaveCount(0);
  await expect(page.getByTestId('keygen-use-to-sign')).toBeHidden();
  // A private JWK in the encoder: every form, and the same public key as node derives.
  const es = node.find((c: any) => c.name === 'node-jose-ES256-jwk-private');
  await page.getByTestId('sign-key').fill(es.key);
  await page.getByTestId('convert-sign-key').click();
  await expect(status(page, 'keygen-status')).toContainText('EC P-256');
  const privatePem = (await page.getByTestId('keygen-private-pem').textContent())!;
  expect(createPrivateKey(privatePem).export({ format: 'jwk' })).toMatchObject({ d: JSON.parse(es.key).d });
  // Broken input says why.
  await page.getByTestId('key-input').fill('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
  await page.getByTestId('convert-key').click();
  await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('keygen-reason')).toContainText('PUBLIC KEY');
});
