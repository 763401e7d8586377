// Prints the one table of scripts/bench from run.mjs's JSON, lighthouse.mjs's JSON and cargo
// bench's (divan) output. Each input is optional.
//
//   node tests/bench/report.mjs --results target/bench/results.json [--lighthouse target/bench/lighthouse.json] [--native target/bench/native.txt] [--hashcat target/bench/hashcat.json] [--seconds N]
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const results = args.results && existsSync(args.results) ? JSON.parse(readFileSync(args.results, 'utf8')) : {};
const lighthouse = args.lighthouse && existsSync(args.lighthouse) ? JSON.parse(readFileSync(args.lighthouse, 'utf8')) : null;
const nativeText = args.native && existsSync(args.native) ? readFileSync(args.native, 'utf8') : '';
const hashcat = args.hashcat && existsSync(args.hashcat) ? JSON.parse(readFileSync(args.hashcat, 'utf8')) : null;

// ---------------------------------------------------------------- formatting
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value) => {
  if (value == null || Number.isNaN(value)) return 'n/a';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  if (value >= 0.001) return `${(value * 1000).toFixed(value >= 0.1 ? 0 : value >= 0.01 ? 1 : 2)} µs`;
  return `${(value * 1e6).toFixed(0)} ns`;
};
const ratio = (ours, reference) => (ours == null || reference == null || !reference ? '—' : `${(ours / reference).toFixed(2)}×`);
const rows = [];
const row = (measure, ours, reference, r) => rows.push([measure, ours, reference, r]);
const section = (title) => rows.push([title]);

// ---------------------------------------------------------------- 1. sizes
const sizes = results.sizes;
if (sizes) {
  section('size of dist/ (raw / gzip -9 / brotli q11); kB = 1000 bytes');
  for (const f of sizes.files) {
    const when = { startup: '', worker: ' (crypto worker, after the first view)', later: ' (later, when needed)' }[f.group ?? (f.initial ? 'startup' : 'later')];
    row(`  ${f.name}${when}`, `${kb(f.raw)} / ${kb(f.gzip)} / ${kb(f.brotli)}`, '', '');
  }
  const t = sizes.total;
  const i = sizes.initial;
  row('  total, all files', `${kb(t.raw)} / ${kb(t.gzip)} / ${kb(t.brotli)}`, '', '');
  row('  fetched before the first decoded view', `${kb(i.raw)} / ${kb(i.gzip)} / ${kb(i.brotli)}`, `${kb(sizes.budgetGzip)} gzip budget`, ratio(i.gzip, sizes.budgetGzip));
  if (sizes.goalGzip) row('  … against the goal', kb(i.gzip), `${kb(sizes.goalGzip)} gzip goal`, ratio(i.gzip, sizes.goalGzip));
  if (sizes.worker) row('  crypto worker (fetched after the first view)', `${kb(sizes.worker.raw)} / ${kb(sizes.worker.gzip)} / ${kb(sizes.worker.brotli)}`, '', '');
}

// ---------------------------------------------------------------- 2. keystroke
const b = results.browser ?? {};
if (b.keystroke) {
  const { ours, reference } = b.keystroke;
  section(`keystroke → updated view, ~1 KB HS256 token (median of ${ours.runs}, alternating 2 tokens; reference = plain JS page)`);
  row('  until payload shows the new value', ms(ours.dom.median), ms(reference.dom.median), ratio(ours.dom.median, reference.dom.median));
  row('  … 90th percentile', ms(ours.dom.p90), ms(reference.dom.p90), ratio(ours.dom.p90, reference.dom.p90));
  row('  until all work done + style/layout', ms(ours.layout.median), ms(reference.layout.median), ratio(ours.layout.median, reference.layout.median));
  row('  DOM elements in the page', String(ours.nodes), String(reference.nodes), ratio(ours.nodes, reference.nodes));
}

if (b.keystrokeFrame) {
  const { ours, reference } = b.keystrokeFrame;
  section(`real key presses at the end of the token ("x", Backspace) → next frame painted (median of ${ours.runs})`);
  row('  keydown → first frame showing the update (goal ≤ 1.2×)', ms(ours.median), ms(reference.median), ratio(ours.median, reference.median));
  row('  … 90th percentile', ms(ours.p90), ms(reference.p90), ratio(ours.p90, reference.p90));
}

// ---------------------------------------------------------------- 3. 1 MB paste
for (const [kind, label] of [['string', 'a 1 MB string claim'], ['array', 'an array of 20,000 objects']]) {
  const big = b.big?.[kind];
  if (!big) continue;
  const { ours, reference } = big;
  if (!ours || !reference) { section(`1 MB paste (${label}): not measured, see errors`); continue; }
  section(`1 MB paste: ${label}, token ${kb(ours.tokenLength)} (median of ${ours.runs}, fresh page each)`);
  row('  until decode-status ok + payload shown', ms(ours.dom), ms(reference.dom), ratio(ours.dom, reference.dom));
  row('  until all work done + style/layout', ms(ours.layout), ms(reference.layout), ratio(ours.layout, reference.layout));
  row('  longest long task', ms(ours.maxLongTask), ms(reference.maxLongTask), ratio(ours.maxLongTask, reference.maxLongTask));
  row('  long tasks (count)', String(ours.longTaskCount), String(reference.longTaskCount), '');
  row('  DOM elements afterwards', String(ours.nodes), String(reference.nodes), ratio(ours.nodes, reference.nodes));
  if (ours.heap && reference.heap) row('  JS heap used afterwards', kb(ours.heap), kb(reference.heap), ratio(ours.heap, reference.heap));
  if (ours.wasmMemory) row('  wasm linear memory afterwards', kb(ours.wasmMemory), '', '');
}

// ---------------------------------------------------------------- decode core
if (b.decode?.length) {
  section('decode only, no DOM (ours = benchDecode in wasm; reference = atob + JSON.parse + JSON.stringify in JS)');
  for (const d of b.decode) row(`  ${d.label} (ms/op)${d.status === 'ok' ? '' : ` [status ${d.status}]`}`, ms(d.ours), ms(d.reference), ratio(d.ours, d.reference));
}

// ---------------------------------------------------------------- 4. verification
if (b.verify?.length) {
  section('verify, token and key parsed once (ours = timed inside the crypto worker; reference = crypto.subtle.verify in the page, awaited one by one)');
  const targets = { HS256: 1, RS256: 8, PS256: 8, ES256: 6, ES384: 6, ES512: 2.5, EdDSA: 1.5 };
  for (const v of b.verify) {
    const flag = v.status !== 'valid' ? ` [ours: ${v.status}]` : v.webcryptoValid === false ? ' [WebCrypto: invalid]' : '';
    const target = targets[v.alg] ? ` (target ≤ ${targets[v.alg]}×)` : v.referenceName ? ` (reference: ${v.referenceName})` : '';
    row(`  ${v.alg} (ms/op)${flag}${target}`, ms(v.ours), v.error ? 'error' : ms(v.reference), ratio(v.ours, v.reference));
  }
}

if (b.decrypt?.length) {
  section('JWE decrypt, key read once (ours = timed inside the crypto worker; reference = the same JWE decrypted with crypto.subtle in the page); goal ≤ 1.5× for dir + A256GCM');
  for (const v of b.decrypt) row(`  ${v.label} (ms/op)${v.status === 'ok' ? '' : ` [ours: ${v.status}]`}`, ms(v.ours), v.error ? 'error' : ms(v.reference), ratio(v.ours, v.reference));
}

if (b.sign?.length) {
  section('sign, key parsed once (ours = timed inside the crypto worker; reference = crypto.subtle.sign in the page, awaited one by one); goal ≤ 3×');
  for (const v of b.sign) row(`  ${v.alg} (ms/op)`, ms(v.ours), v.reference == null ? (v.alg.startsWith('ML-DSA') ? 'no WebCrypto' : 'error') : ms(v.reference), ratio(v.ours, v.reference));
}
if (b.generate?.length) {
  section('key generation, ms per key (ours = in the crypto worker, with every form; reference = crypto.subtle.generateKey + exportKey); goal ≤ 3× for RSA-2048');
  for (const g of b.generate) row(`  ${g.type} (median of ${g.runs ?? '?'} runs)`, ms(g.ours), ms(g.reference), ratio(g.ours, g.reference));
}

if (b.keyToVerdict?.length) {
  section('key pasted → verdict painted, token already shown (ours = the app, key parsed and checked in the worker; reference = a page doing importKey + verify)');
  for (const k of b.keyToVerdict) {
    if (!k.ours || !k.reference) { row(`  ${k.alg}`, 'n/a', 'n/a', ''); continue; }
    row(`  ${k.alg} JWK (median of ${k.ours.runs})`, ms(k.ours.median), ms(k.reference.median), ratio(k.ours.median, k.reference.median));
    row(`  … 90th percentile`, ms(k.ours.p90), ms(k.reference.p90), ratio(k.ours.p90, k.reference.p90));
  }
}

// ---------------------------------------------------------------- start-up on a slow phone
// (lighthouse.mjs). Reference: Lighthouse's thresholds for "good" (scores ≥ 90; FCP ≤ 1.8 s,
// LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.1).
const lh = lighthouse?.lighthouse;
if (lh) {
  const t = lh.throttling ?? {};
  section(`Lighthouse ${lh.version}, mobile (${lh.screen?.width}×${lh.screen?.height}), simulated slow 4G: RTT ${t.rttMs} ms, ${(t.throughputKbps / 1024).toFixed(1)} Mbps, CPU ${t.cpuSlowdownMultiplier}× (dist/ from sirv, ${lighthouse.server?.indexEncoding ?? 'uncompressed'})`);
  for (const id of ['performance', 'accessibility', 'best-practices', 'seo']) {
    const score = lh.categories?.[id];
    row(`  ${id} score`, score == null ? 'n/a' : String(Math.round(score * 100)), 'good ≥ 90', '');
  }
  const m = lh.metrics ?? {};
  row('  First Contentful Paint', ms(m.fcp), 'good ≤ 1.8 s', ratio(m.fcp, 1800));
  row('  Largest Contentful Paint', ms(m.lcp), 'good ≤ 2.5 s', ratio(m.lcp, 2500));
  row('  Total Blocking Time', ms(m.tbt), 'good ≤ 200 ms', ratio(m.tbt, 200));
  row('  Cumulative Layout Shift', m.cls == null ? 'n/a' : m.cls.toFixed(3), 'good ≤ 0.1', ratio(m.cls, 0.1));
  for (const [id, audits] of Object.entries(lh.failing ?? {})) {
    row(`  failing ${id} audits (listed below the table)`, String(audits.length), '', '');
  }
}
const th = lighthouse?.throttled;
if (th) {
  const n = th.network;
  section(`Chromium, network emulated per request (${n.latencyMs} ms latency, ${(n.downloadKbps / 1024).toFixed(1)} Mbps down), CPU ${n.cpuSlowdown}×, phone screen, cold cache (median of ${th.runs} loads; times from navigation start)`);
  row('  shell painted (first contentful paint)', ms(th.fcp), '', '');
  row('  first decoded view (default example: decode-status ok in the DOM)', ms(th.firstView), '', '');
  row('  … and the frame that shows it', ms(th.firstViewPainted), '', '');
  row('  verified verdict (default example: verify-status valid in the DOM; goal ≤ 2.0 s)', ms(th.verified), '', '');
  row(`  bytes fetched before the first view (${th.requests} requests; reference = decoded)`, kb(th.transferred), kb(th.decoded), ratio(th.transferred, th.decoded));
}

// ---------------------------------------------------------------- 5. native (divan medians)
/** divan's tree → [{path: 'verify/HS256', median: ms}] */
function parseDivan(text) {
  const units = { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1000 };
  const stack = [];
  const out = [];
  for (const line of text.split('\n')) {
    const match = line.match(/^([│├╰─ ]*)([A-Za-z0-9_]\S*)\s+(.*)$/);
    if (!match || !line.includes('│')) continue;
    const depth = Math.round([...match[1]].length / 3);
    stack.length = depth;
    stack[depth] = match[2];
    const columns = match[3].split('│'); // fastest │ slowest │ median │ mean │ samples │ iters
    const median = columns[2]?.trim().match(/^([\d.]+)\s*(ns|µs|us|ms|s)$/);
    if (median) out.push({ path: stack.slice(1).join('/'), median: Number(median[1]) * units[median[2]] });
  }
  return out;
}
const native = parseDivan(nativeText);

// ---------------------------------------------------------------- 6. HMAC secret cracking
const perSecond = (rate) => (rate == null || Number.isNaN(rate) ? 'n/a' : rate >= 1e6 ? `${(rate / 1e6).toFixed(3)} M/s` : `${(rate / 1e3).toFixed(1)} k/s`);
// divan's crack benches try 1000 candidates per iteration (benches/core.rs, mod crack).
const nativeRate = (name) => {
  const n = native.find((entry) => entry.path === name);
  return n ? 1000 / (n.median / 1000) : null;
};
const nativeLoop = nativeRate('crack/plain_hmac_loop_hs256_636b');
const nativeCracker = nativeRate('crack/cracker_hs256_636b/library');
if (b.crack || nativeLoop || hashcat) {
  const c = b.crack && !b.crack.error ? b.crack : null;
  section(`crack rate: HS256, header.payload of 636 bytes, candidates/s (page: mask ${c?.mask ?? '?'} on ${c?.workers ?? '?'} crack workers, ${c ? `${c.seconds.toFixed(1)} s after a 2 s warm-up` : 'not measured'}; reference = native one-thread hmac + sha2 loop, cargo bench)`);
  row('  page, all workers (goal ≥ 1.0× the native one-thread loop)', perSecond(c?.total), perSecond(nativeLoop), ratio(c?.total, nativeLoop));
  row('  page, per worker', perSecond(c?.perWorker), perSecond(nativeLoop), ratio(c?.perWorker, nativeLoop));
  row('  page, data-rate over the whole run (start-up included)', perSecond(c?.overRun), '', '');
  row('  native, the cracker (Backend::Library, one thread)', perSecond(nativeCracker), perSecond(nativeLoop), ratio(nativeCracker, nativeLoop));
  if (hashcat?.rate) row(`  hashcat -m 16500 -a 3 -O, CPU (${hashcat.devices?.join(', ') || 'PoCL'}; ${hashcat.version}) (reference = page, all workers)`, perSecond(hashcat.rate), perSecond(c?.total), ratio(hashcat.rate, c?.total));
  else row(`  hashcat: ${hashcat?.note ?? 'not measured'}`, '', '', '');
}
if (native.length) {
  const wasm = Object.fromEntries([
    ...(b.verify ?? []).map((v) => [`verify/${v.alg}`, v.ours]),
    ...(b.decode ?? []).map((d) => [{ 'typical 1 KB': 'decode_token/typical_1kb', '1 MB string': 'decode_token/big_1mb/string', '1 MB array': 'decode_token/big_1mb/array' }[d.label], d.ours]),
  ]);
  section('native core, cargo bench median (ours = native; reference = the same in wasm in Chromium, where measured)');
  for (const n of native) row(`  ${n.path}`, ms(n.median), wasm[n.path] != null ? ms(wasm[n.path]) : '', wasm[n.path] != null ? ratio(n.median, wasm[n.path]) : '');
}

// ---------------------------------------------------------------- print
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.filter((r) => r.length > 1).map((r) => String(r[c]).length), ['measure', 'ours', 'reference', 'ratio'][c].length));
const line = (cells) => cells.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ').trimEnd();
console.log(line(['measure', 'ours', 'reference', 'ratio']));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(r.length === 1 ? r[0] : line(r));

const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? os.cpus()[0]?.model ?? 'unknown';
let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch {}
let chromium = '';
try {
  chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {}
let rustc = '';
try { rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim(); } catch {}
console.log();
console.log(`machine: nproc ${nproc}; CPU ${cpu}; ${chromium || 'Chromium'} (headless, Playwright reports ${b.version ?? lighthouse?.throttled?.version ?? '?'}); node ${process.version}; ${rustc}`);
const load = (l) => (l ? l.map((x) => x.toFixed(2)).join(' ') : '?');
const before = results.loadBefore ?? lighthouse?.loadBefore;
const after = lighthouse?.loadAfter ?? results.loadAfter;
console.log(`load average (1/5/15 min) before the browser part: ${load(before)}; after: ${load(after)}${before?.[0] > Number(nproc) / 2 ? '  ← the machine was busy: absolute times are inflated, ratios less so' : ''}`);
console.log('ratio = ours / reference (below 1× is better for us; sizes: gzip total / budget; crack rates: above 1× is better)');
if (lh) {
  const failing = Object.entries(lh.failing ?? {}).flatMap(([category, audits]) => audits.map((a) => ({ category, ...a })));
  if (failing.length) {
    console.log('\nLighthouse audits that fail:');
    for (const a of failing) console.log(`  - ${a.category}: ${a.id}: ${a.title}${a.items?.length ? ` (${a.items.join('; ')})` : ''}`);
  }
  if (lh.runWarnings?.length) console.log(`\nLighthouse warnings:\n${lh.runWarnings.map((w) => `  - ${w}`).join('\n')}`);
}
const errors = [...(results.errors ?? []), ...(lighthouse?.errors ?? [])];
if (errors.length) {
  console.log('\nproblems while measuring:');
  for (const e of errors) console.log(`  - ${e}`);
}
if (nativeText.trim()) {
  console.log('\nnative benches (cargo bench --bench core, divan):\n');
  console.log(nativeText.trimEnd());
}
const total = args.seconds ? ` total run ${args.seconds} s (browser part ${results.seconds?.toFixed(0) ?? '?'} s, Lighthouse part ${lighthouse?.seconds?.toFixed(0) ?? '?'} s)` : lighthouse && !args.results ? ` Lighthouse part ${lighthouse.seconds?.toFixed(0)} s` : '';
console.log(`\nbench:${total}`);
