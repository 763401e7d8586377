// Browser and size measurements for scripts/bench. Writes one JSON file; report.mjs prints it.
//
//   node tests/bench/run.mjs --base http://127.0.0.1:PORT/ --dist dist --out results.json
//
// The server must publish dist/ at <base>app/ and tests/bench/ at <base>bench/ (scripts/bench
// does). Nothing here asserts on time: a measurement that cannot be taken is reported as an error.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { here, bigToken, TYPICAL_SECRET } from './tokens.mjs';
import { fileSize } from './sizes.mjs';
import { crackToken, CRACK_MASK } from './crack.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.base ?? 'http://127.0.0.1:8080/';
const distDir = args.dist ?? 'dist';
const outFile = args.out ?? 'bench-results.json';
const KEYSTROKE_RUNS = Number(args.runs ?? 40);
const BIG_RUNS = Number(args['big-runs'] ?? 3);
// BENCH_ONLY=crack: the sizes and the cracking rows only.
const ONLY = process.env.BENCH_ONLY ?? '';
const CRACK_SECONDS = Number(process.env.BENCH_CRACK_SECONDS ?? 12);
const log = (...what) => console.error('bench:', ...what);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const results = { sizes: null, browser: {}, errors: [] };

// ---------------------------------------------------------------- 1. sizes
function sizes() {
  const files = readdirSync(distDir)
    // Not the precompressed .br/.gz siblings (scripts/post-build.mjs): each file's gzip and brotli
    // sizes are measured here.
    .filter((name) => !/\.(br|gz)$/.test(name) && statSync(path.join(distDir, name)).isFile())
    .sort()
    .map((name) => ({
      name,
      ...fileSize(path.join(distDir, name)),
      // Fetched before the first decoded view, or after it: the crack workers (when a cracking run
      // starts), the crypto worker (started after the
      // first painted frame), the known-secrets list (for an HMAC key) and sw.js (registered
      // after load, only caches; it also caches the web app manifest and its icons, which the
      // browser itself fetches only to offer or perform an install).
      group: /^crypto-worker/.test(name) ? 'worker' : /^(crack-worker|jwt-lens-maker|maker\.css|jwt-secrets\.txt|page-texts\.json|vendor-claims\.json|sw\.js|manifest\.webmanifest|icon-)/.test(name) ? 'later' : 'startup',
    }))
    .map((f) => ({ ...f, initial: f.group === 'startup' }));
  const sum = (list, k) => list.reduce((total, f) => total + f[k], 0);
  const total = (list) => ({ raw: sum(list, 'raw'), gzip: sum(list, 'gzip'), brotli: sum(list, 'brotli') });
  return {
    files,
    total: total(files),
    initial: total(files.filter((f) => f.group === 'startup')),
    worker: total(files.filter((f) => f.group === 'worker')),
    budgetGzip: 250_000,
    goalGzip: 200_000,
  };
}

// ---------------------------------------------------------------- in-page helpers
// Each runs inside the page (page.evaluate), so no Playwright round trip is timed.

/** Sets the token box and times until the payload view shows `marker`. */
async function inPageInput({ token, marker, ours, timeoutMs }) {
  const q = (id) => document.querySelector(`[data-testid="${id}"]`);
  const textarea = q('token-input');
  const shown = () => {
    const status = q('decode-status');
    if (!status || status.dataset.status !== 'ok') return false;
    // A windowed view is payload-view (payload-json then holds the whole JSON, hidden).
    const payload = q('payload-view') ?? q('payload-json');
    if (!payload) return false;
    if (ours) {
      const member = payload.querySelector('[data-claim="jti"]');
      return !!member && member.textContent.includes(marker);
    }
    return payload.textContent.includes(marker);
  };
  return await new Promise((resolve) => {
    let t0 = 0;
    let finished = false;
    const timer = setTimeout(() => {
      if (!finished) { finished = true; observer.disconnect(); resolve({ error: `payload view did not show ${marker} within ${timeoutMs} ms` }); }
    }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (finished || !shown()) return;
      finished = true;
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      // A task after the one that updated the DOM: every microtask of the update has run by then.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const settled = performance.now() - t0;
        void document.body.offsetHeight; // forces style and layout of the new view
        const layout = performance.now() - t0;
        resolve({ dom, settled, layout, t0 });
      };
      channel.port2.postMessage(0);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    t0 = performance.now();
    textarea.value = token;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function openPage(context, url, ours) {
  const page = await context.newPage();
  page.on('pageerror', (error) => results.errors.push(`${url}: page error: ${error.message}`));
  await page.goto(url);
  if (ours) {
    await page.waitForFunction(() => window.wasmBindings && document.querySelector('[data-testid="decode-status"]'), null, { timeout: 60_000 });
  } else {
    await page.waitForSelector('[data-testid="token-input"]');
  }
  // Long tasks from now on, so the wasm start-up is not counted.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  return page;
}

async function setKey(page, key) {
  await page.evaluate((key) => {
    const box = document.querySelector('[data-testid="key-input"]');
    box.value = key;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, key);
}

const idle = (page, ms = 30) => page.waitForTimeout(ms);

// ---------------------------------------------------------------- 2. keystroke
async function keystroke(context, typical, ours) {
  const url = ours ? `${base}app/` : `${base}bench/plain.html`;
  const page = await openPage(context, url, ours);
  if (ours) {
    // As a user checking their token: the right secret in the key box, so every keystroke also
    // re-verifies, re-evaluates time claims and findings (with the known-secrets list).
    await setKey(page, typical.secret);
    await page.evaluate(inPageInput, { token: typical.token_a, marker: typical.marker_a, ours, timeoutMs: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="verify-status"]')?.dataset.status === 'valid', null, { timeout: 10_000 })
      .catch(() => results.errors.push('keystroke: verify-status did not become valid with the typical secret'));
  }
  const runs = [];
  const warmup = 4;
  for (let i = 0; i < KEYSTROKE_RUNS + warmup; i++) {
    const variant = i % 2 ? 'a' : 'b';
    const r = await page.evaluate(inPageInput, { token: typical[`token_${variant}`], marker: typical[`marker_${variant}`], ours, timeoutMs: 10_000 });
    if (r.error) { results.errors.push(`keystroke (${ours ? 'ours' : 'plain'}): ${r.error}`); break; }
    if (i >= warmup) runs.push(r);
    await idle(page);
  }
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.close();
  const pick = (k) => runs.map((r) => r[k]);
  return {
    runs: runs.length,
    dom: { median: median(pick('dom')), p90: percentile(pick('dom'), 90) },
    layout: { median: median(pick('layout')), p90: percentile(pick('layout'), 90) },
    nodes,
  };
}

// ---------------------------------------------------------------- 2b. real keystroke → next frame
/**
 * What a user sees: real key presses (CDP key events, so the browser's own input path runs) at the
 * end of the token, "x" then Backspace, alternately. From the keydown's timestamp to the first
 * frame that can show the update: a task after the input handlers and every microtask they queued
 * (the app's reactive updates), then the next animation frame, then a task after that frame (it
 * has been painted). The same for the plain page, in the same browser.
 */
async function keystrokeToFrame(context, typical, ours) {
  const url = ours ? `${base}app/` : `${base}bench/plain.html`;
  const page = await openPage(context, url, ours);
  if (ours) await setKey(page, typical.secret);
  await page.evaluate(inPageInput, { token: typical.token_a, marker: typical.marker_a, ours, timeoutMs: 10_000 });
  await page.evaluate(() => {
    const textarea = document.querySelector('[data-testid="token-input"]');
    const task = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
    window.__frames = [];
    let t0 = 0;
    // Capture phase on window: runs before the page's own listeners.
    addEventListener('keydown', (event) => { t0 = event.timeStamp; }, true);
    addEventListener('input', () => {
      const start = t0;
      task()
        .then(() => new Promise((resolve) => requestAnimationFrame(resolve)))
        .then(task)
        .then(() => window.__frames.push(performance.now() - start));
    }, true);
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  });
  const presses = KEYSTROKE_RUNS + 4;
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    await page.waitForFunction((n) => window.__frames.length >= n, i + 1, { timeout: 10_000 });
    await idle(page, 20);
  }
  const frames = (await page.evaluate(() => window.__frames)).slice(4);
  await page.close();
  return { runs: frames.length, median: median(frames), p90: percentile(frames, 90) };
}

// ---------------------------------------------------------------- 3. 1 MB paste
async function bigPaste(context, kind, ours) {
  const url = ours ? `${base}app/` : `${base}bench/plain.html`;
  const runs = [];
  for (let i = 0; i < BIG_RUNS; i++) {
    const marker = `bench-big-${kind}-${i}`;
    const token = bigToken(kind, marker);
    const page = await openPage(context, url, ours);
    if (ours) await setKey(page, TYPICAL_SECRET);
    await idle(page, 300);
    const r = await page.evaluate(inPageInput, { token, marker, ours, timeoutMs: 120_000 });
    if (r.error) { results.errors.push(`1 MB ${kind} (${ours ? 'ours' : 'plain'}): ${r.error}`); await page.close(); break; }
    await idle(page, 1500); // let trailing work finish and the long-task entries arrive
    const after = await page.evaluate((t0) => ({
      nodes: document.getElementsByTagName('*').length,
      longTasks: window.__longTasks.filter((e) => e.start + e.duration >= t0),
      heap: performance.memory ? performance.memory.usedJSHeapSize : null,
      wasmMemory: window.__wasm?.memory?.buffer?.byteLength ?? null,
      verify: document.querySelector('[data-testid="verify-status"]')?.dataset.status ?? null,
    }), r.t0);
    runs.push({ ...r, ...after, tokenLength: token.length });
    await page.close();
  }
  if (!runs.length) return null;
  const pick = (k) => runs.map((r) => r[k]);
  return {
    runs: runs.length,
    tokenLength: runs[0].tokenLength,
    dom: median(pick('dom')),
    layout: median(pick('layout')),
    nodes: median(pick('nodes')),
    maxLongTask: Math.max(0, ...runs.flatMap((r) => r.longTasks.map((e) => e.duration))),
    longTaskCount: median(runs.map((r) => r.longTasks.length)),
    heap: runs.at(-1).heap,
    wasmMemory: runs.at(-1).wasmMemory,
    verify: runs.at(-1).verify,
  };
}

// ---------------------------------------------------------------- 4. decode core and verification
const VERIFY_CASES = ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'ML-DSA-65'];

function verifyCase(fixtures, alg) {
  const name = alg === 'HS256' ? 'node-jose-HS256-secret-text' : alg.startsWith('ML-DSA') ? `noble-${alg}-jwk-public` : `node-jose-${alg}-jwk-public`;
  const found = fixtures.find((c) => c.name === name);
  if (!found) throw new Error(`fixture ${name} missing`);
  return { name, alg, token: found.token, key: found.key, encoding: found.secret_encoding ?? 'utf8' };
}

/**
 * ms/op of our verify, timed inside the crypto worker (benchVerify), and of WebCrypto in the page,
 * each over ~250 ms, median of 5. ML-DSA has no WebCrypto reference here (see nobleVerify).
 */
async function inPageVerify({ token, key, encoding, alg }) {
  const ask = (request) => window.wasmBindings.askWorker(JSON.stringify(request));
  const E = (e) => ({ base64: 'Base64', hex: 'Hex' }[e] ?? 'Utf8');
  const bench = (iterations) => ask({ Bench: { token, key, encoding: E(encoding), iterations } });
  const out = { alg, status: (await bench(0)).status };
  const budget = 250;
  const reps = 5;
  const med = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];

  const first = (await bench(2)).msPerOp;
  if (first == null) return { ...out, error: 'benchVerify: token or key did not parse' };
  out.oursIterations = Math.max(3, Math.min(100_000, Math.ceil(budget / Math.max(first, 1e-4))));
  const ours = [];
  for (let i = 0; i < reps; i++) ours.push((await bench(out.oursIterations)).msPerOp);
  out.ours = med(ours);
  if (alg.startsWith('ML-DSA')) return out;

  const [h, p, s] = token.split('.');
  const unb64 = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const data = new TextEncoder().encode(`${h}.${p}`);
  const signature = unb64(s);
  const jwk = alg === 'HS256' ? null : JSON.parse(key);
  const pub = jwk && { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, n: jwk.n, e: jwk.e, ext: true };
  const spec = {
    HS256: [{ name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC' }],
    RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
    PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
    ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
    ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }],
    ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' }],
    EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
  }[alg];
  try {
    const cryptoKey = alg === 'HS256'
      ? await crypto.subtle.importKey('raw', new TextEncoder().encode(key), spec[0], false, ['verify'])
      : await crypto.subtle.importKey('jwk', pub, spec[0], false, ['verify']);
    const verify = () => crypto.subtle.verify(spec[1], cryptoKey, signature, data);
    out.webcryptoValid = await verify();
    let t = performance.now();
    await verify(); await verify();
    const firstRef = (performance.now() - t) / 2;
    out.refIterations = Math.max(3, Math.min(100_000, Math.ceil(budget / Math.max(firstRef, 1e-4))));
    const ref = [];
    for (let i = 0; i < reps; i++) {
      t = performance.now();
      for (let j = 0; j < out.refIterations; j++) await verify(); // one at a time, as a UI would
      ref.push((performance.now() - t) / out.refIterations);
    }
    out.reference = med(ref);
  } catch (error) {
    out.error = `WebCrypto: ${error.name}: ${error.message}`;
  }
  return out;
}

// ---------------------------------------------------------------- 4b. JWE decryption
/** The fixtures the decrypt rows use (tests/fixtures/jwe/cases.json), made by other libraries. */
const DECRYPT_CASES = [
  ['dir + A256GCM', 'cisco-node-jose-dir-A256GCM-jwk-oct'],
  ['RSA-OAEP-256 + A256GCM (RSA 2048)', 'cisco-node-jose-RSA-OAEP-256-A256GCM-pem-pkcs1-private'],
  ['ECDH-ES P-256 + A256GCM', 'node-jose-ECDH-ES-P-256-A256GCM-pem-pkcs8-private'],
];

/**
 * ms/op of our decryption, timed inside the crypto worker (the key box read once), and of the same
 * JWE decrypted with WebCrypto in the page (key imported once; the content key unwrapped or agreed,
 * then AES-GCM), each over ~250 ms, median of 5.
 */
async function inPageDecrypt({ label, token, key, jwk }) {
  const ask = (request) => window.wasmBindings.askWorker(JSON.stringify(request));
  const bench = (iterations) => ask({ Bench: { token, key, encoding: 'Utf8', iterations } });
  const out = { label, status: (await bench(0)).status };
  const budget = 250;
  const reps = 5;
  const med = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const first = (await bench(2)).msPerOp;
  if (first == null) return { ...out, error: 'our decryption failed' };
  out.oursIterations = Math.max(3, Math.min(100_000, Math.ceil(budget / Math.max(first, 1e-4))));
  const ours = [];
  for (let i = 0; i < reps; i++) ours.push((await bench(out.oursIterations)).msPerOp);
  out.ours = med(ours);

  const unb64 = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4)), (c) => c.charCodeAt(0));
  const [h, ek, iv, ct, tag] = token.split('.');
  const header = JSON.parse(new TextDecoder().decode(unb64(h)));
  const aad = new TextEncoder().encode(h);
  const body = new Uint8Array([...unb64(ct), ...unb64(tag)]);
  const gcm = (cek) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: aad, tagLength: 128 }, cek, body);
  const raw = (bytes) => crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['decrypt']);
  const u32 = (n) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  try {
    let decrypt;
    if (header.alg === 'dir') {
      const cek = await crypto.subtle.importKey('jwk', { kty: 'oct', k: jwk.k, ext: true }, 'AES-GCM', false, ['decrypt']);
      decrypt = () => gcm(cek);
    } else if (header.alg === 'RSA-OAEP-256') {
      const rsa = await crypto.subtle.importKey('jwk', { ...jwk, alg: 'RSA-OAEP-256', ext: true }, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
      const wrapped = unb64(ek);
      decrypt = async () => gcm(await raw(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, rsa, wrapped)));
    } else {
      const ecdh = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
      const enc = new TextEncoder().encode(header.enc);
      // RFC 7518 §4.6.2: SHA-256(counter ‖ Z ‖ AlgorithmID ‖ PartyUInfo ‖ PartyVInfo ‖ SuppPubInfo).
      const other = new Uint8Array([...u32(enc.length), ...enc, ...u32(0), ...u32(0), ...u32(256)]);
      decrypt = async () => {
        const epk = await crypto.subtle.importKey('jwk', { ...header.epk, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
        const z = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: epk }, ecdh, 256));
        const cek = await crypto.subtle.digest('SHA-256', new Uint8Array([0, 0, 0, 1, ...z, ...other]));
        return gcm(await raw(cek));
      };
    }
    out.webcryptoPlaintextBytes = (await decrypt()).byteLength;
    let t = performance.now();
    await decrypt(); await decrypt();
    const firstRef = (performance.now() - t) / 2;
    out.refIterations = Math.max(3, Math.min(100_000, Math.ceil(budget / Math.max(firstRef, 1e-4))));
    const ref = [];
    for (let i = 0; i < reps; i++) {
      t = performance.now();
      for (let j = 0; j < out.refIterations; j++) await decrypt();
      ref.push((performance.now() - t) / out.refIterations);
    }
    out.reference = med(ref);
  } catch (error) {
    out.error = `WebCrypto: ${error.name}: ${error.message}`;
  }
  return out;
}

/** ms/op of the wasm decode (benchDecode) and of a plain-JS decode of the same token, no DOM. */
async function inPageDecode({ token, label }) {
  const B = window.wasmBindings;
  const utf8 = new TextDecoder();
  const plainDecode = (raw) => {
    const parts = raw.trim().split('.');
    const seg = (t) => {
      const b64 = t.replace(/-/g, '+').replace(/_/g, '/');
      const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return JSON.parse(utf8.decode(bytes));
    };
    return [JSON.stringify(seg(parts[0]), null, 2), JSON.stringify(seg(parts[1]), null, 2)];
  };
  const med = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const first = B.benchDecode(token, 1);
  const status = first < 0 ? 'error' : 'ok';
  const n = Math.max(3, Math.min(100_000, Math.ceil(200 / Math.max(first, 1e-4))));
  const ours = [];
  for (let i = 0; i < 5; i++) ours.push(B.benchDecode(token, n));
  let t = performance.now();
  plainDecode(token);
  const firstRef = performance.now() - t;
  const m = Math.max(3, Math.min(100_000, Math.ceil(200 / Math.max(firstRef, 1e-4))));
  const ref = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    let keep = 0;
    for (let j = 0; j < m; j++) keep += plainDecode(token)[1].length;
    ref.push((performance.now() - t) / m);
    if (keep < 0) console.log(keep);
  }
  return { label, status, ours: med(ours), reference: med(ref), oursIterations: n, refIterations: m };
}

/**
 * ms/op of our signing (timed inside the crypto worker, the private JWK parsed once) and of
 * crypto.subtle.sign in the page with the same JWK imported once, median of 5 runs of ~250 ms.
 */
async function inPageSign({ alg, key }) {
  const med = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const header = JSON.stringify({ alg, typ: 'JWT' });
  const payload = JSON.stringify({ sub: 'bench', iat: 1767225600, exp: 4102444800 });
  const benchSign = (iterations) => window.wasmBindings.askWorker(JSON.stringify({ BenchSign: { header, payload, key, encoding: 'Utf8', iterations } }));
  const first = await benchSign(2);
  if (first.msPerOp == null) return { alg, error: `benchSign: ${first.status}` };
  const n = Math.max(3, Math.min(100_000, Math.ceil(250 / Math.max(first.msPerOp, 1e-4))));
  const ours = [];
  for (let i = 0; i < 5; i++) ours.push((await benchSign(n)).msPerOp);
  const out = { alg, ours: med(ours), oursIterations: n };
  const spec = {
    HS256: [{ name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC' }],
    RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
    PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
    ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
    ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }],
    ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' }],
    EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
  }[alg];
  if (!spec) return out;
  try {
    const { kid, alg: _alg, use, key_ops, ...jwk } = JSON.parse(key);
    const cryptoKey = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, spec[0], false, ['sign']);
    const data = new TextEncoder().encode(`${header}.${payload}`);
    const sign = () => crypto.subtle.sign(spec[1], cryptoKey, data);
    let t = performance.now();
    await sign(); await sign();
    const m = Math.max(3, Math.min(100_000, Math.ceil(250 / Math.max((performance.now() - t) / 2, 1e-4))));
    const ref = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      for (let j = 0; j < m; j++) await sign();
      ref.push((performance.now() - t) / m);
    }
    out.reference = med(ref);
  } catch (error) {
    out.error = `WebCrypto: ${error.name}: ${error.message}`;
  }
  return out;
}

/**
 * ms per key generated: ours in the crypto worker, reference crypto.subtle.generateKey + exportKey.
 * Each run generates enough keys to last ~50 ms (the browser's timers are coarse), median of runs.
 */
async function inPageGenerate({ type, runs }) {
  const med = (xs) => xs.sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const benchGenerate = (iterations) => window.wasmBindings.askWorker(JSON.stringify({ BenchGenerate: { key_type: type, iterations } }));
  const first = await benchGenerate(1);
  if (first.msPerOp == null) return { type, error: first.status };
  const n = Math.max(1, Math.ceil(50 / Math.max(first.msPerOp, 0.01)));
  const ours = [];
  for (let i = 0; i < runs; i++) ours.push((await benchGenerate(n)).msPerOp);
  const spec = {
    'RSA-2048': [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, ['sign', 'verify']],
    'RSA-4096': [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, ['sign', 'verify']],
    'EC-P-256': [{ name: 'ECDSA', namedCurve: 'P-256' }, ['sign', 'verify']],
    'OKP-Ed25519': [{ name: 'Ed25519' }, ['sign', 'verify']],
  }[type];
  // Exported too, as ours always is (PEM and JWK).
  const one = async () => { const pair = await crypto.subtle.generateKey(spec[0], true, spec[1]); await crypto.subtle.exportKey('jwk', pair.privateKey); };
  let t = performance.now();
  await one();
  const m = Math.max(1, Math.ceil(50 / Math.max(performance.now() - t, 0.01)));
  const ref = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    for (let j = 0; j < m; j++) await one();
    ref.push((performance.now() - t) / m);
  }
  return { type, runs, ours: med(ours), reference: med(ref), oursIterations: n, refIterations: m };
}

/** ML-DSA reference: @noble/post-quantum in a page of its own (tests/bench/noble.html). */
async function nobleVerify(context, c) {
  const page = await context.newPage();
  try {
    await page.goto(`${base}bench/noble.html`);
    await page.waitForFunction(() => window.nobleReady, null, { timeout: 10_000 });
    return await page.evaluate(({ token, key }) => {
      const first = window.nobleVerify(token, key, 2);
      if (first < 0) return { error: 'noble says the signature is invalid' };
      const n = Math.max(3, Math.ceil(250 / Math.max(first, 1e-3)));
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(window.nobleVerify(token, key, n));
      return { reference: runs.sort((a, b) => a - b)[2], refIterations: n };
    }, c);
  } catch (error) {
    return { error: `noble reference: ${error.message}` };
  } finally {
    await page.close();
  }
}

/**
 * Key pasted → verdict painted, with the token already in the page: from the key box's input event
 * to the first frame after data-status became `valid` (a task, the next animation frame, a task).
 * The key alternates between two spellings of the same JWK (a trailing line break), so the worker
 * parses it every time, as it would a new key. Ours: the app; reference: tests/bench/keyverify.html.
 */
async function keyToVerdict(context, c, ours) {
  const page = await openPage(context, ours ? `${base}app/` : `${base}bench/keyverify.html`, ours);
  const timings = [];
  try {
    await page.evaluate((token) => {
      const box = document.querySelector('[data-testid="token-input"]');
      box.value = token;
      box.dispatchEvent(new Event('input', { bubbles: true }));
    }, c.token);
    if (ours) await page.waitForFunction(() => document.querySelector('[data-testid="decode-status"]')?.dataset.status === 'ok');
    for (let i = 0; i < 12; i++) {
      await setKey(page, '');
      await page.waitForFunction(() => document.querySelector('[data-testid="verify-status"]')?.dataset.status === 'none', null, { timeout: 10_000 });
      await idle(page, 50);
      const key = i % 2 ? `${c.key}
` : c.key;
      const r = await page.evaluate((key) => new Promise((resolve) => {
        const q = (id) => document.querySelector(`[data-testid="${id}"]`);
        const task = () => new Promise((done) => { const m = new MessageChannel(); m.port1.onmessage = done; m.port2.postMessage(0); });
        let t0 = 0;
        const timer = setTimeout(() => { observer.disconnect(); resolve({ error: 'no valid verdict within 10 s' }); }, 10_000);
        const observer = new MutationObserver(() => {
          if (q('verify-status')?.dataset.status !== 'valid') return;
          observer.disconnect();
          clearTimeout(timer);
          task().then(() => new Promise((done) => requestAnimationFrame(done))).then(task).then(() => resolve({ ms: performance.now() - t0 }));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const box = q('key-input');
        t0 = performance.now();
        box.value = key;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }), key);
      if (r.error) { results.errors.push(`key → verdict ${c.alg} (${ours ? 'ours' : 'reference'}): ${r.error}`); break; }
      if (i >= 2) timings.push(r.ms);
    }
  } finally {
    await page.close();
  }
  return timings.length ? { runs: timings.length, median: median(timings), p90: percentile(timings, 90) } : null;
}

// ---------------------------------------------------------------- 5. HMAC secret cracking
/**
 * The cracker's rate in the page: a mask run (never exhausted) on the 636-byte HS256 token, on
 * all the crack workers the page starts (navigator.hardwareConcurrency). After a warm-up, every
 * change of `crack-progress`'s data-tried is recorded for `seconds`: the rate is the candidates
 * between the first and the last change over the time between them.
 */
async function crackRate(context, seconds) {
  const page = await openPage(context, `${base}app/`, true);
  try {
    const token = crackToken();
    await page.fill('[data-testid="token-input"]', token);
    await page.click('[data-testid="crack-open"]', { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="crack-token"]')?.textContent.includes('HS256'), null, { timeout: 30_000 });
    await page.uncheck('[data-testid="crack-builtin"]');
    await page.fill('[data-testid="crack-mask"]', CRACK_MASK);
    await page.click('[data-testid="crack-run"]');
    const r = await page.evaluate(async ({ seconds }) => {
      const q = (id) => document.querySelector(`[data-testid="${id}"]`);
      const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
      const tried = () => Number(q('crack-progress')?.dataset.tried ?? 0);
      for (let i = 0; i < 200 && tried() === 0; i++) await sleep(50);
      if (tried() === 0) return { error: `no progress (crack-status ${q('crack-status')?.dataset.status}: ${q('crack-status')?.textContent})` };
      await sleep(2000);
      const samples = [];
      const observer = new MutationObserver(() => samples.push([performance.now(), tried()]));
      observer.observe(q('crack-progress'), { attributes: true, attributeFilter: ['data-tried'] });
      await sleep(seconds * 1000);
      observer.disconnect();
      const progress = q('crack-progress').dataset;
      const status = q('crack-status').dataset.status;
      q('crack-cancel').click();
      if (samples.length < 2) return { error: `only ${samples.length} progress updates in ${seconds} s` };
      const [[t0, n0], [t1, n1]] = [samples[0], samples[samples.length - 1]];
      return { status, workers: Number(progress.workers), total: (n1 - n0) / ((t1 - t0) / 1000), overRun: Number(progress.rate), tried: Number(progress.tried), seconds: (t1 - t0) / 1000, concurrency: navigator.hardwareConcurrency };
    }, { seconds });
    if (r.error) return r;
    return { ...r, perWorker: r.total / r.workers, mask: CRACK_MASK, inputBytes: 636 };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------- main
const started = Date.now();
results.loadBefore = (await import('node:os')).loadavg();
results.sizes = sizes();
log('sizes done');

const typical = JSON.parse(readFileSync(path.join(here, 'typical.json'), 'utf8'));
const fixtures = [
  ...JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'cross_impl_node.json'), 'utf8')),
  ...JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'mldsa', 'mldsa_noble.json'), 'utf8')),
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
results.browser.version = browser.version();
const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
// Trunk's bootstrap announces the wasm exports; keep them to read the linear memory's size.
await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail?.wasm; }));

try {
  results.browser.crack = await crackRate(context, CRACK_SECONDS);
  if (results.browser.crack.error) results.errors.push(`crack rate: ${results.browser.crack.error}`);
  log('crack rate done');
  if (ONLY === 'crack') throw 'only';
  results.browser.keystroke = { ours: await keystroke(context, typical, true), reference: await keystroke(context, typical, false) };
  log('keystroke done');
  results.browser.keystrokeFrame = { ours: await keystrokeToFrame(context, typical, true), reference: await keystrokeToFrame(context, typical, false) };
  log('keystroke to frame done');

  results.browser.big = {};
  for (const kind of ['string', 'array']) {
    results.browser.big[kind] = { ours: await bigPaste(context, kind, true), reference: await bigPaste(context, kind, false) };
    log(`1 MB ${kind} done`);
  }

  const page = await openPage(context, `${base}app/`, true);
  results.browser.decode = [];
  for (const [label, token] of [['typical 1 KB', typical.token_a], ['1 MB string', bigToken('string', 'x')], ['1 MB array', bigToken('array', 'x')]]) {
    results.browser.decode.push(await page.evaluate(inPageDecode, { token, label }));
  }
  log('decode core done');
  results.browser.verify = [];
  for (const alg of VERIFY_CASES) {
    const c = verifyCase(fixtures, alg);
    let r = await page.evaluate(inPageVerify, c);
    if (alg.startsWith('ML-DSA')) r = { ...r, ...(await nobleVerify(context, c)), referenceName: '@noble/post-quantum 0.7.1 (JS, same browser)' };
    results.browser.verify.push({ ...r, fixture: c.name });
    if (r.status !== 'valid') results.errors.push(`verify ${alg}: our verifyStatus is ${r.status}, expected valid`);
    if (r.webcryptoValid === false) results.errors.push(`verify ${alg}: WebCrypto says the signature is invalid`);
    if (r.error) results.errors.push(`verify ${alg}: ${r.error}`);
    log(`verify ${alg} done`);
  }
  results.browser.decrypt = [];
  const jweCases = JSON.parse(readFileSync(path.join(here, '..', 'fixtures', 'jwe', 'cases.json'), 'utf8'));
  for (const [label, name] of DECRYPT_CASES) {
    const c = jweCases.find((f) => f.name === name);
    if (!c) { results.errors.push(`decrypt ${label}: fixture ${name} missing`); continue; }
    // WebCrypto reads neither PKCS#1 nor SEC1: the reference gets the same key as a JWK.
    const jwk = c.key_format === 'jwk-oct' ? JSON.parse(c.key) : createPrivateKey(c.key).export({ format: 'jwk' });
    const r = await page.evaluate(inPageDecrypt, { label, token: c.token, key: c.key, jwk });
    results.browser.decrypt.push({ ...r, fixture: name });
    if (r.status !== 'ok') results.errors.push(`decrypt ${label}: ours says ${r.status}`);
    if (r.error) results.errors.push(`decrypt ${label}: ${r.error}`);
    log(`decrypt ${label} done`);
  }
  await page.close();

  results.browser.sign = [];
  const signPage = await openPage(context, `${base}app/`, true);
  for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'ML-DSA-65']) {
    const name = alg.startsWith('ML-DSA') ? `noble-${alg}-jwk-private` : alg === 'HS256' ? 'node-jose-HS256-secret-text' : `node-jose-${alg}-jwk-private`;
    const c = fixtures.find((f) => f.name === name);
    if (!c) { results.errors.push(`sign ${alg}: fixture ${name} missing`); continue; }
    // The HMAC secret as an oct JWK, so both sides import the same kind of key.
    const key = alg === 'HS256' ? JSON.stringify({ kty: 'oct', k: Buffer.from(c.key).toString('base64url') }) : c.key;
    const r = await signPage.evaluate(inPageSign, { alg, key });
    if (r.error) results.errors.push(`sign ${alg}: ${r.error}`);
    results.browser.sign.push(r);
    log(`sign ${alg} done`);
  }
  results.browser.generate = [];
  for (const [type, runs] of [['RSA-2048', 7], ['RSA-4096', 3], ['EC-P-256', 5], ['OKP-Ed25519', 5]]) {
    const r = await signPage.evaluate(inPageGenerate, { type, runs });
    if (r.error) results.errors.push(`generate ${type}: ${r.error}`);
    results.browser.generate.push(r);
    log(`generate ${type} done`);
  }
  await signPage.close();

  results.browser.keyToVerdict = [];
  for (const alg of ['RS256', 'ES256']) {
    const c = verifyCase(fixtures, alg);
    results.browser.keyToVerdict.push({ alg, ours: await keyToVerdict(context, c, true), reference: await keyToVerdict(context, c, false) });
    log(`key → verdict ${alg} done`);
  }
} catch (error) {
  if (error !== 'only') results.errors.push(`browser run aborted: ${error.stack ?? error}`);
} finally {
  await browser.close();
}
results.seconds = (Date.now() - started) / 1000;
results.loadAfter = (await import('node:os')).loadavg();
writeFileSync(outFile, JSON.stringify(results, null, 2));
log(`browser measurements written to ${outFile} in ${results.seconds.toFixed(0)} s`);
