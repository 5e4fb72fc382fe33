#!/usr/bin/env python3
"""Per-function code sizes of a contract's Wasm: where the bytes go.

Usage: wasm-sizes.py <unoptimised.wasm> [top-N]
Optimises a copy with the same wasm-opt level cargo-contract uses (-Oz) but keeping the name
section (-g), then lists the largest function bodies with their (demangled) names and the
share of the code section. The optimised size differs from the bundle's by the name section
only.
"""
import re
import subprocess
import sys
import tempfile


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j:j + size]
        i = j + size


def demangle(name):
    try:
        out = subprocess.run(["c++filt"], input=name, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = name
    return re.sub(r"::h[0-9a-f]{16}$", "", out)


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    with tempfile.NamedTemporaryFile(suffix=".wasm") as tmp:
        subprocess.run(["wasm-opt", "-Oz", "-g", "--mvp-features", path, "-o", tmp.name], check=True)
        buf = open(tmp.name, "rb").read()
    imported = 0
    bodies, names = [], {}
    for sid, data in sections(buf):
        if sid == 2:  # imports: function imports take the first indices
            count, i = leb(data, 0)
            for _ in range(count):
                for _ in range(2):
                    n, i = leb(data, i)
                    i += n
                kind = data[i]
                i += 1
                if kind == 0:
                    _, i = leb(data, i)
                    imported += 1
                elif kind == 1:
                    i += 1
                    flags, i = leb(data, i)
                    _, i = leb(data, i)
                    if flags & 1:
                        _, i = leb(data, i)
                elif kind == 2:
                    flags, i = leb(data, i)
                    _, i = leb(data, i)
                    if flags & 1:
                        _, i = leb(data, i)
                else:
                    i += 2
        elif sid == 10:
            count, i = leb(data, 0)
            for _ in range(count):
                size, i = leb(data, i)
                bodies.append(size)
                i += size
        elif sid == 0:
            n, i = leb(data, 0)
            if data[i:i + n] != b"name":
                continue
            i += n
            while i < len(data):
                sub = data[i]
                size, i = leb(data, i + 1)
                end = i + size
                if sub == 1:
                    count, i = leb(data, i)
                    for _ in range(count):
                        idx, i = leb(data, i)
                        ln, i = leb(data, i)
                        names[idx] = data[i:i + ln].decode("utf-8", "replace")
                        i += ln
                i = end
    total = sum(bodies)
    print(f"code section: {total} bytes in {len(bodies)} functions")
    ranked = sorted(enumerate(bodies), key=lambda x: -x[1])[:top]
    for index, size in ranked:
        name = demangle(names.get(index + imported, f"func[{index + imported}]"))
        print(f"{size:7d}  {100 * size / total:5.1f}%  {name[:150]}")


if __name__ == "__main__":
    main()
