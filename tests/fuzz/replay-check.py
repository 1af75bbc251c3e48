#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""replay-check.py CAPDLC DIR...: every fuzzing input runs through the
command-line tool (check, print, json, dot), outside libFuzzer.

capdlc must end each run with its own exit status: 0 (ok), 1 (usage, I/O
or syntax error) or 2 (semantic errors); a crash, a sanitizer report (in
the sanitizer build the sanitizers exit with 99), a hang (killed after
60 s) fails the test. This keeps the fuzzer's findings fixed in the
normal and the sanitizer build, where libFuzzer is not built.
"""
import os
import subprocess
import sys


def main():
    capdlc, dirs = sys.argv[1], sys.argv[2:]
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = "exitcode=99:malloc_fill_byte=190:max_malloc_fill_size=1073741824"
    env["UBSAN_OPTIONS"] = "halt_on_error=1:exitcode=99:print_stacktrace=1"
    files = sorted(os.path.join(d, f) for d in dirs if os.path.isdir(d) for f in os.listdir(d))
    failed = 0
    for path in files:
        for cmd in ("check", "print", "json", "dot"):
            try:
                p = subprocess.run([capdlc, cmd, path, "-o", os.devnull], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   timeout=60)
            except subprocess.TimeoutExpired:
                print("FAIL %s %s: no answer in 60 s" % (cmd, path))
                failed += 1
                continue
            if p.returncode not in (0, 1, 2):
                print("FAIL %s %s: exit status %d\n%s" % (cmd, path, p.returncode,
                      p.stderr.decode(errors="replace")[-3000:]))
                failed += 1
    print("%d inputs, %d failures" % (len(files), failed))
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main())
