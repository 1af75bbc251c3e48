#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Round-trip a file of the shared CapDL corpus through `capdlc print`.

usage: corpus-test.py CAPDLC CORPUS_DIR NAME MODE
  MODE cdl    : capdlc print NAME.cdl   must equal NAME.right byte for byte
  MODE right  : capdlc print NAME.right must equal NAME.right (idempotence)
  MODE reject : capdlc check NAME.cdl must fail with a positioned error
Exits 77 (skip) if the corpus is not there, so a clone without ../shared passes.

capDL-tool's cap-dist-elf-simpleserver.right is the one golden file written by
an older capDL-tool: its blank lines inside the caps section carry two spaces of
indentation, which the current printer (and the five other golden files) do
not. For that file alone the comparison ignores trailing blanks on each line;
everything else must match exactly.
"""
import os
import re
import subprocess
import sys

STALE_WHITESPACE = {"seL4__capdl__capDL-tool__cap-dist-elf-simpleserver"}


def main():
    capdlc, corpus, name, mode = sys.argv[1:5]
    if not os.path.isdir(corpus):
        print("corpus not found at %s: skipping" % corpus)
        return 77
    base = os.path.join(corpus, name)
    if mode == "reject":
        p = subprocess.run([capdlc, "check", base + ".cdl"], capture_output=True, text=True)
        print(p.stderr, end="")
        if p.returncode == 0:
            print("FAIL: capdlc accepted a file capDL-tool rejects")
            return 1
        if not re.search(r"^[^\n]*\.cdl:\d+:\d+: error: ", p.stderr, re.M):
            print("FAIL: no positioned error (file:line:col: error: ...)")
            return 1
        return 0
    src = base + (".cdl" if mode == "cdl" else ".right")
    with open(base + ".right", "rb") as f:
        want = f.read()
    p = subprocess.run([capdlc, "print", src], capture_output=True)
    sys.stderr.write(p.stderr.decode(errors="replace"))
    if p.returncode != 0:
        print("FAIL: capdlc print exited %d" % p.returncode)
        return 1
    got = p.stdout
    if name in STALE_WHITESPACE:
        strip = lambda b: b"\n".join(l.rstrip(b" ") for l in b.split(b"\n"))
        got, want = strip(got), strip(want)
    if got != want:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            want.decode(errors="replace").splitlines(True),
            got.decode(errors="replace").splitlines(True), "expected", "capdlc print"))
        print("\nFAIL: output differs from %s.right" % name)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
