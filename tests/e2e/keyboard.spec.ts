import { test, expect, type Page } from '@playwright/test';
import { openApp, status } from './helpers';

// Keyboard only, as a person without a mouse goes through the page: focus follows the screen and
// moves to what an action opened or produced; results are announced. The counts of Tabs are the
// walk's measure (the issue found 39 Tabs from "Make a token" to the key generator, and focus left
// behind after Generate and "Sign with it").

/** What has the focus: its test id, else its id, else its tag and text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'body';
    return element.dataset.testid ?? (element.id || `${element.tagName.toLowerCase()}:${(element.textContent ?? '').trim().slice(0, 40)}`);
  });
}

/** Presses Tab until `predicate` holds for the focused element; returns how many presses it took. */
async function tabUntil(page: Page, what: string, predicate: (focus: string) => boolean, limit = 80): Promise<number> {
  const seen: string[] = [];
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    seen.push(focus);
    if (predicate(focus)) return presses;
  }
  throw new Error(`${what}: not reached in ${limit} Tabs; focus went through ${seen.join(' → ')}`);
}

async function focusInside(page: Page, id: string): Promise<boolean> {
  return page.evaluate((id) => !!document.activeElement?.closest(`#${id}`), id);
}

test.describe('desktop 1366×900', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('Make a token → sign → generate → sign with it → copy, by keyboard alone', async ({ page }) => {
    const errors = await openApp(page);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    await page.locator('body').focus();

    // From the top of the page to "Make a token" (the skip link, then the header's buttons).
    const toMaker = await tabUntil(page, 'Make a token', (focus) => focus === 'encoder-open');
    expect(toMaker, 'Tabs from the top to "Make a token"').toBeLessThanOrEqual(3);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusInside(page, 'encoder'), { message: 'Enter on "Make a token" moves the focus into the encoder' }).toBe(true);

    // In the encoder: its algorithm, header, payload and the signing key come first.
    const toSignKey = await tabUntil(page, 'signing key', (focus) => focus === 'sign-key');
    expect(toSignKey, 'Tabs from the encoder heading to its signing key').toBeLessThanOrEqual(6);

    // The key generator, past the encoder's options and results.
    const toGenerate = await tabUntil(page, 'Generate', (focus) => focus === 'keygen-run');
    expect(toGenerate, 'Tabs from the signing key to Generate').toBeLessThanOrEqual(25);

    // Generate (EC P-256, the default): focus goes to the result, and a live region says it.
    await page.keyboard.press('Enter');
    await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
    expect(await focusInside(page, 'keygen-result'), 'after Generate the focus is on the result').toBe(true);
    await expect(page.locator('#keygen [aria-live="polite"]')).toContainText('Key ready');

    // Then "Sign with it": the next Tab reaches it, and Enter takes the focus to the encoder's
    // result, from which one Tab reaches "Copy token".
    const toUse = await tabUntil(page, 'Sign with it', (focus) => focus === 'keygen-use-to-sign', 3);
    expect(toUse).toBe(1);
    await page.keyboard.press('Enter');
    await expect(status(page, 'encode-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
    expect(await focusInside(page, 'encode-result'), 'after "Sign with it" the focus is on the signed token').toBe(true);
    const toCopy = await tabUntil(page, 'Copy token', (focus) => focus.startsWith('button:Copy token'), 3);
    expect(toCopy, 'Tabs from the signed token to "Copy token"').toBe(1);

    test.info().annotations.push({ type: 'tabs', description: `top→Make a token ${toMaker}, →signing key ${toSignKey}, →Generate ${toGenerate}, →Sign with it ${toUse}, →Copy token ${toCopy}` });

    // Every generated form that scrolls takes focus, so a keyboard can scroll it.
    for (const form of ['keygen-private-jwk', 'keygen-jwks']) {
      const box = page.getByTestId(form);
      await expect(box).toHaveAttribute('tabindex', '0');
      await box.focus();
      expect(await focused(page)).toBe(form);
    }
    expect(errors).toEqual([]);
  });

  test('"Verify with it in the reader" moves the focus to the reader\'s key', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('encoder-open').click();
    await page.getByTestId('keygen-run').click();
    await expect(status(page, 'keygen-status')).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
    await page.getByTestId('keygen-use-to-verify').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('key-title');
    // The next Tab is in the key box's section.
    await page.keyboard.press('Tab');
    expect(await focusInside(page, 'key-title') || (await page.evaluate(() => !!document.activeElement?.closest('.p-key')))).toBe(true);
  });
});

test.describe('phone 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('focus goes down the screen: each Tab lands below or beside the previous one', async ({ page }) => {
    await openApp(page);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    await page.locator('body').focus();
    let previous = -Infinity;
    const path: string[] = [];
    for (let presses = 0; presses < 45; presses++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const box = element.getBoundingClientRect();
        return { top: Math.round(box.top + window.scrollY), bottom: Math.round(box.bottom + window.scrollY), inMaker: !!element.closest('#maker'), id: element.dataset.testid ?? element.id ?? element.tagName };
      });
      if (at.inMaker) break;
      path.push(`${at.id}@${at.top}`);
      // The skip link sits above the page until focused; everything after it goes down.
      if (presses > 0) expect(at.bottom, `Tab ${presses + 1} went up the screen: ${path.join(' → ')}`).toBeGreaterThan(previous);
      previous = at.top;
    }
    // The verdict and the key box are near the top: the key box within two screens.
    const keyTop = await page.getByTestId('key-input').evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    expect(keyTop).toBeLessThan(2 * 844);
  });

  test('jump links take the focus to each section; a long payload folds and unfolds', async ({ page }) => {
    await openApp(page);
    const claims: Record<string, number> = {};
    for (let i = 0; i < 30; i++) claims[`claim_${i}`] = i;
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await page.getByTestId('token-input').fill(`${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${'A'.repeat(43)}`);
    await expect(status(page, 'decode-status')).toHaveAttribute('data-status', 'ok');
    const fold = page.locator('.p-payload button[aria-controls="payload-claims"]');
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    const folded = await page.locator('#payload-claims').evaluate((element) => element.getBoundingClientRect().height);
    await fold.click();
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    const unfolded = await page.locator('#payload-claims').evaluate((element) => element.getBoundingClientRect().height);
    expect(unfolded).toBeGreaterThan(folded * 1.5);
    // The whole JSON is there either way.
    expect(JSON.parse((await page.getByTestId('payload-json').textContent()) ?? '')).toEqual(claims);

    for (const [link, target, section] of [['Key', 'key-title', '.p-key'], ['Claims', 'claims-title', '.p-claims'], ['Payload', 'payload-title', '.p-payload']]) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link, exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator(`#${target}`).evaluate((element) => Math.abs(element.getBoundingClientRect().top)), `${link} scrolled into view`).toBeLessThan(200);
      // The next Tab continues from the section, not from the links at the top.
      await page.keyboard.press('Tab');
      expect(await page.evaluate((section) => !!document.activeElement?.closest(section), section), `Tab after "${link}" is in ${section}`).toBe(true);
    }
  });

  test('every control is at least 44 px tall on a phone', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('encoder-open').click();
    await expect(page.getByTestId('keygen-run')).toBeVisible();
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, summary, input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=range]), .jump-links a')]
        .filter((element) => element.offsetParent !== null)
        .map((element) => ({ what: element.dataset.testid ?? element.textContent?.trim().slice(0, 30) ?? element.tagName, height: element.getBoundingClientRect().height }))
        .filter(({ height }) => height < 44),
    );
    expect(small).toEqual([]);
  });
});
