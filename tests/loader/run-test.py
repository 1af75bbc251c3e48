#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""run-test.py IMAGE EXPECT [--memory M] [--timeout S] [--loader-error REGEX] [--any-order]
                 [--allow-fault REGEX ...] [--qemu-arg ARG ...]

Boots a loader test image (from `capdlc image`) on QEMU virt AArch64 under
-icount shift=0,sleep=off and checks its console:

* every line of the EXPECT file (blank lines and lines starting with '#'
  skipped) is a regular expression that must match a whole console line,
  in the file's order (with --any-order: each its own line, in any order);
* no line starts with "not ok" (a component's failed check);
* no KRN|PANIC; a KRN|FAULT line only if an --allow-fault pattern matches it;
* without --loader-error: no LDR|ERROR line. With it: exactly one LDR|ERROR
  line, matching REGEX as a whole;
* QEMU stops by itself (seL4_DebugHalt: exit status 0) within the timeout.

Prints the console, then one verdict line; exit status 0 if all holds.
"""
import argparse
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("image")
    ap.add_argument("expect")
    ap.add_argument("--memory", default="1G")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--loader-error")
    ap.add_argument("--allow-fault", action="append", default=[])
    ap.add_argument("--qemu-arg", action="append", default=[])
    ap.add_argument("--any-order", action="store_true",
                    help="the expected lines may appear in any order (each matches its own line)")
    args = ap.parse_args()

    want = []
    with open(args.expect) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                want.append((n, re.compile(line)))

    cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-m", args.memory,
           "-nographic", "-nic", "none", "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=0,sleep=off", "-rtc", "clock=vm"] + args.qemu_arg + \
          ["-kernel", args.image]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=args.timeout)
        out, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        out, status = e.stdout or b"", None
    lines = out.decode(errors="replace").replace("\r", "").splitlines()
    for line in lines:
        print(line)

    problems = []
    if status is None:
        problems.append("no halt within %g s" % args.timeout)
    elif status != 0:
        problems.append("QEMU exit status %d" % status)
    for line in lines:
        if line.startswith("not ok"):
            problems.append("failed check: %s" % line)
        if line.startswith("KRN|PANIC"):
            problems.append("kernel panic: %s" % line)
        if line.startswith("KRN|FAULT") and not any(re.search(a, line)
                                                     for a in args.allow_fault):
            problems.append("unexpected fault: %s" % line)
    errors = [l for l in lines if l.startswith("LDR|ERROR")]
    if args.loader_error is None:
        problems += ["loader error: %s" % l for l in errors]
    elif len(errors) != 1:
        problems.append("%d LDR|ERROR lines (want exactly 1)" % len(errors))
    elif not re.fullmatch(args.loader_error, errors[0]):
        problems.append("the LDR|ERROR line does not match %r" % args.loader_error)
    if args.any_order:
        free = list(lines)
        for n, rx in want:
            hit = next((k for k, line in enumerate(free) if rx.fullmatch(line)), None)
            if hit is None:
                problems.append("%s:%d: no console line matches %r" % (args.expect, n, rx.pattern))
            else:
                del free[hit]
    else:
        i = 0
        for line in lines:
            if i < len(want) and want[i][1].fullmatch(line):
                i += 1
        if i < len(want):
            problems.append("%s:%d: no console line matches %r (after the previous expected "
                            "line)" % (args.expect, want[i][0], want[i][1].pattern))
    if problems:
        for p in problems:
            print("run-test: " + p)
        print("run-test: %s FAILED (%d problems)" % (args.image, len(problems)))
        return 1
    print("run-test: %s passed: %d expected lines" % (args.image, len(want)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
