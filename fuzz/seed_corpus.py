#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the tokens and keys in tests/fixtures/*.json.

The input formats are those of fuzz/src/harness.rs:
  decode_token  the token text
  parse_key     selector byte (0-2: text in secret encoding utf8/base64/hex; 3-9: PEM label
                PUBLIC KEY, CERTIFICATE, PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY,
                RSA PUBLIC KEY, ENCRYPTED PRIVATE KEY around the DER bytes that follow;
                10-11: JWK built from bytes) + rest
  verify        selector byte < 0x80 (secret encoding = byte % 3) + token + NUL + key text,
                or selector >= 0x80 (a token signed by the harness) + bytes
  claims_time   JSON text
  worker_request  the JSON text of a worker request, or selector byte (secret encoding = byte % 3)
                + token + NUL + key text
Files are named by the SHA-1 of their content, so re-running adds nothing twice.
"""
import base64
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")
LABELS = ["PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY",
          "RSA PUBLIC KEY", "ENCRYPTED PRIVATE KEY"]
ENCODING = {"utf8": 0, "base64": 1, "hex": 2, None: 0}

counts = {}


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def cases():
    names = sorted(os.listdir(FIXTURES)) + ["mldsa/mldsa_noble.json"]
    for name in names:
        if name.endswith(".json"):
            with open(os.path.join(FIXTURES, name)) as f:
                data = json.load(f)
            if isinstance(data, list):
                yield from (case for case in data if isinstance(case, dict) and "token" in case)


def main():
    for case in cases():
        token, key = case["token"], case.get("key") or ""
        encoding = ENCODING.get(case.get("secret_encoding"), 0)
        write("decode_token", token)
        write("decode_token", f"Authorization: Bearer {token}\n")
        write("verify", bytes([encoding]) + token.encode() + b"\0" + key.encode())
        write("parse_key", bytes([encoding]) + key.encode())
        write("worker_request", bytes([encoding]) + token.encode() + b"\0" + key.encode())
        write("worker_request", json.dumps({"Check": {"generation": 1, "token": token, "key": key,
                                                      "encoding": ["Utf8", "Base64", "Hex"][encoding]}}))
        for label, body in re.findall(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", key, re.S):
            if label in LABELS:
                der = base64.b64decode("".join(body.split()))
                write("parse_key", bytes([3 + LABELS.index(label)]) + der)
        segments = token.split(".")
        if len(segments) == 3:
            try:
                payload = b64url_decode(segments[1])
                json.loads(payload)
                write("claims_time", payload)
                write("claims_time", b64url_decode(segments[0]))
            except ValueError:
                pass

    # Hand-made seeds for shapes the fixtures lack.
    for text in ["eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "e30.e30.e30.e30.e30", "'a.b.c'", "..", ".",
                 "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ==.ab+/"]:
        write("decode_token", text)
    for text in ['{"exp":1700000000,"nbf":1600000000,"iat":1600000000}', '{"exp":1e400}',
                 '{"exp":"1700000000","iat":-5,"nbf":1.5}', '{"exp":17000000000000,"auth_time":null}',
                 '{"password":"x","card":"4111 1111 1111 1111","id":"123-45-6789","a":{"b":[{"ssn":1}]}}',
                 '12345678901234567890123456789', '{"exp":1,"exp":2}', '{"iss":"a\\u202eb"}']:
        write("claims_time", text)
    for family in range(4):
        for form in range(3):
            # selector, form, payload chunk (u16 length), then key bytes.
            body = bytes([form]) + b"\x00\x0b" + b'{"sub":"1"}' + b"\x00\x20" + bytes(range(1, 33)) * 2
            write("verify", bytes([0x80 + family]) + body)
    # JWK shapes: selector 10 (single JWK), 0x8a (JWKS).
    for kty in range(5):
        write("parse_key", bytes([10, kty, 0]) + b"\x00\x20" + bytes(range(32)) * 3)
        write("parse_key", bytes([0x8a, 2, kty, 0]) + b"\x00\x20" + bytes(range(32)) * 3)

    # rules: every case of the expected-rules matrix, its token raw (mode 0) and its header and
    # payload as JSON (mode 1), with its fields as typed and a 401 transcript as server text.
    def chunk(data):
        data = data.encode() if isinstance(data, str) else data
        return len(data[:65535]).to_bytes(2, "big") + data[:65535]
    matrix = os.path.join(ROOT, "tests", "fixtures", "rules", "matrix.json")
    server = (b"< HTTP/1.1 401\n< date: Tue, 01 Dec 2026 10:42:00 GMT\n< WWW-Authenticate: Bearer "
              b"error=\"invalid_token\", error_description=\"The audience 'api://x' is invalid\"\n")
    if os.path.isfile(matrix):
        for case in json.load(open(matrix))["cases"]:
            r = case["rules"]
            fields = [r["issuer"] or "", ",".join(r["audiences"]), ",".join(r["algs"]), r["typ"] or "",
                      ",".join(r["required"]), "" if r["max_age"] is None else str(r["max_age"]),
                      "" if r["leeway"] is None else str(r["leeway"])]
            tail = b"".join(chunk(f) for f in fields) + bytes([2, 1, 1]) + server
            header, payload = case["token"].split(".")[:2]
            write("rules", b"\x00" + chunk(case["token"]) + tail)
            write("rules", b"\x01" + chunk(b64url_decode(header)) + chunk(b64url_decode(payload)) + tail)

    write("worker_request", json.dumps({"Bench": {"id": 1, "token": "a.b.c", "key": "k", "encoding": "Hex", "iterations": 2}}))
    for target in ["decode_token", "parse_key", "verify", "claims_time", "worker_request", "rules"]:
        folder = os.path.join(CORPUS, target)
        total = len(os.listdir(folder)) if os.path.isdir(folder) else 0
        print(f"{target}: {counts.get(target, 0)} new seeds, {total} files", file=sys.stderr)


if __name__ == "__main__":
    main()
