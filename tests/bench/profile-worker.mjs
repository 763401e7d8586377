// Samples the crypto worker with Chromium's CPU profiler while it verifies, and prints where the
// time goes, by function (self time). Run through scripts/profile-worker, which builds a variant of
// the app whose worker keeps its function names (no wasm-opt, wasm-bindgen --keep-debug).
//
//   node tests/bench/profile-worker.mjs --base http://127.0.0.1:PORT/ [--algs RS256,ES256] [--top 25]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { here } from './tokens.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.base ?? 'http://127.0.0.1:8080/';
const algs = (args.algs ?? 'RS256,ES256,EdDSA').split(',');
const top = Number(args.top ?? 25);
const fixtures = JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'cross_impl_node.json'), 'utf8'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);

// The worker's debugging session (non-flattened: messages go through Target.sendMessageToTarget).
let workerSession = null;
let nextId = 1;
const pending = new Map();
cdp.on('Target.attachedToTarget', (event) => {
  if (event.targetInfo.type === 'worker') workerSession = event.sessionId;
});
cdp.on('Target.receivedMessageFromTarget', (event) => {
  const message = JSON.parse(event.message);
  if (message.id && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
});
const inWorker = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result)));
  cdp.send('Target.sendMessageToTarget', { sessionId: workerSession, message: JSON.stringify({ id, method, params }) });
});
await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

await page.goto(`${base}`);
await page.waitForFunction(() => window.wasmBindings && document.querySelector('[data-testid="decode-status"]'));
for (let i = 0; i < 100 && !workerSession; i++) await page.waitForTimeout(100);
if (!workerSession) throw new Error('no worker target was attached');
await inWorker('Profiler.enable');
await inWorker('Profiler.setSamplingInterval', { interval: 100 });

for (const alg of algs) {
  const name = alg === 'HS256' ? 'node-jose-HS256-secret-text' : `node-jose-${alg}-jwk-public`;
  const c = fixtures.find((f) => f.name === name);
  // Warm up, then profile about two seconds of verification.
  const bench = ([token, key, iterations]) => window.wasmBindings.askWorker(JSON.stringify({ Bench: { token, key, encoding: 'Utf8', iterations } }));
  const perOp = (await page.evaluate(bench, [c.token, c.key, 20])).msPerOp;
  const iterations = Math.max(20, Math.ceil(2000 / perOp));
  await inWorker('Profiler.start');
  await page.evaluate(bench, [c.token, c.key, iterations]);
  const { profile } = await inWorker('Profiler.stop');
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const total = profile.samples.length;
  for (const id of profile.samples) {
    const fn = byId.get(id).callFrame.functionName || '(anonymous)';
    self.set(fn, (self.get(fn) ?? 0) + 1);
  }
  console.log(`\n${alg}: ${iterations} verifications, ${perOp.toFixed(3)} ms each, ${total} samples; self time by function:`);
  for (const [fn, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(100 * count / total).toFixed(1).padStart(5)}%  ${fn.length > 150 ? `${fn.slice(0, 150)}…` : fn}`);
  }
}
await browser.close();
