// Start-up as a phone on a slow network would see it: Lighthouse, and two times taken in Chromium
// under DevTools throttling. dist/ is served as in production: sirv (the static server of
// scripts/serve) sending the precompressed .br/.gz files, on a free local port.
//
//   node tests/bench/lighthouse.mjs [--dist dist] [--out target/bench/lighthouse.json] [--runs 3] [--no-print]
//
// 1. Lighthouse (the npm package, Node API) in Debian's Chromium started by chrome-launcher: the
//    default mobile settings (Moto G Power screen, mobile user agent) with simulated throttling
//    "slow 4G" (RTT 150 ms, 1.6 Mbps down, CPU 4× slower): the four category scores, FCP, LCP, TBT,
//    CLS, and the audits that fail in accessibility, best practices and SEO.
// 2. Playwright + CDP, the same phone screen, network emulated per request (150 ms latency,
//    1.6 Mbps down, 750 kbps up), CPU throttled 4×, cold cache, one fresh context per load:
//    "shell painted" (first-contentful-paint) and "first decoded view" (the page's default example
//    token decoded: [data-testid=decode-status][data-status=ok] in the DOM, then the frame after it).
//
// Informational, like the rest of scripts/bench: nothing is asserted. Writes one JSON file, then
// prints it with report.mjs (unless --no-print: scripts/bench prints everything in one table).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (!arg.startsWith('--')) return pairs;
    const next = all[i + 1];
    return [...pairs, [arg.slice(2), next === undefined || next.startsWith('--') ? true : next]];
  }, []),
);
const distDir = path.resolve(args.dist ?? path.join(root, 'dist'));
const outFile = path.resolve(args.out ?? path.join(root, 'target/bench/lighthouse.json'));
const RUNS = Number(args.runs ?? 3);
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (...what) => console.error('lighthouse:', ...what);

// "Slow 4G" as Lighthouse defines it (its mobileSlow4G).
const SLOW_4G = { rttMs: 150, throughputKbps: 1.6 * 1024, cpuSlowdownMultiplier: 4 };
const PHONE = { width: 412, height: 823, deviceScaleFactor: 1.75 }; // Lighthouse's Moto G Power
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------- the server
async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** sirv in production mode (no --dev): the file list read once, no Cache-Control. */
async function serve(dir) {
  const port = await freePort();
  const bin = path.join(path.dirname(require.resolve('sirv-cli/package.json')), 'bin.js');
  // sirv-cli takes HOST and PORT from the environment over its flags.
  const child = spawn(process.execPath, [bin, dir, '--brotli', '--gzip', '--host', '127.0.0.1', '--port', String(port), '--quiet'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode != null) throw new Error(`sirv exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { headers: { 'accept-encoding': 'br' } });
      if (response.ok) {
        return { url, encoding: response.headers.get('content-encoding'), stop: () => child.kill() };
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`sirv did not answer on ${url}`);
}

// ---------------------------------------------------------------- 1. Lighthouse
async function runLighthouse(url) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  try {
    const flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
      throttling: {
        ...SLOW_4G,
        // Only used by DevTools throttling; Lighthouse's own values for slow 4G, for completeness.
        requestLatencyMs: SLOW_4G.rttMs * 3.75,
        downloadThroughputKbps: SLOW_4G.throughputKbps * 0.9,
        uploadThroughputKbps: 750 * 0.9,
      },
    };
    const result = await lighthouse(url, flags);
    const lhr = result?.lhr;
    if (!lhr) throw new Error('Lighthouse returned no result');
    const categories = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]));
    const numeric = (id) => lhr.audits[id]?.numericValue ?? null;
    const failing = {};
    for (const id of ['accessibility', 'best-practices', 'seo']) {
      const refs = lhr.categories[id]?.auditRefs ?? [];
      failing[id] = refs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
        .map((a) => ({
          id: a.id,
          title: a.title,
          score: a.score,
          items: (a.details?.items ?? []).slice(0, 8).map((item) => item.node?.selector ?? item.node?.snippet ?? item.source?.url ?? item.description ?? item.url ?? '').filter(Boolean),
        }));
    }
    return {
      version: lhr.lighthouseVersion,
      userAgent: lhr.environment?.hostUserAgent,
      benchmarkIndex: lhr.environment?.benchmarkIndex,
      finalUrl: lhr.finalDisplayedUrl,
      runWarnings: lhr.runWarnings,
      throttling: lhr.configSettings.throttling,
      screen: lhr.configSettings.screenEmulation,
      categories,
      metrics: {
        fcp: numeric('first-contentful-paint'),
        lcp: numeric('largest-contentful-paint'),
        tbt: numeric('total-blocking-time'),
        cls: numeric('cumulative-layout-shift'),
        speedIndex: numeric('speed-index'),
        tti: numeric('interactive'),
      },
      failing,
    };
  } finally {
    await chrome.kill();
  }
}

// ---------------------------------------------------------------- 2. CDP throttled loads
/** In the page before its scripts: notes when the first decoded view is in the DOM, and painted. */
function watchFirstView() {
  const shown = () => document.querySelector('[data-testid="decode-status"][data-status="ok"]');
  // The opening example's signature verified with its key ("Signature: verified").
  const verified = () => document.querySelector('[data-testid="verify-status"][data-status="valid"]');
  const verdictObserver = new MutationObserver(() => {
    if (window.__verified || !verified()) return;
    window.__verified = performance.now();
    verdictObserver.disconnect();
  });
  verdictObserver.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  const observer = new MutationObserver(() => {
    if (window.__firstView || !shown()) return;
    window.__firstView = { dom: performance.now() };
    observer.disconnect();
    // The frame that shows it: the next animation frame, then a task after it.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__firstView.painted = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
}

async function throttledLoad(browser, url) {
  const context = await browser.newContext({
    viewport: { width: PHONE.width, height: PHONE.height },
    deviceScaleFactor: PHONE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
  });
  try {
    await context.addInitScript(watchFirstView);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW_4G.rttMs,
      downloadThroughput: (SLOW_4G.throughputKbps * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdownMultiplier });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstView?.painted != null, null, { timeout: 120_000, polling: 50 });
    const verified = await page.waitForFunction(() => window.__verified, null, { timeout: 120_000, polling: 50 }).then((handle) => handle.jsonValue(), () => null);
    const counted = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const { dom, painted } = window.__firstView;
      // What was fetched before the first view, as sent (compressed) and as decoded.
      const resources = performance.getEntriesByType('resource').filter((r) => r.startTime < dom);
      const navigation = performance.getEntriesByType('navigation')[0];
      const sum = (key) => resources.reduce((total, r) => total + r[key], navigation?.[key] ?? 0);
      return { fcp, firstView: dom, firstViewPainted: painted, transferred: sum('encodedBodySize'), decoded: sum('decodedBodySize'), requests: resources.length + 1 };
    });
    return { ...counted, verified };
  } finally {
    await context.close();
  }
}

async function runThrottled(url) {
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const loads = [];
  try {
    // One load first, not counted: the browser process and its compiled-code caches start warm.
    await throttledLoad(browser, url);
    for (let i = 0; i < RUNS; i++) {
      loads.push(await throttledLoad(browser, url));
      log(`throttled load ${i + 1}/${RUNS}: FCP ${loads.at(-1).fcp?.toFixed(0)} ms, first decoded view ${loads.at(-1).firstView.toFixed(0)} ms, verified ${loads.at(-1).verified?.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }
  return {
    runs: loads.length,
    version: browser.version(),
    network: { latencyMs: SLOW_4G.rttMs, downloadKbps: SLOW_4G.throughputKbps, uploadKbps: 750, cpuSlowdown: SLOW_4G.cpuSlowdownMultiplier },
    loads,
    fcp: median(loads.map((l) => l.fcp)),
    firstView: median(loads.map((l) => l.firstView)),
    firstViewPainted: median(loads.map((l) => l.firstViewPainted)),
    verified: median(loads.map((l) => l.verified)),
    transferred: median(loads.map((l) => l.transferred)),
    decoded: median(loads.map((l) => l.decoded)),
    requests: median(loads.map((l) => l.requests)),
  };
}

// ---------------------------------------------------------------- main
const started = Date.now();
const results = { dist: distDir, loadBefore: os.loadavg(), lighthouse: null, throttled: null, errors: [] };
const precompressed = readdirSync(distDir).filter((name) => /\.(br|gz)$/.test(name) && statSync(path.join(distDir, name)).isFile()).length;
if (!precompressed) results.errors.push(`${distDir} has no .br/.gz files: it was built before scripts/post-build.mjs precompressed, so it is served uncompressed`);
const server = await serve(distDir);
results.server = { url: server.url, indexEncoding: server.encoding, precompressedFiles: precompressed };
log(`serving ${distDir} on ${server.url} (index.html sent as ${server.encoding ?? 'identity'})`);
try {
  try {
    log('running Lighthouse (mobile, simulated slow 4G)');
    results.lighthouse = await runLighthouse(server.url);
  } catch (error) {
    results.errors.push(`Lighthouse: ${error.stack ?? error}`);
  }
  try {
    log(`loading the page ${RUNS + 1} times under DevTools throttling`);
    results.throttled = await runThrottled(server.url);
  } catch (error) {
    results.errors.push(`throttled loads: ${error.stack ?? error}`);
  }
} finally {
  server.stop();
}
results.loadAfter = os.loadavg();
results.seconds = (Date.now() - started) / 1000;
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(results, null, 2));
log(`written to ${outFile} in ${results.seconds.toFixed(0)} s`);
if (!args['no-print']) {
  execFileSync(process.execPath, [path.join(here, 'report.mjs'), '--lighthouse', outFile], { stdio: 'inherit' });
}
