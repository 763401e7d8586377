// The cracking benchmark's token and the hashcat reference (scripts/bench, rows "crack rate").
//
//   node tests/bench/crack.mjs token            prints the token (HS256, header.payload of 636 bytes)
//   node tests/bench/crack.mjs hashcat OUT.json  runs hashcat -m 16500 on it (a mask attack on the CPU,
//                                               PoCL, about 30 s) and writes its speed; a note when
//                                               hashcat is not installed
//
// The token has the size of benches/core.rs's `crack` benches (a realistic 636-byte header.payload,
// issue 23's reference); its secret is in no mask the bench runs, so every candidate is tried.
import { createHmac } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const b64url = (data) => Buffer.from(data).toString('base64url');
export const CRACK_INPUT_BYTES = 636;
/** The mask the page and hashcat run: 95^7 ≈ 7e13 candidates, never exhausted in a bench. */
export const CRACK_MASK = '?a?a?a?a?a?a?a';
const SECRET = 'not in any bench mask: longer than seven characters';

export function crackToken() {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const want = CRACK_INPUT_BYTES - header.length - 1;
  const claims = {
    iss: 'https://auth.example.com/', sub: '248289761001', aud: 'api://default', name: 'Jane Doe',
    email: 'jane.doe@example.com', scope: 'openid profile email offline_access', iat: 1800000000, exp: 1800003600, pad: '',
  };
  let payload = '';
  while ((payload = b64url(JSON.stringify(claims))).length < want) claims.pad += 'x';
  if (payload.length !== want) throw new Error(`crack token: payload of ${payload.length} characters, wanted ${want}`);
  const input = `${header}.${payload}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

/** hashcat's speed on the token, or why there is none. */
export function hashcatSpeed({ seconds = 30 } = {}) {
  let version;
  try {
    version = execFileSync('hashcat', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return { note: 'hashcat is not installed (Debian: apt-get install hashcat pocl-opencl-icd)' };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crack-bench-'));
  try {
    writeFileSync(path.join(dir, 'jwt.hash'), `${crackToken()}\n`);
    // -O: optimized kernels (as issue 23's reference); -D 1: the CPU (PoCL); no potfile, no session files.
    const args = ['-m', '16500', '-a', '3', '-O', '-D', '1', '--potfile-disable', '--restore-disable', '--logfile-disable',
      '--runtime', String(seconds), '--status', '--status-timer', '5', '--status-json', '--quiet', 'jwt.hash', CRACK_MASK];
    const run = spawnSync('hashcat', args, { cwd: dir, encoding: 'utf8', timeout: (seconds + 90) * 1000 });
    const statuses = (run.stdout ?? '').split('\n').filter((line) => line.startsWith('{')).map((line) => { try { return JSON.parse(line); } catch { return null; } }).filter(Boolean);
    // Speeds from the status lines after the first (the first includes the kernels' warm-up).
    const speeds = statuses.map((s) => (s.devices ?? []).reduce((sum, d) => sum + (d.speed ?? 0), 0)).filter((v) => v > 0);
    if (!speeds.length) return { version, note: `hashcat gave no speed (exit ${run.status}): ${(run.stderr || run.stdout || '').trim().split('\n').slice(-3).join(' / ')}` };
    const steady = speeds.length > 1 ? speeds.slice(1) : speeds;
    const devices = [...new Set(statuses.flatMap((s) => (s.devices ?? []).map((d) => d.device_name ?? d.device_type ?? `#${d.device_id}`)))];
    return { version, rate: steady.reduce((a, b) => a + b, 0) / steady.length, samples: steady.length, devices, args: args.join(' ') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [what, out] = process.argv.slice(2);
  if (what === 'token') console.log(crackToken());
  else if (what === 'hashcat') {
    const result = hashcatSpeed();
    if (out) writeFileSync(out, JSON.stringify(result, null, 2));
    console.error(`bench: hashcat: ${result.rate ? `${(result.rate / 1e6).toFixed(3)} M/s` : result.note}`);
  } else {
    console.error('usage: node tests/bench/crack.mjs token | hashcat OUT.json');
    process.exit(2);
  }
}
