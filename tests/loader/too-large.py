#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""too-large.py CAPDLC SPEC: `capdlc build` refuses a spec too large for
its platform with the diagnostic docs/platform.md describes.

SPEC declares `f[N] = frame (2M)` on its third line, for the built-in
platform (QEMU virt, 1 GiB at 0x40000000, the first 8 MiB reserved). The
expected diagnostic follows from the fit rules of docs/platform.md:
the table takes the lowest free RAM, rounded up to 4 KiB (its size is
measured by writing it with -Wno-error=platform-fit); the rest is split
into naturally aligned blocks; each 2 MiB frame takes one whole 2 MiB
block, in name order; the first frame that finds none is reported with
the bytes that it and the frames after it need beyond what is left."""
import os
import re
import subprocess
import sys
import tempfile

MIB = 1 << 20


def size(n):
    return "%d MiB" % (n // MIB) if n % MIB == 0 else "%d bytes (%.1f MiB)" % (n, n / MIB)


def main():
    capdlc, spec = sys.argv[1], sys.argv[2]
    n = int(re.search(r"f\[(\d+)\] = frame \(2M\)", open(spec).read()).group(1))
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "t.tbl")
        # the table's size: the same spec, the fit error made a warning
        r = subprocess.run([capdlc, "build", "-Wno-error=platform-fit", spec, "-o", out],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print(r.stderr)
            sys.exit("too-large: capdlc build -Wno-error=platform-fit failed")
        table = (os.path.getsize(out) + 4095) & ~4095
        os.unlink(out)
        start, end = 0x40000000 + 8 * MIB + table, 0x80000000
        fit = (end - ((start + 2 * MIB - 1) & ~(2 * MIB - 1))) // (2 * MIB)
        left = end - start - fit * 2 * MIB
        need = (n - fit) * 2 * MIB
        want = [
            "%s:3:3: error: object 'f[%d]' (2 MiB) does not fit in the platform's memory: "
            "%d bytes short [-Wplatform-fit]" % (spec, fit, need - left),
            "%s:3:3: note: it and the %d objects created after it need %s; %d bytes (%.1f MiB) "
            "of platform 'qemu-arm-virt' is still free" % (spec, n - fit - 1, size(need), left,
                                                           left / MIB),
        ]
        r = subprocess.run([capdlc, "build", spec, "-o", out], capture_output=True, text=True)
        got = r.stderr.splitlines()
        print("\n".join(got))
        problems = []
        if r.returncode != 2:
            problems.append("exit status %d (want 2)" % r.returncode)
        if got != want:
            problems.append("diagnostics differ; want:\n" + "\n".join(want))
        if os.path.exists(out):
            problems.append("a table was written")
    for p in problems:
        print("too-large: " + p)
    print("too-large: %s" % ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
