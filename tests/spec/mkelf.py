#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkelf.py: write a small ELF64 executable with known bytes at known offsets,
for the capdlc build tests (fills read file offsets; ELF components read
PT_LOAD segments). No compiler needed, and the tests can derive every byte.

usage: mkelf.py OUT [--machine N] [--segment SPEC]...

SPEC is comma-separated key=value: vaddr=ADDR, flags=[r][w][x],
data=str:TEXT | hex:HEX (the file bytes; default none), repeat=N (the data
N times), memsz=N (default: the file size; more means .bss).

Layout: the 64-byte ELF header, then the program headers (56 bytes each),
then each segment's bytes at the first file offset >= the end of what
came before that is congruent to its vaddr modulo 4 KiB (as a linker
places them). The entry point is the first segment's vaddr. With no
--segment the file has just the header.
"""
import argparse
import struct
import sys

PT_LOAD = 1
PF = {"x": 1, "w": 2, "r": 4}


def parse_segment(text):
    seg = {"vaddr": 0, "flags": 0, "data": b"", "repeat": 1, "memsz": None}
    for item in text.split(","):
        key, _, value = item.partition("=")
        if key == "vaddr":
            seg["vaddr"] = int(value, 0)
        elif key == "flags":
            seg["flags"] = sum(PF[c] for c in value)
        elif key == "data":
            kind, _, body = value.partition(":")
            seg["data"] = body.encode() if kind == "str" else bytes.fromhex(body)
        elif key == "repeat":
            seg["repeat"] = int(value, 0)
        elif key == "memsz":
            seg["memsz"] = int(value, 0)
        else:
            raise SystemExit("mkelf.py: unknown segment key %r" % key)
    seg["data"] = seg["data"] * seg["repeat"]
    if seg["memsz"] is None:
        seg["memsz"] = len(seg["data"])
    return seg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--machine", type=lambda s: int(s, 0), default=183)  # EM_AARCH64
    ap.add_argument("--segment", action="append", default=[], type=parse_segment)
    args = ap.parse_args()
    segs = args.segment
    phoff = 64 if segs else 0
    at = 64 + 56 * len(segs)
    for s in segs:
        off = at + ((s["vaddr"] - at) % 4096)
        s["offset"] = off
        at = off + len(s["data"])
    entry = segs[0]["vaddr"] if segs else 0
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)  # 64-bit, LE, version 1
    out = bytearray(ident)
    out += struct.pack("<HHIQQQIHHHHHH", 2, args.machine, 1, entry, phoff, 0, 0,
                       64, 56, len(segs), 64, 0, 0)
    for s in segs:
        out += struct.pack("<IIQQQQQQ", PT_LOAD, s["flags"], s["offset"], s["vaddr"],
                           s["vaddr"], len(s["data"]), s["memsz"], 4096)
    for s in segs:
        out += bytes(s["offset"] - len(out))
        out += s["data"]
    with open(args.out, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    sys.exit(main())
