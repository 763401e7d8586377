// Tokens for the benchmarks, made with node:crypto only (deterministic: fixed claims, fixed secret).
//
//   node tests/bench/tokens.mjs     rewrites tests/bench/typical.json (read by benches/core.rs and run.mjs)
//
// The ~1 MB tokens are not stored: run.mjs builds them with bigToken() and benches/core.rs builds
// the same shapes in Rust.
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const here = path.dirname(fileURLToPath(import.meta.url));

const b64url = (data) => Buffer.from(data).toString('base64url');

/** An HS256 compact JWS of `claims` (object, serialized in insertion order). */
export function hs256(claims, secret, header = { alg: 'HS256', typ: 'JWT' }) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

// Not in assets/jwt-secrets.txt; 32 random-looking bytes as text, as a service would configure.
export const TYPICAL_SECRET = 'q7Vt2NfX9bLr4Mz8Kc1Hs6Wd3Jy5Pg0A';

/** A typical OIDC-style access/ID token of ~1 KB; `variant` changes a few values (and the jti). */
export function typicalClaims(variant) {
  const n = variant === 'b' ? 2 : 1;
  return {
    iss: 'https://login.example-corp.test/realms/employees',
    sub: `f3a9c2d1-5b7e-4c8a-9d6f-0e1b2c3d4e5${n}`,
    aud: ['account', 'orders-api', 'billing-api'],
    exp: 4086504000,
    nbf: 1795440000,
    iat: 1795440000,
    auth_time: 1795439940,
    azp: 'web-dashboard',
    sid: `8c1e4f7a-2b3d-4e5f-8a9b-0c1d2e3f4a5${n}`,
    acr: '1',
    amr: ['pwd', 'otp'],
    scope: 'openid profile email orders:read orders:write billing:read',
    name: variant === 'b' ? 'Alex Example-Tester' : 'Jane Example-Tester',
    given_name: variant === 'b' ? 'Alex' : 'Jane',
    family_name: 'Example-Tester',
    preferred_username: variant === 'b' ? 'alex.tester' : 'jane.tester',
    email: variant === 'b' ? 'alex.tester@example-corp.test' : 'jane.tester@example-corp.test',
    email_verified: true,
    locale: 'en-GB',
    zoneinfo: 'Europe/London',
    realm_access: { roles: ['default-roles-employees', 'offline_access', 'uma_authorization'] },
    resource_access: {
      'orders-api': { roles: ['reader', 'writer'] },
      'billing-api': { roles: ['viewer'] },
    },
    groups: ['/engineering', '/engineering/platform'],
    tenant: { id: 4711, region: 'eu-west-1', plan: 'enterprise' },
    // Last on purpose: the benchmarks wait for this value to appear in the payload view.
    jti: `bench-typical-${variant}-7d1f0a3e9b6c4852`,
  };
}

export function typicalToken(variant) {
  return hs256(typicalClaims(variant), TYPICAL_SECRET);
}

/**
 * A token whose payload is about 1 MB of JSON. kind "string": one claim holding a ~1 MB string;
 * kind "array": an array of 20,000 small objects. The last claim is the `jti` marker.
 */
export function bigClaims(kind, marker) {
  const base = { iss: 'https://issuer.example.test', sub: 'user-1', iat: 1795440000, exp: 4086504000 };
  if (kind === 'string') {
    // Deterministic pseudo-text (letters and spaces), 1,000,000 characters.
    const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do'];
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += words[(i * 7 + (i >> 3)) % words.length] + ' ';
    return { ...base, blob: text.slice(0, 1_000_000), jti: marker };
  }
  const items = [];
  for (let i = 0; i < 20_000; i++) items.push({ id: i, name: `item-${i}`, ok: i % 3 === 0 });
  return { ...base, items, jti: marker };
}

export function bigToken(kind, marker) {
  return hs256(bigClaims(kind, marker), TYPICAL_SECRET);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = {
    comment: 'Written by tests/bench/tokens.mjs. Two ~1 KB HS256 tokens with realistic claims, and their secret.',
    secret: TYPICAL_SECRET,
    token_a: typicalToken('a'),
    token_b: typicalToken('b'),
    marker_a: typicalClaims('a').jti,
    marker_b: typicalClaims('b').jti,
  };
  writeFileSync(path.join(here, 'typical.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`typical.json: tokens of ${out.token_a.length} and ${out.token_b.length} characters`);
}
