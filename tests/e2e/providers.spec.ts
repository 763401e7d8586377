import { test, expect, type Page } from '@playwright/test';
import { createHash, createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { openApp, setKey, setToken, status } from './helpers';

// Issue 22, items 4–7 and the JSON view of item 1: where the provider's keys are, Microsoft Graph
// tokens and Entra ID's issuer forms, a token pasted with a trailing '.', the response's Date
// for "Evaluate at", and the failing claim marked in the JSON.

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GRAPH = '00000003-0000-0000-c000-000000000000';
const now = () => Math.floor(Date.now() / 1000);

// One RSA key for the file: its JWKS is what the user pastes from the provider.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });

function rs256(header: object, payload: object, signedHeader: object = header) {
  const signed = `${b64url(signedHeader)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(signed).sign(privateKey).toString('base64url');
  return `${b64url(header)}.${b64url(payload)}.${signature}`;
}

async function rulesPanel(page: Page) {
  // The rules panel and the key links come with the maker module, after the first view.
  await expect(page.getByTestId('expect-preset')).toBeVisible({ timeout: 30_000 });
}

test('a 401 curl -v transcript and the JWKS: rejected for the audience, the server\'s words, the claim marked in the JSON and the table', async ({ page }) => {
  await openApp(page);
  await rulesPanel(page);
  const token = rs256(
    { alg: 'RS256', typ: 'JWT', kid: 'k1' },
    { aud: GRAPH, iss: `https://sts.windows.net/${TENANT}/`, appid: 'a', iat: now() - 60, exp: now() + 3600 },
  );
  const transcript = [
    '*   Trying 203.0.113.7:443...',
    '> GET /api/orders HTTP/1.1',
    '> Host: api.example',
    `> Authorization: Bearer ${token}`,
    '>',
    '< HTTP/1.1 401 Unauthorized',
    '< Date: Tue, 01 Dec 2026 10:42:00 GMT',
    '< WWW-Authenticate: Bearer error="invalid_token", error_description="The audience \'api://x\' is invalid"',
    '< Content-Length: 0',
    '<',
  ].join('\n');
  await setToken(page, transcript);
  await setKey(page, jwks, null);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  const server = page.getByTestId('server-error');
  await expect(server).toHaveAttribute('data-error', 'invalid_token');
  await expect(server).toContainText("The audience 'api://x' is invalid");
  await expect(server).toContainText(`the server expects 'api://x'; the token's aud is '${GRAPH}' (Microsoft Graph)`);
  await page.getByTestId('expect-aud').fill('api://x');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-testid=validation-rule][data-status=fail]').first()).toHaveAttribute('data-rule', 'aud');
  await expect(page.getByTestId('validation-summary')).toContainText('would reject it: audience');
  await expect(page.locator('[data-testid=claim-row][data-claim=aud]')).toHaveAttribute('data-rule-fails', 'true');
  // The JSON view marks the member too, with the reason as its accessible text, outside the JSON.
  const member = page.locator('[data-testid=payload-json] .j-member[data-claim=aud]');
  await expect(member).toHaveAttribute('data-rule-fails', 'true');
  await expect(member).toHaveAttribute('data-why', /would reject it: audience/);
  const after = await member.evaluate((element) => getComputedStyle(element, '::after').content);
  expect(after).toContain('would reject it: audience');
  const json = await page.getByTestId('payload-json').textContent();
  expect(JSON.parse(json!).aud).toBe(GRAPH);
  await expect(page.locator('[data-testid=payload-json] .j-member[data-claim=iss]')).not.toHaveAttribute('data-rule-fails', /.*/);
  // The right audience: the mark goes.
  await page.getByTestId('expect-aud').fill(GRAPH);
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'accepted');
  await expect(member).not.toHaveAttribute('data-rule-fails', /.*/);
});

test('an Entra ID and a Google token link to their own discovery document and JWKS, in a new tab', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await openApp(page);
  await rulesPanel(page);
  const entra = rs256({ alg: 'RS256', kid: 'k1' }, { iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, aud: 'api://mine', scp: 'read', exp: now() + 600 });
  await setToken(page, entra);
  const links = page.getByTestId('key-location');
  await expect(links).toHaveCount(2, { timeout: 30_000 });
  await expect(links.nth(0)).toHaveAttribute('href', `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`);
  await expect(links.nth(1)).toHaveAttribute('href', `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`);
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  }
  const google = rs256({ alg: 'RS256', kid: 'k1' }, { iss: 'https://accounts.google.com', aud: '1234.apps.googleusercontent.com', sub: '1', exp: now() + 600 });
  await setToken(page, google);
  await expect(links.nth(0)).toHaveAttribute('href', 'https://accounts.google.com/.well-known/openid-configuration');
  await expect(links.nth(1)).toHaveAttribute('href', 'https://www.googleapis.com/oauth2/v3/certs');
  // An issuer that is not plain gets no links.
  const odd = rs256({ alg: 'RS256' }, { iss: 'https://id.example.com/realms/x"><b>y', typ: 'Bearer', exp: now() + 600 });
  await setToken(page, odd);
  await expect(links).toHaveCount(0);
  // A discovery document pasted as the key says where the keys are.
  const discovery = { issuer: 'https://login.example/', jwks_uri: 'https://login.example/keys', authorization_endpoint: 'https://login.example/authorize' };
  await setKey(page, JSON.stringify(discovery), null);
  await expect(page.getByTestId('key-error')).toContainText('open its jwks_uri https://login.example/keys in a new tab and paste what it returns');
  // Showing links fetched nothing.
  expect(requests.filter((url) => !url.startsWith('http://127.0.0.1'))).toEqual([]);
});

test('a Microsoft Graph token: only Graph validates it (the header nonce), and Entra ID\'s v1 and v2 issuer forms are named', async ({ page }) => {
  await openApp(page);
  await rulesPanel(page);
  // As Entra ID signs it: over the header with the nonce replaced by its SHA-256 hash.
  const nonce = 'AQABAAAAAABnfiG-mA6NTae7CdWW7QfdwCdznNq';
  const hashed = createHash('sha256').update(nonce).digest('base64url');
  const payload = { aud: GRAPH, iss: `https://sts.windows.net/${TENANT}/`, scp: 'User.Read', exp: now() + 3600 };
  const token = rs256({ typ: 'JWT', nonce, alg: 'RS256', kid: 'k1' }, payload, { typ: 'JWT', nonce: hashed, alg: 'RS256', kid: 'k1' });
  await setToken(page, token);
  await setKey(page, jwks, null);
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'invalid');
  const note = page.getByTestId('provider-note');
  await expect(note).toHaveAttribute('data-code', 'graph-token', { timeout: 30_000 });
  await expect(note).toContainText('only Microsoft Graph validates it');
  await expect(note).toContainText('SHA-256 hash');
  // The header's nonce is not described as ACME's alone.
  await expect(page.locator('[data-testid=claim-row][data-claim=nonce]')).toContainText('Microsoft Graph');
  // The API expects its own audience and the v2 issuer form.
  await page.getByTestId('expect-iss').fill(`https://login.microsoftonline.com/${TENANT}/v2.0`);
  await page.getByTestId('expect-aud').fill('api://mine');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'rejected');
  const signature = page.locator('[data-testid=validation-rule][data-rule=signature]');
  await expect(signature).toHaveAttribute('data-status', 'fail');
  await expect(signature.getByTestId('rule-hint')).toContainText('only Microsoft Graph validates it');
  const iss = page.locator('[data-testid=validation-rule][data-rule=iss]');
  await expect(iss).toHaveAttribute('data-status', 'fail');
  await expect(iss.getByTestId('rule-hint')).toContainText('the token has the v1 issuer form and your API expects the v2 form');
  await expect(iss.getByTestId('rule-hint')).toContainText('accessTokenAcceptedVersion');
});

test('a token pasted with a trailing dot is checked without it but never called valid', async ({ page }) => {
  await openApp(page);
  await rulesPanel(page);
  const secret = 'trailing-dot-secret-0123456789abcdef0123456789';
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'x', iat: now() - 60, exp: now() + 3600 })}`;
  const token = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  await setToken(page, `${token}.`);
  await setKey(page, secret);
  // The signature of the token without the dot verifies; the card says the token as pasted is malformed.
  await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid');
  await expect(status(page, 'decode-status')).toHaveAttribute('data-verdict', 'bad');
  await expect(page.getByTestId('decode-status')).not.toContainText('Decoded and verified');
  await expect(page.getByTestId('verdict-summary')).toContainText('Malformed as pasted');
  await expect(page.getByTestId('input-notes')).toContainText("a '.' after the last segment");
  await page.getByTestId('expect-preset').selectOption('pyjwt');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'rejected');
  const first = page.locator('[data-testid=validation-rule][data-status=fail]').first();
  await expect(first).toHaveAttribute('data-rule', 'format');
  await expect(first).toContainText('DecodeError: Invalid payload padding');
  await expect(page.getByTestId('validation-summary')).toContainText("would reject it: malformed token (a trailing '.')");
  // In a curl -v transcript, the dot after the Authorization header's token is the token's too.
  await setToken(page, ['> GET /api HTTP/1.1', `> Authorization: Bearer ${token}.`, '>', '< HTTP/1.1 401 Unauthorized', '<'].join('\n'));
  await expect(page.getByTestId('found-token').first()).toBeVisible();
  await expect(page.getByTestId('verdict-summary')).toContainText('Malformed as pasted');
  await expect(first).toHaveAttribute('data-rule', 'format');
  // Without the dot: verified, accepted.
  await setToken(page, token);
  await expect(status(page, 'decode-status')).toHaveAttribute('data-verdict', 'good');
  await expect(status(page, 'validation-status')).toHaveAttribute('data-status', 'accepted');
});

test('"Evaluate at" offers the pasted response\'s Date header', async ({ page }) => {
  await openApp(page);
  await rulesPanel(page);
  const date = 'Tue, 01 Dec 2026 10:42:00 GMT';
  const at = Date.parse(date) / 1000;
  const body = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'x', iat: at - 7200, exp: at - 60 })}`;
  const token = `${body}.${createHmac('sha256', 'k').update(body).digest('base64url')}`;
  const response = ['HTTP/1.1 401 Unauthorized', `Date: ${date}`, 'WWW-Authenticate: Bearer error="invalid_token", error_description="The token expired"', '', '', `request: Authorization: Bearer ${token}`].join('\n');
  await setToken(page, response);
  const offer = page.getByTestId('use-response-date');
  await expect(offer).toHaveText(`Use the response's Date: ${date}`, { timeout: 30_000 });
  await offer.click();
  await expect(page.getByTestId('eval-time')).toHaveValue(date);
  await expect(page.getByTestId('eval-time-note')).toBeVisible();
  // Expired a minute before the server answered; the offer is gone once taken.
  await expect(status(page, 'time-status')).toHaveAttribute('data-status', 'expired');
  await expect(offer).toHaveCount(0);
});
