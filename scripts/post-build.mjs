// Trunk post-build hook: makes dist/ work under a strict Content-Security-Policy and offline.
//  0. The maker module (encoder and key generation, bin jwt-lens-maker) is built by Trunk like a
//     worker (its files are not loaded by index.html); the boot script defines `jwtLensLoadMaker`,
//     which the page calls after its first view, and `jwtLensToMaker`, the reader's way to call it.
//  1. Moves Trunk's inline bootstrap <script> into its own file, so script-src can be 'self' only.
//  2. Adds the CSP <meta> (the same policy is documented in README.md for hosts that set headers).
//  3. Minifies the page's wasm-bindgen JavaScript with terser (Trunk's own minifier gives up on it)
//     and updates its integrity hash in index.html: the file is part of the start-up download.
//  4. Points the crypto and crack workers' loaders at their wasm the current way (Trunk writes the deprecated
//     string argument, which logs a console warning).
//  5. Writes sw.js, a service worker that caches every file of the build for offline use (the web
//     app manifest and its icons included).
//  6. Precompresses every text and wasm file: `<file>.br` (brotli quality 11) and `<file>.gz`
//     (gzip -9) beside it, for a static server that serves them as such (scripts/serve uses sirv).
//     Written after sw.js, so its list of files (the URLs the page fetches) does not name them.
import { createHash } from 'node:crypto';
import { minify } from 'terser';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
// Trunk's release build minifies index.html, so the attribute may be unquoted.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const pageScript = html.match(inline);
if (!pageScript) throw new Error('post-build: no inline module script found in index.html');
// The example the page opens with is the built-in one (src/jose/examples.json) issued afresh: the
// same header and claims, with iat and nbf now and exp an hour later, like a real access token,
// signed (HS256) with the example's secret by WebCrypto before the wasm starts. Without WebCrypto
// (a page served over plain http from another host) the page opens with the built-in token.
const [builtIn] = JSON.parse(readFileSync(new URL('../src/jose/examples.json', import.meta.url), 'utf8'));
const [builtInHeader, builtInClaims] = builtIn.token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
if (builtInHeader.alg !== 'HS256' || !('exp' in builtInClaims)) throw new Error('post-build: the built-in example is no longer an HS256 token with exp');
const { iat, nbf, exp, ...lasting } = builtInClaims;
const exampleScript = `window.jwtLensExample = await (async () => {
  try {
    const bytes = (text) => new TextEncoder().encode(text);
    const b64url = (data) => btoa(String.fromCharCode(...new Uint8Array(data))).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]);
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...${JSON.stringify(lasting)}, iat: now, nbf: now, exp: now + 3600 };
    const body = b64url(bytes(JSON.stringify(${JSON.stringify(builtInHeader)}))) + '.' + b64url(bytes(JSON.stringify(claims)));
    const key = await crypto.subtle.importKey('raw', bytes(${JSON.stringify(builtIn.key)}), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return body + '.' + b64url(await crypto.subtle.sign('HMAC', key, bytes(body)));
  } catch {
    return undefined;
  }
})();`;
const boot = `// The start-up example, issued now (see scripts/post-build.mjs).
${exampleScript}

${pageScript[1].trim()}

// The maker (encoder and key generation) is a second wasm module, loaded after the first view.
// Trunk builds it for a classic script (wasm-bindgen's no-modules target), which defines the global
// \`wasm_bindgen\` initializer.
let maker;
window.jwtLensLoadMaker = () =>
  (maker ??= new Promise((resolve, reject) => {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = './maker.css';
    document.head.append(style);
    const script = document.createElement('script');
    script.src = './jwt-lens-maker.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  }).then(() => wasm_bindgen({ module_or_path: './jwt-lens-maker_bg.wasm' })));
window.jwtLensToMaker = (args) => window.jwtLensLoadMaker().then(() => window.jwtLensMakerApi(args));
// Unasked, the maker loads when the page is idle after the first verdict: at the reader's first
// use (a key, a click, a paste, a scroll) or after a few quiet seconds, whichever comes first, and
// then in an idle period. Its instantiation and mount cost a slow phone about 0.4 s of main thread,
// which must not land while the first view is still settling (Lighthouse: Total Blocking Time).
window.jwtLensLoadMakerWhenIdle = () => {
  const events = ['pointerdown', 'keydown', 'touchstart', 'paste', 'wheel', 'input'];
  let timer;
  const go = () => {
    clearTimeout(timer);
    events.forEach((name) => removeEventListener(name, go, true));
    const later = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 50));
    later(() => window.jwtLensLoadMaker(), { timeout: 1000 });
  };
  events.forEach((name) => addEventListener(name, go, { capture: true, passive: true }));
  timer = setTimeout(go, 4000);
};

// Cache the app for offline use (see sw.js). Registration failure only costs offline support.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((error) => console.warn('JWT Lens: no offline cache:', error));
}
`;
// Minified in release builds: the boot script is part of the start-up download.
const bootCode = process.env.TRUNK_PROFILE === 'release' ? (await minify(boot, { module: true, compress: true, mangle: true })).code : boot;
const bootName = `boot-${hash(bootCode)}.js`;
writeFileSync(path.join(dir, bootName), bootCode);
html = html.replace(pageScript[0], `<script type="module" src="./${bootName}"></script>`);
if (!html.includes('Content-Security-Policy')) {
  const charset = /<meta charset="?utf-8"?>/i;
  if (!charset.test(html)) throw new Error('post-build: no <meta charset> to put the CSP after');
  html = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
}
// Chromium ignores `integrity` on a fetch preload and says so in the console: the wasm's preload
// link goes without it (the module that instantiates the wasm is itself integrity-checked).
html = html.replace(/<link\b[^>]*>/g, (tag) => (/\bas="?fetch"?/.test(tag) && /\brel="?preload"?/.test(tag) ? tag.replace(/\sintegrity=("[^"]*"|[^\s>]+)/, '') : tag));
writeFileSync(indexPath, html);

/**
 * wasm-bindgen's JavaScript without the classes that wasm-streams exports (IntoUnderlyingSource,
 * IntoUnderlyingSink, IntoUnderlyingByteSource): Leptos links it through server_fn, which this
 * client-only page never calls, and nothing imports them from the page's module. Made private, the
 * classes and their finalization registries are dropped by terser: 0.35 kB gzip of the start-up.
 */
function withoutStreamClasses(source) {
  return source
    .replace(/^export class (IntoUnderlying\w+)/gm, 'class $1')
    .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = .*\n/gm, '')
    .replace(/^const IntoUnderlying\w+Finalization = [\s\S]*?;\n/gm, '');
}

if (process.env.TRUNK_PROFILE === 'release') {
  for (const name of readdirSync(dir).filter((file) => /^jwt-lens-[0-9a-f]+\.js$/.test(file))) {
    const file = path.join(dir, name);
    const source = readFileSync(file, 'utf8');
    const { code } = await minify(withoutStreamClasses(source), { module: true, compress: true, mangle: true });
    const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
    const before = integrity(source);
    if (!html.includes(before)) throw new Error(`post-build: ${name}'s integrity hash is not in index.html`);
    writeFileSync(file, code);
    html = html.replaceAll(before, integrity(code));
    writeFileSync(indexPath, html);
  }
  // The maker's JavaScript is loaded by the boot script (a classic script: its top-level names stay).
  const makerFile = path.join(dir, 'jwt-lens-maker.js');
  writeFileSync(makerFile, (await minify(readFileSync(makerFile, 'utf8'), { compress: true, mangle: { toplevel: false } })).code);
}

for (const worker of ['crypto-worker', 'crack-worker']) {
  const loaderPath = path.join(dir, `${worker}_loader.js`);
  const loader = readFileSync(loaderPath, 'utf8');
  const fixedLoader = loader.replace(/wasm_bindgen\((["'])([^"']+_bg\.wasm)\1\)/, 'wasm_bindgen({ module_or_path: "$2" })');
  if (!fixedLoader.includes('module_or_path')) throw new Error(`post-build: unexpected worker loader: ${loader}`);
  writeFileSync(loaderPath, fixedLoader);
}

const files = readdirSync(dir)
  .filter((name) => name !== 'sw.js' && !name.startsWith('.') && statSync(path.join(dir, name)).isFile())
  .sort();
const version = hash(files.map((name) => `${name}:${hash(readFileSync(path.join(dir, name)))}`).join('\n'));
const sw = `// Generated by scripts/post-build.mjs: caches this build of JWT Lens for offline use.
// It only ever fetches the app's own files; it never sees what is typed into the page.
const CACHE = 'jwt-lens-${version}';
const FILES = ${JSON.stringify(['./', ...files.map((name) => `./${name}`)])};

self.addEventListener('install', (event) => {
  // 'reload': the crypto worker's files have fixed names, so the HTTP cache may hold an older build.
  const requests = FILES.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('jwt-lens-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Fresh page when online, the cached one when offline.
    event.respondWith(fetch(request).catch(() => caches.match('./', { ignoreSearch: true })));
    return;
  }
  // The cache holds exactly this build's files (a new build installs a new cache).
  event.respondWith(caches.match(request).then((cached) => cached || fetch(request)));
});
`;
writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`post-build: ${bootName}, CSP meta, sw.js caching ${files.length + 1} entries (${version})`);

// 6. Precompressed siblings. zlib's asynchronous calls run on libuv's thread pool, so the files are
// compressed in parallel (brotli quality 11 of the wasm files is most of the time).
const compressible = /\.(html|js|mjs|wasm|css|svg|json|txt|webmanifest)$/;
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const toCompress = readdirSync(dir)
  .filter((name) => compressible.test(name) && !name.startsWith('.') && statSync(path.join(dir, name)).isFile());
let rawBytes = 0;
let brBytes = 0;
let gzBytes = 0;
await Promise.all(toCompress.map(async (name) => {
  const file = path.join(dir, name);
  const data = readFileSync(file);
  const [br, gz] = await Promise.all([
    brotliAsync(data, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 11,
        [zlib.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.BROTLI_PARAM_MODE]: name.endsWith('.wasm') ? zlib.BROTLI_MODE_GENERIC : zlib.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(data, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
  rawBytes += data.length;
  brBytes += br.length;
  gzBytes += gz.length;
}));
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log(`post-build: precompressed ${toCompress.length} files: ${kB(rawBytes)} raw, ${kB(brBytes)} .br, ${kB(gzBytes)} .gz`);
