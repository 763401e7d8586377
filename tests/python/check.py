#!/usr/bin/env python3
"""Checks, with libraries other than JWT Lens's, what tests/attacks_cross.rs sends on stdin (JSON).

{"mode": "attacks", "tokens": [...CraftedToken...], "public_key_pem": "...", "jwks": "..."}
    verifies every crafted token: HMAC variants with Python's hmac (and PyJWT where it accepts the
    key), key confusion against PEM forms made here with `cryptography`, embedded JWK and jku with
    jwcrypto, and the exact shape of none, null-signature and psychic tokens. Prints "ok N".
{"mode": "sign", "cases": [{"alg": "HS256", "input": "h.p", "secret_hex": "..."}]}
    prints the MACs (base64url) computed with Python's hmac: the Rust test cracks them.
{"mode": "compact", "tokens": ["h.p.s", "h.p.s."], "secret": "..."}
    verifies each HS256 token with PyJWT, jwcrypto and joserfc; prints, per token, each library's
    "ok" or its error (tests/compact_libraries.rs: a trailing '.' is refused by all three).
"""
import base64, hashlib, hmac, json, sys

import jwt
from cryptography.hazmat.primitives import serialization
from jwcrypto import jwk as jwcrypto_jwk, jws as jwcrypto_jws

HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def split(token):
    header, payload, signature = token.split(".")
    return json.loads(b64d(header)), f"{header}.{payload}".encode(), b64d(signature)


def mac_ok(token, key):
    header, message, signature = split(token)
    expected = hmac.new(key, message, HASHES[header["alg"]]).digest()
    return hmac.compare_digest(expected, signature)


def check_attacks(request):
    failures = []
    pem = serialization.load_pem_public_key(request["public_key_pem"].encode())
    spki = pem.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    forms = {"PEM": spki, "PEM without final newline": spki.rstrip(b"\n")}
    try:
        forms["PKCS#1 PEM"] = pem.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
    except ValueError:
        pass
    forms["PEM as pasted"] = request["public_key_pem"].encode()
    jwks = jwcrypto_jwk.JWKSet.from_json(request["jwks"]) if request.get("jwks") else None
    seen = set()
    for crafted in request["tokens"]:
        attack, variant, token = crafted["attack"], crafted["variant"], crafted["token"]
        seen.add(attack)
        header, message, signature = split(token)
        ok = False
        if attack == "none":
            ok = header["alg"] == variant and signature == b"" and token.endswith(".")
        elif attack == "null-signature":
            ok = header["alg"] == variant and signature == b""
        elif attack in ("empty-key", "kid-traversal"):
            ok = mac_ok(token, b"")
            if attack == "kid-traversal":
                ok = ok and header["kid"] == "../../../../../../dev/null"
        elif attack == "kid-sql":
            ok = header["kid"] == "' UNION SELECT 'key' --"
            # PyJWT verifies it too (a short key only warns).
            ok = ok and jwt.decode(token, "key", algorithms=["HS256"], options={"verify_exp": False}) is not None
        elif attack == "key-confusion":
            form = variant.split(", ", 1)[1]
            ok = form in forms and mac_ok(token, forms[form])
        elif attack == "embedded-jwk":
            key = jwcrypto_jwk.JWK(**header["jwk"])
            verifier = jwcrypto_jws.JWS()
            verifier.deserialize(token)
            verifier.verify(key)
            ok = "d" not in header["jwk"] and key.thumbprint() == header["kid"]
        elif attack == "jku":
            verifier = jwcrypto_jws.JWS()
            verifier.deserialize(token)
            verifier.verify(jwks.get_key(header["kid"]))
            ok = header["jku"] == request["url"] and "jwk" not in header
        elif attack == "psychic":
            size = {"ES256": 32, "ES384": 48, "ES512": 66}[header["alg"]]
            expect = b"\x30\x06\x02\x01\x00\x02\x01\x00" if variant.endswith("DER") else bytes(2 * size)
            ok = signature == expect and variant.startswith(header["alg"])
        else:
            failures.append(f"unknown attack {attack}")
            continue
        if json.loads(b64d(token.split(".")[1])) != request["payload"]:
            ok = False
        if not ok:
            failures.append(f"{attack} / {variant}: {token}")
    missing = set(request["expect_attacks"]) - seen
    if missing:
        failures.append(f"missing attacks: {sorted(missing)}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok {len(request['tokens'])}")


def compact(request):
    from jwcrypto import jwt as jwcrypto_jwt
    from joserfc import jwt as joserfc_jwt
    from joserfc.jwk import OctKey

    secret = request["secret"].encode()
    checks = {
        "pyjwt": lambda token: jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False}),
        "jwcrypto": lambda token: jwcrypto_jwt.JWT(jwt=token, key=jwcrypto_jwk.JWK(kty="oct", k=b64e(secret)), check_claims=False),
        "joserfc": lambda token: joserfc_jwt.decode(token, OctKey.import_key(secret), algorithms=["HS256"]),
    }
    out = []
    for token in request["tokens"]:
        verdicts = {}
        for name, check in checks.items():
            try:
                check(token)
                verdicts[name] = "ok"
            except Exception as error:  # every library's own error is the answer
                verdicts[name] = f"{type(error).__name__}: {error}"
        out.append(verdicts)
    print(json.dumps(out))


def sign(request):
    out = []
    for case in request["cases"]:
        mac = hmac.new(bytes.fromhex(case["secret_hex"]), case["input"].encode(), HASHES[case["alg"]]).digest()
        out.append(b64e(mac))
    print(json.dumps(out))


if __name__ == "__main__":
    request = json.load(sys.stdin)
    {"attacks": check_attacks, "sign": sign, "compact": compact}[request["mode"]](request)
