#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""boot.py IMAGE [--expect REGEX ...] [--timeout S] [--quiet]

Boots a capdl system image (from `capdlc image`) on QEMU virt AArch64 and
shows its console. The run ends when the system halts (seL4_DebugHalt), the
kernel panics, or the timeout passes. Exit status 0 if the system came up:
every --expect pattern matched a console line, in order, and neither the
kernel nor the loader reported a failure (nor a thread fault or a
failed `not ok` check); otherwise 1. The last line says
which.
"""
import argparse
import re
import subprocess
import sys

# a panic, a thread fault nobody handled, a loader error, a failed TAP check
FAILURES = re.compile(r"^(KRN\|PANIC|KRN\|FAULT|LDR\|ERROR|not ok\b)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("image")
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--cpu", default="cortex-a53")
    ap.add_argument("--memory", default="1G")
    ap.add_argument("--quiet", action="store_true", help="print only the verdict")
    args = ap.parse_args()
    cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", args.cpu, "-m", args.memory,
           "-nographic", "-nic", "none", "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=0,sleep=off", "-kernel", args.image]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=args.timeout)
        out, status, timed_out = p.stdout, p.returncode, False
    except subprocess.TimeoutExpired as e:
        out, status, timed_out = e.stdout or b"", None, True
    lines = out.decode(errors="replace").replace("\r", "").splitlines()
    if not args.quiet:
        for line in lines:
            print(line)
    problems = [l for l in lines if FAILURES.match(l)]
    want = list(args.expect)
    for line in lines:
        if want and re.search(want[0], line):
            want.pop(0)
    if timed_out:
        problems.append("no halt within %g s" % args.timeout)
    elif status != 0:
        problems.append("QEMU exit status %d" % status)
    if want:
        problems.append("never printed a line matching %r" % want[0])
    if problems:
        print("boot: %s did NOT come up: %s" % (args.image, "; ".join(problems)))
        return 1
    print("boot: %s came up" % args.image)
    return 0


if __name__ == "__main__":
    sys.exit(main())
