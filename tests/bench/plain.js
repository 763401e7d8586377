// Reference decoder for scripts/bench: on input, base64url → atob → UTF-8 → JSON.parse →
// JSON.stringify(…, null, 2) into textContent, for the header and the payload. No highlighting,
// no claims table, no verification: a floor to compare the app against.
'use strict';
(() => {
  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  const input = $('token-input');
  const status = $('decode-status');
  const header = $('header-json');
  const payload = $('payload-json');
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  function segment(text) {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return JSON.parse(utf8.decode(bytes));
  }

  input.addEventListener('input', () => {
    const parts = input.value.trim().split('.');
    try {
      if (parts.length !== 3) throw new Error(`expected 3 segments, found ${parts.length}`);
      header.textContent = JSON.stringify(segment(parts[0]), null, 2);
      payload.textContent = JSON.stringify(segment(parts[1]), null, 2);
      status.dataset.status = 'ok';
      status.textContent = 'decoded';
    } catch (error) {
      status.dataset.status = 'error';
      status.textContent = String(error.message);
    }
  });
})();
