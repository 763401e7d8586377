import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createCipheriv, randomBytes } from 'node:crypto';
import { openApp, setKey, setToken, status } from './helpers';

// Accessibility: axe-core (WCAG 2.0/2.1 A and AA, and axe's best practices) finds nothing in the
// page's main states, at desktop and phone widths, in the light and the dark theme. Each failure
// lists every violation: rule, impact, what it asks for and the elements (CSS selectors) it found.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 740 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/** A compact JWE, alg dir + enc A256GCM, encrypted with the 32 bytes of `secret` (UTF-8). */
function makeJwe(secret: string, claims: object): string {
  const key = Buffer.from(secret, 'utf8');
  if (key.length !== 32) throw new Error('A256GCM needs a 32-byte key');
  const protectedHeader = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [protectedHeader, '', iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
}
const JWE_SECRET = 'a 32-byte secret for A256GCM ok!';

/** Brings the page into one state; `openApp` has loaded it with the default example. */
const STATES: { name: string; enter: (page: Page) => Promise<void> }[] = [
  {
    name: 'empty token',
    enter: async (page) => {
      await setToken(page, '');
      await expect(status(page, 'decode-status')).not.toHaveAttribute('data-status', 'ok');
    },
  },
  {
    name: 'default example',
    enter: async (page) => {
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    },
  },
  {
    name: 'decoded with a key',
    enter: async (page) => {
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
      // The default example comes with its key: typed again, as a user would paste it.
      const key = await page.getByTestId('key-input').inputValue();
      expect(key, 'the default example has a key').not.toBe('');
      await setKey(page, '');
      await setKey(page, key);
      await expect(status(page, 'verify-status')).toHaveAttribute('data-status', 'valid', { timeout: 20_000 });
    },
  },
  {
    name: 'error',
    enter: async (page) => {
      await setToken(page, 'abc.def');
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'error');
      await expect(page.getByTestId('decode-error')).toBeVisible();
    },
  },
  {
    name: 'JWE decrypted',
    enter: async (page) => {
      const now = Math.floor(Date.now() / 1000);
      await setToken(page, makeJwe(JWE_SECRET, { sub: 'a11y', iat: now, exp: now + 3600 }));
      await setKey(page, JWE_SECRET);
      await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'jwe');
      await expect(status(page, 'decrypt-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
    },
  },
  {
    name: 'maker open, a key generated, a token signed with it, expected rules set',
    enter: async (page) => {
      await page.getByTestId('encoder-open').click();
      await page.getByTestId('keygen-run').click();
      await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
      await page.getByTestId('keygen-use-to-sign').click();
      await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
      await page.getByTestId('expect-iss').fill('https://issuer.example/');
      await expect(status(page, 'validation-status')).toHaveAttribute('data-status', /rejected|incomplete|accepted/);
    },
  },
  {
    name: 'attack tokens',
    enter: async (page) => {
      await page.getByTestId('attack-open').click();
      // A message in one group (a secret where the public key goes), the JWKS in another.
      await page.getByTestId('attack-key').fill('not a public key');
      await page.getByTestId('attack-url').fill('https://attacker.example/jwks.json');
      await expect(page.locator('[data-testid="attack-error"][data-attack="key-confusion"]')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('attack-jwks')).toBeVisible();
      await expect(status(page, 'attack-status')).toHaveAttribute('data-status', 'ok');
    },
  },
];

function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string {
  if (!violations.length) return 'no violations';
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      - ${n.target.join(' ')}\n        ${n.html.replace(/\s+/g, ' ').slice(0, 200)}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`)
        .join('\n');
      return `  ${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n    ${v.helpUrl}\n    ${v.nodes.length} element(s):\n${nodes}`;
    })
    .join('\n');
}

for (const size of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test.describe(`${size.name} ${size.width}×${size.height}, ${colorScheme}`, () => {
      test.use({ viewport: { width: size.width, height: size.height }, colorScheme });

      for (const state of STATES) {
        test(`axe finds no violation: ${state.name}`, async ({ page }) => {
          await page.emulateMedia({ colorScheme });
          const errors = await openApp(page);
          await state.enter(page);
          // Let transitions end, so colors are measured as they are shown.
          await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
          const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          const report = describeViolations(results.violations);
          const total = results.violations.reduce((n, v) => n + v.nodes.length, 0);
          expect(
            results.violations.map((v) => v.id),
            `axe: ${results.violations.length} rule(s) violated on ${total} element(s) (${state.name}, ${size.name}, ${colorScheme}):\n${report}\n`,
          ).toEqual([]);
          expect(errors).toEqual([]);
        });
      }
    });
  }
}
