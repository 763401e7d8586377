// Reference page for "key pasted → verdict painted": JWK → crypto.subtle.importKey → verify.
const q = (id) => document.querySelector(`[data-testid="${id}"]`);
const ALGS = {
  RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
};
const unb64 = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4)), (c) => c.charCodeAt(0));
let latest = 0;

async function check() {
  const run = ++latest;
  const status = q('verify-status');
  const keyText = q('key-input').value.trim();
  if (!keyText) { status.dataset.status = 'none'; status.textContent = 'No key'; return; }
  try {
    const [h, p, s] = q('token-input').value.trim().split('.');
    const alg = JSON.parse(new TextDecoder().decode(unb64(h))).alg;
    const jwk = JSON.parse(keyText);
    const spec = ALGS[alg];
    const key = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, n: jwk.n, e: jwk.e, ext: true }, spec[0], false, ['verify']);
    const valid = await crypto.subtle.verify(spec[1], key, unb64(s), new TextEncoder().encode(`${h}.${p}`));
    if (run !== latest) return;
    status.dataset.status = valid ? 'valid' : 'invalid';
    status.textContent = valid ? 'Signature verified' : 'Invalid signature';
  } catch (error) {
    if (run !== latest) return;
    status.dataset.status = 'error';
    status.textContent = String(error);
  }
}
q('key-input').addEventListener('input', check);
q('token-input').addEventListener('input', check);
