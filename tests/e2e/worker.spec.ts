import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { loadFixtures, openApp, recordRequests, setKey, setToken, status } from './helpers';

// Key parsing and verification run in the crypto worker (src/ui/crypto.rs, src/engine/).

const hs256 = (secret: string, payload = '{"sub":"1","exp":4102444800}') => {
  const input = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

test('the worker is fetched after the first view, before any key is typed', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page, '/#token=' + hs256('s3cret-s3cret-s3cret-s3cret-s3cret'));
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect.poll(() => requests.some((url) => url.endsWith('/crypto-worker_bg.wasm'))).toBe(true);
  expect(requests.some((url) => url.endsWith('/crypto-worker_loader.js'))).toBe(true);
  // The page's own wasm comes first.
  const page_wasm = requests.findIndex((url) => /\/jwt-lens-[0-9a-f]+_bg\.wasm$/.test(url));
  const worker_wasm = requests.findIndex((url) => url.endsWith('/crypto-worker_bg.wasm'));
  expect(page_wasm).toBeGreaterThanOrEqual(0);
  expect(page_wasm).toBeLessThan(worker_wasm);
});

test('fast typing: the verdict shown is the one for the final input, and no stale verdict is ever shown as final', async ({ page }) => {
  await openApp(page);
  const secret = 'correct-horse-battery-staple-0123456789';
  await setToken(page, hs256(secret));
  await setKey(page, secret);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');

  // Record every data-status the verdict takes from now on.
  await page.evaluate(() => {
    const seen: string[] = ((window as any).__statuses = []);
    const node = document.querySelector('[data-testid="verify-status"]')!.parentElement!;
    new MutationObserver(() => {
      const verdict = document.querySelector('[data-testid="verify-status"]');
      if (verdict) seen.push(verdict.getAttribute('data-status')!);
    }).observe(node, { subtree: true, childList: true, attributes: true });
  });
  // Type a wrong key one key press at a time: no step may claim "valid".
  const keyBox = page.getByTestId('key-input');
  await keyBox.fill('');
  await keyBox.pressSequentially('correct-horse-battery-staple-012345678X', { delay: 0 });
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'invalid');
  const seen: string[] = await page.evaluate(() => (window as any).__statuses);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((s) => s === 'valid')).toEqual([]);
  expect(seen.every((s) => ['pending', 'invalid', 'error', 'none'].includes(s)), seen.join(',')).toBe(true);

  // Back to the right key, fast, then edit the token's payload fast: the last answer wins.
  await keyBox.fill(secret);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  const tokenBox = page.getByTestId('token-input');
  const good = hs256(secret, '{"sub":"2","exp":4102444800}');
  await tokenBox.fill(good.slice(0, -5));
  await tokenBox.pressSequentially(good.slice(-5), { delay: 0 });
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await tokenBox.press('Backspace');
  await expect(status(page, 'verify-status')).not.toHaveAttribute('data-status', 'valid');
  await expect(status(page, 'verify-status')).not.toHaveAttribute('data-status', 'pending');
});

test.describe('without the offline cache', () => {
  // The service worker would serve the worker's files from its cache, past page.route.
  test.use({ serviceWorkers: 'block' });

test('when the worker cannot load, the page says so, decoding goes on, and Retry loads it', async ({ page }) => {
  await page.route('**/crypto-worker*', (route) => route.abort());
  await openApp(page);
  await setToken(page, hs256('a-secret-of-thirty-two-bytes-000'));
  await setKey(page, 'a-secret-of-thirty-two-bytes-000');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('payload-json')).toContainText('"sub"');
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'error');
  await expect(page.getByTestId('verify-reason')).toContainText('crypto worker');
  await expect(page.getByTestId('verify-reason')).toContainText('Decoding still works');
  // Decoding and time checks still follow the input.
  await setToken(page, hs256('x', '{"sub":"other"}'));
  await expect(page.getByTestId('payload-json')).toContainText('other');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'no_exp');

  await page.unroute('**/crypto-worker*');
  await page.getByTestId('crypto-retry').click();
  await setToken(page, hs256('a-secret-of-thirty-two-bytes-000'));
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('crypto-retry')).toHaveCount(0);
});
});

test('ML-DSA tokens made by @noble/post-quantum get their verdicts in the page', async ({ page }) => {
  await openApp(page);
  for (const c of loadFixtures('mldsa/mldsa_noble.json')) {
    await setToken(page, c.token);
    await setKey(page, c.key);
    await expect(status(page, 'verify-status'), c.name).toHaveAttribute('data-status', c.expect);
    if (c.expect === 'valid') {
      await expect(page.getByTestId('key-summary'), c.name).toContainText(c.alg);
    }
  }
});

test('a JWKS whose member mentions a PEM block is read as a JWKS (fuzzer regression)', async ({ page }) => {
  await openApp(page);
  const secret = 'a-secret-of-thirty-two-bytes-000';
  await setToken(page, hs256(secret));
  const jwks = JSON.stringify({ keys: [{ kty: 'oct', k: Buffer.from(secret).toString('base64url'), note: 'rotated from -----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----' }] });
  await setKey(page, jwks, null);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.locator('[data-testid=finding][data-code=alg-confusion]')).toHaveCount(0);
});

test('benchmark hooks answer from the worker', async ({ page }) => {
  await openApp(page);
  const secret = 'a-secret-of-thirty-two-bytes-000';
  const result = await page.evaluate(async ([token, key]) => {
    const ask = (request: object) => (window as any).wasmBindings.askWorker(JSON.stringify(request));
    return {
      status: (await ask({ Bench: { token, key, encoding: 'Utf8', iterations: 0 } })).status,
      bench: await ask({ Bench: { token, key, encoding: 'Utf8', iterations: 20 } }),
      sign: await ask({ BenchSign: { header: '{"alg":"HS256"}', payload: '{}', key, encoding: 'Utf8', iterations: 3 } }),
      refused: await ask({ Check: { generation: 1, token, key, encoding: 'Utf8' } }).then(() => 'accepted', (error: string) => error),
    };
  }, [hs256(secret), secret]);
  expect(result.status).toBe('valid');
  expect(result.bench.status).toBe('valid');
  expect(result.bench.msPerOp).toBeGreaterThan(0);
  expect(result.sign).toMatchObject({ status: 'ok' });
  expect(result.refused).toBe('not a Bench, BenchSign or BenchGenerate request');
});
