// The HMAC secret cracker (ui-contract "Cracking HMAC secrets"): bundled lists, wordlist files
// (picked or dropped, CRLF, UTF-8, lines across the page's 4 MiB pieces), masks, HS256/384/512,
// exhaustion, cancel, bad input, and the hashcat/John export. Every token is made here with
// node:crypto, and every secret the page finds is checked with node:crypto's HMAC again.
import { test, expect, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, setToken } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
type Alg = 'HS256' | 'HS384' | 'HS512';
const hashOf = (alg: Alg) => `sha${alg.slice(2)}`;

function sign(alg: Alg, secret: string | Buffer, claims: object = { sub: 'crack-test', iat: 1800000000 }) {
  const input = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac(hashOf(alg), secret).update(input).digest('base64url')}`;
}

/** Whether `secret` is the key of `token`, by node's HMAC. */
function signs(token: string, secret: string | Buffer) {
  const [header, payload, mac] = token.split('.');
  const alg = JSON.parse(Buffer.from(header, 'base64url').toString()).alg as Alg;
  return createHmac(hashOf(alg), secret).update(`${header}.${payload}`).digest('base64url') === mac;
}

/** The lines of a wordlist as the page reads it: LF ends a line, one CR before it is dropped. */
function linesOf(text: Buffer): number {
  const pieces = text.toString('latin1').split('\n');
  if (pieces[pieces.length - 1] === '') pieces.pop();
  return pieces.length;
}

const bundled = readFileSync(path.join(root, 'assets/jwt-secrets.txt'));

async function openCracker(page: Page, token: string) {
  const errors = await openApp(page);
  await setToken(page, token);
  await page.getByTestId('crack-open').click();
  const alg = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg;
  await expect(page.getByTestId('crack-token')).toContainText(alg);
  return errors;
}

async function run(page: Page, status: string, timeout = 30_000) {
  await expect(page.getByTestId('crack-run')).toBeEnabled();
  await page.getByTestId('crack-run').click();
  await expect(page.getByTestId('crack-status')).toHaveAttribute('data-status', status, { timeout });
}

async function progress(page: Page) {
  const element = page.getByTestId('crack-progress');
  return {
    tried: Number(await element.getAttribute('data-tried')),
    total: await element.getAttribute('data-total'),
    rate: Number(await element.getAttribute('data-rate')),
  };
}

test('the bundled lists find a listed secret; the reader verifies it and Edit re-signs the same token', async ({ page }) => {
  const lines = bundled.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  const secret = lines[Math.floor(lines.length * 0.7)];
  const token = sign('HS256', secret, { sub: 'bundled', iat: 1800000001 });
  const errors = await openCracker(page, token);
  await expect(page.getByTestId('crack-builtin')).toBeChecked();
  await run(page, 'found');
  const found = await page.getByTestId('crack-secret').textContent();
  expect(found).toBe(secret);
  expect(signs(token, found!)).toBe(true);
  const { tried, total } = await progress(page);
  expect(tried).toBeGreaterThan(0);
  expect(Number(total)).toBe(linesOf(bundled));
  await expect(page.getByTestId('crack-progress')).toContainText(/workers?/);

  await page.getByTestId('crack-use').click();
  await expect(page.getByTestId('key-input')).toHaveValue(secret);
  await expect(page.getByTestId('verify-status')).toHaveAttribute('data-status', 'valid');

  await page.getByTestId('crack-edit').click();
  await expect(page.getByTestId('sign-key')).toHaveValue(secret);
  await expect(page.getByTestId('encoded-token')).toHaveText(token);
  expect(errors).toEqual([]);
});

test('a wordlist file with CRLF lines and UTF-8 finds the secret in its middle (HS384)', async ({ page }) => {
  const secret = 'clé-secrète-ü-日本';
  const words = Array.from({ length: 5000 }, (_, i) => `word${i}-é`);
  words.splice(2500, 0, secret);
  const file = Buffer.from(`\ufeff${words.join('\r\n')}\r\n`, 'utf8');
  const token = sign('HS384', secret);
  await openCracker(page, token);
  await page.getByTestId('crack-builtin').uncheck();
  await page.getByTestId('crack-wordlist').setInputFiles({ name: 'words.txt', mimeType: 'text/plain', buffer: file });
  await expect(page.getByTestId('crack-wordlist-name')).toContainText('words.txt');
  await run(page, 'found');
  const found = await page.getByTestId('crack-secret').textContent();
  expect(found).toBe(secret);
  expect(signs(token, found!)).toBe(true);
});

test('a wordlist over several 4 MiB pieces: a line across a piece boundary is tried whole, every line once (HS512)', async ({ page }) => {
  test.setTimeout(120_000);
  // About 9.5 MiB of lines; the secret's line straddles the first 4 MiB boundary.
  const boundary = 4 * 1024 * 1024;
  const secret = 'straddling-the-boundary';
  const before: string[] = [];
  let size = 0;
  for (let i = 0; size < boundary - 64; i++) {
    const line = `candidate-${i}\n`;
    before.push(line);
    size += line.length;
  }
  // A filler line so the secret starts exactly 10 bytes before the boundary.
  before.push(`${'f'.repeat(boundary - 10 - size - 1)}\n`);
  const after = Array.from({ length: 420_000 }, (_, i) => `later-${i}\r\n`);
  const file = Buffer.from(before.join('') + `${secret}\n` + after.join('') + 'no-final-newline', 'utf8');
  expect(file.indexOf(secret)).toBeLessThan(boundary);
  expect(file.indexOf(secret) + secret.length).toBeGreaterThan(boundary);
  const lines = linesOf(file);

  // Found where it was cut.
  const token = sign('HS512', secret);
  await openCracker(page, token);
  await page.getByTestId('crack-builtin').uncheck();
  await page.getByTestId('crack-wordlist').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: file });
  await run(page, 'found', 90_000);
  expect(await page.getByTestId('crack-secret').textContent()).toBe(secret);

  // Absent: every line is tried exactly once, the last one without a newline included.
  await setToken(page, sign('HS512', 'not-in-the-file'));
  await expect(page.getByTestId('crack-token')).toContainText('HS512');
  await run(page, 'exhausted', 90_000);
  const { tried, total } = await progress(page);
  expect(Number(total)).toBe(lines);
  expect(tried).toBe(lines);
});

test('a dropped wordlist file is used', async ({ page }) => {
  const token = sign('HS256', 'dropped-secret');
  await openCracker(page, token);
  await page.getByTestId('crack-builtin').uncheck();
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['one\ntwo\ndropped-secret\nthree\n'], 'dropped.txt', { type: 'text/plain' }));
    return data;
  });
  await page.locator('#crack-body').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('crack-wordlist-name')).toContainText('dropped.txt');
  await run(page, 'found');
  await expect(page.getByTestId('crack-secret')).toHaveText('dropped-secret');
});

for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
  test(`the mask ?d?d?d?d finds 4821 (${alg})`, async ({ page }) => {
    const token = sign(alg, '4821', { sub: alg, n: 4821 });
    await openCracker(page, token);
    await page.getByTestId('crack-builtin').uncheck();
    await page.getByTestId('crack-mask').fill('?d?d?d?d');
    await expect(page.getByTestId('crack-mask-note')).toContainText('10,000 candidates');
    await run(page, 'found');
    const found = await page.getByTestId('crack-secret').textContent();
    expect(found).toBe('4821');
    expect(signs(token, found!)).toBe(true);
    const { tried, total } = await progress(page);
    expect(total).toBe('10000');
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(10_000);
  });
}

test('a secret in none of the candidates: exhausted, every candidate tried (lists, then the mask)', async ({ page }) => {
  const token = sign('HS256', 'Z-not-listed-Z');
  await openCracker(page, token);
  await page.getByTestId('crack-mask').fill('x?l?d?d');
  await run(page, 'exhausted');
  const { tried, total } = await progress(page);
  expect(Number(total)).toBe(linesOf(bundled) + 2600);
  expect(tried).toBe(Number(total));
  await expect(page.getByTestId('crack-secret')).toHaveCount(0);
});

test('cancel stops a big mask run', async ({ page }) => {
  const token = sign('HS256', 'never-found');
  await openCracker(page, token);
  await page.getByTestId('crack-builtin').uncheck();
  await page.getByTestId('crack-mask').fill('?a?a?a?a?a?a?a?a');
  await run(page, 'running');
  await expect.poll(async () => (await progress(page)).tried, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(Number((await progress(page)).total)).toBe(95 ** 8);
  // 6.6e15 candidates at a few million a second: years, written as a person reads them.
  await expect(page.getByTestId('crack-progress')).toContainText(/ [\d,.]+ years left/);
  await page.getByTestId('crack-cancel').click();
  await expect(page.getByTestId('crack-status')).toHaveAttribute('data-status', 'cancelled');
  const stopped = (await progress(page)).tried;
  await page.waitForTimeout(800);
  expect((await progress(page)).tried).toBe(stopped);
  await expect(page.getByTestId('crack-run')).toBeEnabled();
});

test('a bad mask is a message and cannot run; a non-HMAC token cannot be cracked', async ({ page }) => {
  const errors = await openCracker(page, sign('HS256', 'whatever'));
  for (const [mask, words] of [['?z?d', 'unknown charset ?z'], ['abc?', 'lone ?'], ['?1', 'not defined']]) {
    await page.getByTestId('crack-mask').fill(mask);
    await expect(page.getByTestId('crack-mask-note')).toContainText(words);
    await expect(page.getByTestId('crack-run')).toBeDisabled();
  }
  await page.getByTestId('crack-custom1').fill('?l?d');
  await expect(page.getByTestId('crack-mask-note')).toContainText('36 candidates');
  await expect(page.getByTestId('crack-run')).toBeEnabled();

  const rs = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url('{"sub":"x"}')}.${b64url(Buffer.alloc(256, 7))}`;
  await setToken(page, rs);
  await expect(page.getByTestId('crack-token')).toContainText('RS256 is not an HMAC algorithm');
  await expect(page.getByTestId('crack-run')).toBeDisabled();
  await expect(page.getByTestId('crack-status')).toHaveAttribute('data-status', 'none');
  await expect(page.getByTestId('panic-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the hashcat and John the Ripper inputs and command lines', async ({ page }) => {
  const token = sign('HS384', 'export-me');
  await openCracker(page, token);
  await page.getByTestId('crack-mask').fill('?l?l?d');
  await page.getByText('Too big for a browser?').click();
  const hashcat = page.getByTestId('crack-export-hashcat');
  await expect(hashcat.locator('.crack-hash')).toHaveText(token);
  await expect(hashcat).toContainText("hashcat -m 16500 -a 3 jwt.hash '?l?l?d'");
  await expect(hashcat).toContainText('hashcat -m 16500 -a 0 jwt.hash wordlist.txt');
  const [input, mac] = [token.slice(0, token.lastIndexOf('.')), token.slice(token.lastIndexOf('.') + 1)];
  const john = page.getByTestId('crack-export-john');
  await expect(john.locator('.crack-hash')).toHaveText(`${input}#${Buffer.from(mac, 'base64url').toString('hex')}`);
  await expect(john).toContainText("john --format=HMAC-SHA384 --mask='?l?l?d' jwt.john");
});
