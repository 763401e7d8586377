import { chromium } from 'playwright';
import { typicalToken, TYPICAL_SECRET } from './tests/bench/tokens.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://localhost:4597/');
await page.getByTestId('decode-status').waitFor();
await page.waitForTimeout(1500);
await page.evaluate(({ token, key }) => {
  const set = (id, v) => { const b = document.querySelector(`[data-testid="${id}"]`); b.value = v; b.dispatchEvent(new Event('input', { bubbles: true })); };
  set('key-input', key); set('token-input', token);
}, { token: typicalToken('a'), key: TYPICAL_SECRET });
await page.waitForTimeout(800);
const box = page.getByTestId('token-input');
await box.focus();
await box.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
await page.evaluate(() => {
  window.__m = [];
  const desc = (n) => { const el = n.nodeType === 1 ? n : n.parentElement; return el ? `${el.tagName.toLowerCase()}${el.dataset?.testid ? '[' + el.dataset.testid + ']' : ''}${el.className ? '.' + String(el.className).split(' ')[0] : ''}` : '?'; };
  const nd = (n) => n.nodeType === 1 ? desc(n) + ':' + n.textContent.slice(0, 50) : '#' + n.nodeType;
  new MutationObserver((list) => { for (const m of list) window.__m.push(`${m.type}:${m.attributeName ?? ''} ${desc(m.target)} +[${[...m.addedNodes].map(nd).join(',')}] -[${[...m.removedNodes].map(nd).join(',')}]`); }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
});
for (let i = 0; i < 10; i++) { await page.keyboard.press(i % 2 ? 'Backspace' : 'x'); await page.waitForTimeout(100); }
const m = await page.evaluate(() => window.__m);
const counts = {}; for (const x of m) counts[x] = (counts[x] ?? 0) + 1;
Object.entries(counts).sort((a, b) => b[1] - a[1]).forEach(([k, v]) => console.log(v / 10, k.slice(0, 200)));
await browser.close();
