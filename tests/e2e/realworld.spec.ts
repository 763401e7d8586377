import { test, expect, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, openApp, setToken, status } from './helpers';

// Real-world tokens (issue #15): identity providers' claims explained as theirs (claim-row
// data-source), tokens found in any pasted text (found-token), and evaluation at any moment
// (eval-time).

const b64 = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function hs256(payload: object, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', 'secret').update(input).digest('base64url')}`;
}

const vendorSamples = readdirSync(path.join(fixturesDir, 'vendors'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, ...JSON.parse(readFileSync(path.join(fixturesDir, 'vendors', name), 'utf8')) }));

async function sources(page: Page) {
  await expect(page.locator('[data-testid=claim-row][data-scope=payload][data-source]').first()).toBeVisible();
  return page.locator('[data-testid=claim-row][data-scope=payload]').evaluateAll((rows) =>
    Object.fromEntries(rows.map((row) => [row.getAttribute('data-claim'), row.getAttribute('data-source')])));
}

test('each identity provider is recognised and its claims are explained as its own', async ({ page }) => {
  await openApp(page);
  expect(vendorSamples.length).toBeGreaterThanOrEqual(14);
  for (const sample of vendorSamples) {
    await setToken(page, hs256(sample.payload));
    await expect(page.getByTestId('vendor-summary'), sample.name).toContainText(sample.summary);
    const bySource = await sources(page);
    const custom = Object.entries(bySource).filter(([, source]) => source === 'custom').map(([name]) => name);
    expect(custom, `${sample.name}: claims left unexplained`).toEqual([]);
    expect(bySource.iss ?? 'registered', sample.name).toBe('registered');
  }
  // The Entra claims the issue names are the vendor's; a made-up claim stays custom.
  const entra = vendorSamples.find((s) => s.name === 'entra-v2-access.json');
  await setToken(page, hs256({ ...entra.payload, favourite_colour: 'blue' }));
  await expect(page.getByTestId('vendor-summary')).toContainText('Microsoft Entra ID v2.0 access token');
  const entraSources = await sources(page);
  for (const claim of ['aio', 'idp', 'rh', 'scp', 'uti', 'ver', 'wids']) expect(entraSources[claim], claim).toBe('vendor');
  expect(entraSources.exp).toBe('registered');
  expect(entraSources.favourite_colour).toBe('custom');
  // The same claims in a token from another issuer are custom: vendor meanings need the vendor.
  await setToken(page, hs256({ iss: 'https://example.com', sub: '1', aio: 'x', uti: 'y' }));
  await expect(page.locator('[data-testid=claim-row][data-claim=aio]')).toHaveAttribute('data-source', 'custom');
  await expect(page.getByTestId('vendor-summary')).toHaveCount(0);
});

const A = hs256({ sub: 'first', exp: 4102444800 });
const B = hs256({ sub: 'second', exp: 4102444800 });
const JWE_TOKEN = `${b64({ alg: 'dir', enc: 'A128GCM' })}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`;

const TEXTS: [string, string, string[]][] = [
  ['HTTP request', `POST /api/orders HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer ${A}\nCookie: theme=dark; id_token=${B}\nContent-Type: application/json\n\n{"note": "a.b.c is not a token"}`, ['Authorization header', 'cookie id_token']],
  ['HTTP response', `HTTP/1.1 200 OK\nSet-Cookie: session=${A}; Path=/; HttpOnly\nContent-Type: application/json\n\n{"access_token": "${B}", "token_type": "Bearer"}`, ['Set-Cookie session', '$.access_token']],
  ['curl command', `curl -X GET 'https://api.example.com/me' -H 'Authorization: Bearer ${A}' -b 'id_token=${B}'`, ['Authorization header', 'cookie id_token']],
  ['URL fragment', `https://app.example.com/callback#access_token=${A}&token_type=Bearer&id_token=${B}&state=xyz`, ['fragment access_token', 'fragment id_token']],
  ['URL query', `https://app.example.com/cb?id_token=${A}&x=1&access_token=${B}`, ['query id_token', 'query access_token']],
  ['JSON document', JSON.stringify({ access_token: A, id_token: B, expires_in: 3600 }, null, 2), ['$.access_token', '$.id_token']],
  ['log lines', `2026-11-24T10:42:00Z INFO auth ok token=${A}\n2026-11-24T10:42:01Z WARN rejected ${B} (expired)`, ['line 1', 'line 2']],
  ['HAR file', JSON.stringify({ log: { entries: [{ request: { headers: [{ name: 'Authorization', value: `Bearer ${A}` }], cookies: [], url: 'https://x.example/' }, response: { content: { text: JSON.stringify({ id_token: B }) } } }] } }), ['request Authorization header (entry 1)', 'response body $.id_token (entry 1)']],
];

test('tokens are found in any pasted text, with where each was; the first is shown and a click shows another', async ({ page }) => {
  await openApp(page);
  for (const [label, text, places] of TEXTS) {
    await setToken(page, text);
    const found = page.getByTestId('found-token');
    await expect(found, label).toHaveCount(places.length);
    expect(await found.evaluateAll((items) => items.map((item) => item.getAttribute('data-where'))), label).toEqual(places);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    // The box holds more than a token: its text stays as pasted, not colored; the token read is
    // shown colored below it.
    await expect(page.locator('#token-backdrop'), label).toBeEmpty();
    await expect(page.getByTestId('encoded-view'), label).toBeVisible();
    expect(JSON.parse(await page.getByTestId('payload-json').textContent() ?? '').sub, label).toBe('first');
    await found.nth(1).click();
    await expect(page.getByTestId('payload-json'), label).toContainText('"second"');
  }
  // A JWE among them is found too; a long base64 string with dots is not a token.
  await setToken(page, `x-token: ${JWE_TOKEN}\nx-other: ${A}\nnot-a-token: ${Buffer.from('x'.repeat(60)).toString('base64')}.${Buffer.from('y'.repeat(60)).toString('base64')}.abc`);
  await expect(page.getByTestId('found-token')).toHaveCount(2);
  // A bare token, or one with Bearer, is no list.
  await setToken(page, `Bearer ${A}`);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('found-token')).toHaveCount(0);
});

test('a megabyte of text with two tokens is searched off the page thread', async ({ page }) => {
  await openApp(page);
  const filler = Array.from({ length: 20000 }, (_, i) => `{"name": "header-${i}", "value": "eyJub3QiOiJhIHRva2VuIn0.${'x'.repeat(20)}.y"}`).join(',\n');
  const har = `{"log": {"entries": [{"request": {"headers": [${filler}, {"name": "Authorization", "value": "Bearer ${A}"}]}, "response": {"content": {"text": ${JSON.stringify(JSON.stringify({ id_token: B }))}}}}]}}`;
  expect(har.length).toBeGreaterThan(1_000_000);
  // As a paste: Playwright's fill() of a megabyte of multi-line text is itself slow.
  await page.getByTestId('token-input').evaluate((area: HTMLTextAreaElement, text) => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, har);
  await expect(page.getByTestId('found-token')).toHaveCount(2, { timeout: 20_000 });
});

test('eval-time moves the moment the token is evaluated at: before nbf, inside, after exp', async ({ page }) => {
  await openApp(page);
  // nbf 2026-01-02T10:00Z, exp 2026-01-02T11:00Z, iat = nbf.
  const nbf = Date.UTC(2026, 0, 2, 10) / 1000;
  await setToken(page, hs256({ sub: 'x', iat: nbf, nbf, exp: nbf + 3600 }));
  const eval_ = page.getByTestId('eval-time');
  await eval_.fill('2026-01-02T09:59:00Z');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'not_yet_valid');
  // iat is after the moment: the time finding follows the moment too.
  await expect(page.locator('[data-testid=finding][data-code=iat-in-future]')).toHaveCount(1);
  await eval_.fill('2026-01-02T10:42:00Z');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'valid');
  await expect(page.locator('[data-testid=finding][data-code=iat-in-future]')).toHaveCount(0);
  await eval_.fill('2026-01-02T11:00:00Z');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
  await eval_.fill('not a date');
  await expect(page.getByTestId('eval-time-error')).toBeVisible();
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired'); // now (2026-11) is after exp
  await eval_.fill('');
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
});
