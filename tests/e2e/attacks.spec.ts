import { test, expect, type Page } from '@playwright/test';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { openApp } from './helpers';

// Attack tokens (the "Attacks" hooks of the UI contract), crafted in the crypto worker from the
// encoder's header and payload, and checked here by other code: node's crypto HMAC, node `jose`
// (EmbeddedJWK, a local JWKS) and plain byte comparisons.

type Crafted = { attack: string; variant: string; token: string };

const HASH: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

const part = (token: string, index: number) => JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
const headerOf = (token: string) => part(token, 0);
const payloadOf = (token: string) => part(token, 1);
const signatureOf = (token: string) => Buffer.from(token.split('.')[2], 'base64url');

/** Whether the token's signature is the HMAC of its signing input with `key`. */
function hmacVerifies(token: string, key: string | Buffer) {
  const [h, p, s] = token.split('.');
  const hash = HASH[headerOf(token).alg];
  expect(hash, `an HMAC alg: ${headerOf(token).alg}`).toBeDefined();
  return createHmac(hash, key).update(`${h}.${p}`).digest('base64url') === s;
}

async function openAttacks(page: Page, header: object, payload: string) {
  await page.getByTestId('encode-header').fill(JSON.stringify(header, null, 2));
  await page.getByTestId('encode-payload').fill(payload);
  const open = page.getByTestId('attack-open');
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
}

/** Every crafted token, once the panel has the answer to its latest inputs. */
async function crafted(page: Page): Promise<Crafted[]> {
  await expect(page.getByTestId('attack-status')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  return page.getByTestId('attack-token').evaluateAll((elements) =>
    elements.map((e) => ({ attack: e.getAttribute('data-attack')!, variant: e.getAttribute('data-variant')!, token: e.textContent! })),
  );
}

const of = (tokens: Crafted[], attack: string) => tokens.filter((t) => t.attack === attack);
const variants = (tokens: Crafted[], attack: string) => of(tokens, attack).map((t) => t.variant);

test('every attack token is made from the encoder, and other code verifies each as the attack says', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openApp(page);
  // Typed as text: a number beyond JavaScript's precision stays exact.
  await openAttacks(page, { alg: 'RS256', typ: 'JWT', kid: 'prod-1' }, '{\n  "sub": "attack-test",\n  "admin": true,\n  "n": 12345678901234567890\n}');
  // Focus moved into the panel.
  expect(await page.evaluate(() => !!document.activeElement?.closest('#attacks'))).toBe(true);

  let tokens = await crafted(page);
  // Shown without other input; key confusion and jku wait for theirs.
  expect(new Set(tokens.map((t) => t.attack))).toEqual(new Set(['none', 'null-signature', 'empty-key', 'embedded-jwk', 'kid-traversal', 'kid-sql', 'psychic']));
  for (const t of tokens) {
    expect(t.token, `${t.attack} ${t.variant}: exactly the compact token`).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
    // The payload's claims, exactly (the big number too).
    expect(Buffer.from(t.token.split('.')[1], 'base64url').toString(), `${t.attack} ${t.variant}`).toBe('{"sub":"attack-test","admin":true,"n":12345678901234567890}');
  }

  // alg none in the four spellings, with no signature.
  expect(variants(tokens, 'none')).toEqual(['none', 'None', 'NONE', 'nOnE']);
  for (const t of of(tokens, 'none')) {
    expect(headerOf(t.token)).toEqual({ alg: t.variant, typ: 'JWT', kid: 'prod-1' });
    expect(t.token.endsWith('.')).toBe(true);
  }
  // The header as it is, signature removed.
  const [nullSignature] = of(tokens, 'null-signature');
  expect(headerOf(nullSignature.token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'prod-1' });
  expect(nullSignature.token.endsWith('.')).toBe(true);
  // HMAC with the empty secret.
  expect(variants(tokens, 'empty-key')).toEqual(['HS256', 'HS384', 'HS512']);
  for (const t of of(tokens, 'empty-key')) {
    expect(headerOf(t.token).alg).toBe(t.variant);
    expect(hmacVerifies(t.token, Buffer.alloc(0)), t.variant).toBe(true);
    expect(hmacVerifies(t.token, 'secret')).toBe(false);
  }
  // kid pointing at /dev/null: HS256 with the empty secret; kid SQL injection: the secret "key".
  const [traversal] = of(tokens, 'kid-traversal');
  expect(headerOf(traversal.token)).toMatchObject({ alg: 'HS256', kid: '../../../../../../dev/null' });
  expect(hmacVerifies(traversal.token, Buffer.alloc(0))).toBe(true);
  const [sql] = of(tokens, 'kid-sql');
  expect(headerOf(sql.token).kid).toContain('UNION SELECT');
  expect(hmacVerifies(sql.token, 'key')).toBe(true);
  // Psychic signatures: r = s = 0, raw R||S of the curve's size, or DER.
  expect(variants(tokens, 'psychic')).toEqual(['ES256 raw', 'ES256 DER', 'ES384 raw', 'ES384 DER', 'ES512 raw', 'ES512 DER']);
  for (const t of of(tokens, 'psychic')) {
    const [alg, form] = t.variant.split(' ');
    expect(headerOf(t.token).alg).toBe(alg);
    if (form === 'DER') {
      expect(t.token.split('.')[2]).toBe('MAYCAQACAQA');
      expect(signatureOf(t.token)).toEqual(Buffer.from([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]));
    } else {
      const size = { ES256: 64, ES384: 96, ES512: 132 }[alg]!;
      expect(signatureOf(t.token)).toEqual(Buffer.alloc(size));
    }
  }
  // The token carries its own key and verifies with it (node jose's EmbeddedJWK); an RS256
  // header gets an RSA key.
  const [embedded] = of(tokens, 'embedded-jwk');
  const verified = await jose.jwtVerify(embedded.token, jose.EmbeddedJWK);
  expect(verified.protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
  expect(verified.protectedHeader.jwk).toMatchObject({ kty: 'RSA' });
  expect(verified.protectedHeader.jwk).not.toHaveProperty('d');
  expect(verified.payload).toMatchObject({ sub: 'attack-test', admin: true });

  // Key confusion: HS256/384/512 keyed with the text of the target's public key (SPKI PEM with and
  // without its final newline, and as PKCS#1 for RSA).
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  await page.getByTestId('attack-key').fill(spki);
  await expect(page.locator('[data-testid="attack-token"][data-attack="key-confusion"]')).toHaveCount(9);
  tokens = await crafted(page);
  const forms: Record<string, string> = { PEM: spki, 'PEM without final newline': spki.trimEnd(), 'PKCS#1 PEM': pkcs1 };
  const expected = ['HS256', 'HS384', 'HS512'].flatMap((alg) => Object.keys(forms).map((form) => `${alg}, ${form}`));
  expect(variants(tokens, 'key-confusion').sort()).toEqual(expected.sort());
  for (const t of of(tokens, 'key-confusion')) {
    const [alg, form] = t.variant.split(', ');
    expect(headerOf(t.token)).toEqual({ alg, typ: 'JWT', kid: 'prod-1' });
    expect(hmacVerifies(t.token, Buffer.from(forms[form], 'utf8')), t.variant).toBe(true);
    // And not with the other forms: each variant is the one its name says.
    for (const other of Object.keys(forms).filter((f) => f !== form)) expect(hmacVerifies(t.token, forms[other]), `${t.variant} / ${other}`).toBe(false);
  }
  // A public JWK is turned into the PEM the server would hold (EC: no PKCS#1 form).
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecJwk = ec.publicKey.export({ format: 'jwk' });
  const ecPem = ec.publicKey.export({ type: 'spki', format: 'pem' }) as string;
  await page.getByTestId('attack-key').fill(JSON.stringify(ecJwk, null, 2));
  await expect(page.locator('[data-testid="attack-token"][data-attack="key-confusion"]')).toHaveCount(6);
  tokens = await crafted(page);
  for (const t of of(tokens, 'key-confusion')) {
    const form = t.variant.split(', ')[1];
    expect(hmacVerifies(t.token, form === 'PEM' ? ecPem : ecPem.trimEnd()), t.variant).toBe(true);
  }
  // A private key in the box: said so, and no key-confusion token.
  await page.getByTestId('attack-key').fill(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  await expect(page.locator('[data-testid="attack-error"][data-attack="key-confusion"]')).toContainText('not a public key');
  await expect(page.locator('[data-testid="attack-token"][data-attack="key-confusion"]')).toHaveCount(0);
  await page.getByTestId('attack-key').fill(spki);
  await expect(page.locator('[data-testid="attack-token"][data-attack="key-confusion"]')).toHaveCount(9);

  // jku: a URL, and the JWKS to host there verifies the token (node jose, a local JWKS).
  const url = 'https://attacker.example/.well-known/jwks.json';
  await page.getByTestId('attack-url').fill('attacker.example/jwks.json');
  await expect(page.locator('[data-testid="attack-error"][data-attack="jku"]')).toContainText('absolute https://');
  await page.getByTestId('attack-url').fill(url);
  await expect(page.locator('[data-testid="attack-token"][data-attack="jku"]')).toHaveCount(1);
  tokens = await crafted(page);
  const [jku] = of(tokens, 'jku');
  const jwks = JSON.parse((await page.getByTestId('attack-jwks').textContent())!);
  const fromJwks = await jose.jwtVerify(jku.token, jose.createLocalJWKSet(jwks));
  expect(fromJwks.protectedHeader).toMatchObject({ alg: 'RS256', jku: url, kid: jwks.keys[0].kid });
  expect(fromJwks.protectedHeader).not.toHaveProperty('jwk');
  expect(fromJwks.payload).toMatchObject({ sub: 'attack-test' });
  // The fresh key stayed the same while typing: the embedded key is the one of the JWKS.
  const embeddedNow = headerOf(of(tokens, 'embedded-jwk')[0].token);
  expect(embeddedNow.jwk).toEqual(headerOf(embedded.token).jwk);
  expect(embeddedNow.kid).toBe(jwks.keys[0].kid);

  // Edits in the encoder flow into every token.
  await page.getByTestId('encode-payload').fill('{"sub": "edited", "role": "admin"}');
  await expect.poll(async () => (await crafted(page)).every((t) => payloadOf(t.token).role === 'admin'), { timeout: 20_000 }).toBe(true);
  await page.getByTestId('encode-header').fill('{"alg": "ES384", "typ": "at+jwt"}');
  await expect.poll(async () => headerOf(of(await crafted(page), 'null-signature')[0].token).alg, { timeout: 20_000 }).toBe('ES384');
  tokens = await crafted(page);
  expect(tokens.length).toBe(4 + 1 + 3 + 9 + 1 + 1 + 1 + 1 + 6);
  for (const t of tokens) expect(payloadOf(t.token)).toEqual({ sub: 'edited', role: 'admin' });
  for (const t of of(tokens, 'none')) expect(headerOf(t.token).typ).toBe('at+jwt');
  // An ES384 header: the fresh key is a P-384 key, still verified by the token's own JWK and the JWKS.
  const es = await jose.jwtVerify(of(tokens, 'embedded-jwk')[0].token, jose.EmbeddedJWK);
  expect(es.protectedHeader).toMatchObject({ alg: 'ES384', jwk: { kty: 'EC', crv: 'P-384' } });
  await jose.jwtVerify(of(tokens, 'jku')[0].token, jose.createLocalJWKSet(JSON.parse((await page.getByTestId('attack-jwks').textContent())!)));
  // "New fresh key": another key.
  const before = headerOf(of(tokens, 'embedded-jwk')[0].token).jwk;
  await page.getByTestId('attack-new-key').click();
  await expect.poll(async () => JSON.stringify(headerOf(of(await crafted(page), 'embedded-jwk')[0].token).jwk), { timeout: 20_000 }).not.toBe(JSON.stringify(before));

  // Broken JSON: one clear message, no token, no crash.
  await page.getByTestId('encode-header').fill('{"alg": "HS256",');
  await expect(page.getByTestId('attack-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('attack-reason')).toContainText('header: JSON error at line 1');
  await expect(page.getByTestId('attack-token')).toHaveCount(0);
  await page.getByTestId('encode-header').fill('{"alg": "HS256"}');
  await page.getByTestId('encode-payload').fill('{"sub": 1,,}');
  await expect(page.getByTestId('attack-reason')).toContainText('payload: JSON error at line 1');
  await page.getByTestId('encode-payload').fill('{"sub": "back"}');
  await expect.poll(async () => (await crafted(page)).length).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('the Edit button brings the token being read into the attacks', async ({ page }) => {
  await openApp(page);
  const secret = new TextEncoder().encode('a secret of at least thirty-two bytes');
  const token = await new jose.SignJWT({ sub: 'from-the-reader', scope: 'read' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  await page.getByTestId('token-input').fill(token);
  await page.getByTestId('edit-token').click();
  await page.getByTestId('attack-open').click();
  await expect.poll(async () => (await crafted(page)).every((t) => payloadOf(t.token).sub === 'from-the-reader'), { timeout: 20_000 }).toBe(true);
  const tokens = await crafted(page);
  expect(of(tokens, 'none').length).toBe(4);
  expect(headerOf(of(tokens, 'null-signature')[0].token)).toEqual({ alg: 'HS256', typ: 'JWT' });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('the panel is reachable by keyboard, labelled, and its buttons are 44 px touch targets', async ({ page }) => {
    const errors = await openApp(page);
    const open = page.getByTestId('attack-open');
    await open.focus();
    await page.keyboard.press('Enter');
    await expect(open).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('#attacks-body')).toBeFocused();
    // Tab from the panel goes to its first field, then the next.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('attack-key')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('attack-url')).toBeFocused();
    await expect(page.getByLabel(/public key, for key confusion/)).toHaveCount(1);
    await expect(page.getByLabel(/URL you control/)).toHaveCount(1);
    await crafted(page);
    const heights = await page.locator('#attacks button:visible').evaluateAll((buttons) => buttons.map((b) => [b.textContent, b.getBoundingClientRect().height, b.getBoundingClientRect().width] as const));
    expect(heights.length).toBeGreaterThanOrEqual(20);
    for (const [label, height, width] of heights) {
      expect(height, `${label}`).toBeGreaterThanOrEqual(44);
      expect(width, `${label}`).toBeGreaterThanOrEqual(44);
    }
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // Closing it hides it again.
    await open.click();
    await expect(open).toHaveAttribute('aria-expanded', 'false');
    await expect(page.locator('#attacks-body')).toBeHidden();
    expect(errors).toEqual([]);
  });
});
