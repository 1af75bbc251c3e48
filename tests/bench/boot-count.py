#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""boot-count.py IMAGE N PLUGIN [--memory M] [--timeout S]: boot a loader
benchmark image (tests/bench/loader-bench.sh) under
-icount shift=0,sleep=off with the instruction-counting plugin, wait for
the N components' "BENCH|up" lines, stop QEMU, and print one line of
figures (key=value):

  calls     the loader's kernel calls (its LDR|done line)
  objects, caps, mappings   from the same line
  stages    kernel calls by stage (its "LDR|kernel calls by stage" line)
  boot      guest instructions from reset to the loader's first instruction
  istages   guest instructions per loader stage (between its markers)
  first     guest instructions from reset to the first component's first
            instruction (its marker)
  last      ... to the N-th component's marker
  up        components that printed their line

Prints figures only; the exit status is 0 unless QEMU or the image fails."""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

LOADER_MARK = 0xd5032bdf     # hint #0x5e, at each loader stage boundary
COMPONENT_MARK = 0xd5032bff  # hint #0x5f, first instruction of a component
STAGES = ["cspace", "objects", "asids", "fill", "map", "irqs", "cnodes", "tcbs", "drop", "start"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("image")
    ap.add_argument("n", type=int)
    ap.add_argument("plugin")
    ap.add_argument("--memory", default="1G")
    ap.add_argument("--timeout", type=float, default=300)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        marks = os.path.join(d, "marks")
        cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-m", a.memory,
               "-nographic", "-nic", "none", "-semihosting-config", "enable=on,target=native",
               "-icount", "shift=0,sleep=off",
               "-plugin", "%s,out=%s,mark=%d,mark=%d,limit=%d"
               % (a.plugin, marks, LOADER_MARK, COMPONENT_MARK, max(a.n, 16)),
               "-kernel", a.image]
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        up, lines, t0 = 0, [], time.time()
        for raw in p.stdout:
            line = raw.decode(errors="replace").rstrip("\r\n")
            lines.append(line)
            if line.startswith("BENCH|up"):
                up += 1
            if up >= a.n or line.startswith(("LDR|ERROR", "KRN|PANIC")) \
                    or time.time() - t0 > a.timeout:
                break
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
        wall = time.time() - t0
        m = [l.split() for l in open(marks)]
    ldr = [int(x[2]) for x in m if x[0] == "mark" and int(x[1], 16) == LOADER_MARK]
    comp = [int(x[2]) for x in m if x[0] == "mark" and int(x[1], 16) == COMPONENT_MARK]
    f = {"up": up, "wall": "%.1fs" % wall}
    for line in lines:
        r = re.match(r"LDR\|done: (\d+) objects, (\d+) caps, (\d+) mappings, (\d+) kernel calls",
                     line)
        if r:
            f.update(objects=r[1], caps=r[2], mappings=r[3], calls=r[4])
        r = re.match(r"LDR\|kernel calls by stage: (.*)", line)
        if r:
            f["stages"] = r[1].replace(", ", ",").replace(" ", ":")
        if line.startswith(("LDR|ERROR", "KRN|PANIC")):
            print("\n".join(lines))
            return 1
    if ldr:
        f["boot"] = ldr[0]
        f["istages"] = ",".join("%s:%d" % (s, b - a_) for s, a_, b in zip(STAGES, ldr, ldr[1:]))
    if comp:
        f["first"] = comp[0]
        f["last"] = comp[min(a.n, len(comp)) - 1]
    print(" ".join("%s=%s" % kv for kv in f.items()))
    return 0 if up == a.n else 1


if __name__ == "__main__":
    sys.exit(main())
