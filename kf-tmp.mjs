import { chromium } from 'playwright';
import { typicalToken, TYPICAL_SECRET } from './tests/bench/tokens.mjs';
const urls = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
async function run(url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByTestId('token-input').waitFor();
  await page.waitForTimeout(1200);
  const ours = !url.includes('plain');
  const t = typicalToken('a');
  await page.evaluate(({ token, key, ours }) => {
    const set = (id, v) => { const b = document.querySelector(`[data-testid="${id}"]`); b.value = v; b.dispatchEvent(new Event('input', { bubbles: true })); };
    if (ours) set('key-input', key);
    set('token-input', token);
  }, { token: t.token ?? t, key: TYPICAL_SECRET, ours });
  await page.waitForTimeout(800);
  await page.evaluate(() => {
    const textarea = document.querySelector('[data-testid="token-input"]');
    const task = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
    window.__frames = []; let t0 = 0;
    addEventListener('keydown', (event) => { t0 = event.timeStamp; }, true);
    addEventListener('input', () => { const start = t0; task().then(() => new Promise((r) => requestAnimationFrame(r))).then(task).then(() => window.__frames.push(performance.now() - start)); }, true);
    textarea.focus(); textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  });
  for (let i = 0; i < 64; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    await page.waitForFunction((n) => window.__frames.length >= n, i + 1);
    await page.waitForTimeout(20);
  }
  const frames = (await page.evaluate(() => window.__frames)).slice(4);
  await page.close();
  return median(frames);
}
for (let round = 0; round < 2; round++) for (const url of urls) console.log(url, (await run(url)).toFixed(2));
await browser.close();
