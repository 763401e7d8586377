#!/usr/bin/env bash
# Creates tests/python/.venv with the pinned packages of requirements.txt (idempotent), for the
# cross-implementation checks of crafted attack tokens and cracked secrets (tests/attacks_cross.rs).
set -euo pipefail
cd "$(dirname "$0")"
if [ -x .venv/bin/python ] && .venv/bin/python -c 'import jwt, jwcrypto, joserfc, cryptography' 2>/dev/null \
   && .venv/bin/pip freeze 2>/dev/null | grep -x 'PyJWT==2.10.1' >/dev/null; then
  exit 0
fi
python3 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
