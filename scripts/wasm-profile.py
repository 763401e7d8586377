#!/usr/bin/env python3
"""Which crates and functions take the bytes of a wasm file: code size per function (from the
code section) named by the name section, grouped by crate (the first path component of the
demangled Rust symbol). Usage: scripts/wasm-profile.py FILE.wasm [TOP]

Build the wasm with names for it (wasm-opt and wasm-bindgen drop them in dist/), e.g. the page:
  cargo build --release --target wasm32-unknown-unknown --no-default-features --features page --bin jwt-lens
  scripts/wasm-profile.py target/wasm32-unknown-unknown/release/jwt-lens.wasm
Sizes are before wasm-opt: their ranking, not their sum, is what it tells."""
import re
import sys
from collections import Counter


def leb(data, at):
    result = shift = 0
    while True:
        byte = data[at]
        at += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, at


def demangle(name):
    """Legacy Rust mangling (_ZN<len><part>...E) to a path; other names as they are."""
    if not name.startswith("_ZN"):
        return name
    parts, at = [], 3
    while at < len(name) and name[at].isdigit():
        match = re.match(r"\d+", name[at:])
        length = int(match.group())
        at += len(match.group())
        parts.append(name[at:at + length])
        at += length
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    path = "::".join(parts)
    for code, text in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$C$", ","), ("$u7b$", "{"), ("$u7d$", "}"), ("..", "::"), ("$u27$", "'"), ("$BP$", "*"), ("$u5b$", "["), ("$u5d$", "]")):
        path = path.replace(code, text)
    return path


def crate_of(path):
    if path.startswith("_R"):  # v0 mangling: the first crate root, `Cs<disambiguator>_<len><name>`
        match = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", path)
        if match:
            start = match.end()
            return path[start:start + int(match.group(1))]
        return "?"
    path = path.lstrip("_<&*").replace("impl ", "").replace("dyn ", "")
    if path.startswith("_ZN"):
        return "?"
    head = re.split(r"::| |<|>|\[|\(", path)[0]
    return head or "?"


def main():
    data = open(sys.argv[1], "rb").read()
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    at, imports, bodies, names = 8, 0, [], {}
    while at < len(data):
        section, at = data[at], at + 1
        size, at = leb(data, at)
        end = at + size
        if section == 2:  # imports: functions among them shift the indices of the code section
            count, p = leb(data, at)
            for _ in range(count):
                for _ in range(2):
                    length, p = leb(data, p)
                    p += length
                kind, p = data[p], p + 1
                if kind == 0:
                    imports += 1
                    _, p = leb(data, p)
                elif kind == 1:
                    p += 1
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 3:
                    p += 2
        elif section == 10:
            count, p = leb(data, at)
            for _ in range(count):
                length, p = leb(data, p)
                bodies.append(length)
                p += length
        elif section == 0:
            length, p = leb(data, at)
            if data[p:p + length] == b"name":
                p += length
                while p < end:
                    kind, p = data[p], p + 1
                    sub, p = leb(data, p)
                    if kind == 1:
                        count, q = leb(data, p)
                        for _ in range(count):
                            index, q = leb(data, q)
                            length, q = leb(data, q)
                            names[index] = data[q:q + length].decode("utf-8", "replace")
                            q += length
                    p += sub
        at = end
    total = sum(bodies)
    functions = [(size, demangle(names.get(imports + i, f"func{imports + i}"))) for i, size in enumerate(bodies)]
    crates = Counter()
    for size, name in functions:
        crates[crate_of(name)] += size
    print(f"{sys.argv[1]}: {len(data)} bytes, code {total} bytes in {len(bodies)} functions ({len(names)} named)")
    print(f"\nlargest crates (code bytes, share of code):")
    for crate, size in crates.most_common(top):
        print(f"  {size:8d}  {100 * size / total:5.1f}%  {crate}")
    print(f"\nlargest functions:")
    for size, name in sorted(functions, reverse=True)[:top]:
        print(f"  {size:8d}  {name[:150]}")


if __name__ == "__main__":
    main()
