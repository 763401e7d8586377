#!/usr/bin/env python3
"""Regenerates src/jose/examples.json: the one-click example tokens of the page.

Each example is signed by PyJWT with a fresh key; the page shows the token with the key that
verifies it (the public key for RS256/ES256). Run: pip install pyjwt cryptography; python3 scripts/make_examples.py
"""
import json, pathlib, time
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

iat = int(time.time())
claims = {
    "iss": "https://auth.example.com/",
    "sub": "user-4242",
    "aud": "api://orders",
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "scope": "orders:read orders:write",
    "iat": iat,
    "nbf": iat,
    "exp": 4102444800,  # 2100-01-01: the example stays "valid" (and shows the long-lifetime finding)
    "jti": "8f14e45f-ceea-467f-a8e8-6c4b1c0e2a71",
}

def pem_public(key):
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()

examples = []
# Random, so the first thing a newcomer sees is not a leaked-secret warning.
secret = "jwt-lens-demo-7Q2vXk9RtLm4PwZ8sNc3HyB6"
examples.append({"label": "HS256", "token": jwt.encode(claims, secret, "HS256", headers={"typ": "JWT"}),
                 "key": secret, "note": "shared secret (UTF-8 text)"})
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
examples.append({"label": "RS256", "token": jwt.encode(claims, rsa_key, "RS256", headers={"typ": "JWT", "kid": "rsa-2025"}),
                 "key": pem_public(rsa_key), "note": "RSA 2048 public key (PEM)"})
ec_key = ec.generate_private_key(ec.SECP256R1())
examples.append({"label": "ES256", "token": jwt.encode(claims, ec_key, "ES256", headers={"typ": "JWT", "kid": "ec-2025"}),
                 "key": pem_public(ec_key), "note": "EC P-256 public key (PEM)"})
out = pathlib.Path(__file__).resolve().parent.parent / "src/jose/examples.json"
out.write_text(json.dumps(examples, indent=1) + "\n")
print(f"wrote {out}")
