#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Run one capdlc case file and compare what capdlc does with what the
file's header comments say (format: tests/cases/README).

usage: run-case.py CAPDLC CASE.cdl

capdlc runs in the case's directory on the case's basename, so diagnostics
show "case.cdl:LINE:COL: ...". Exit status: 0 pass, 1 fail.
"""
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

DIRECTIVE = re.compile(r"^-- (RUN|EXIT|STDERR):(?: (.*))?$")
GOLDEN = {"print": ".expected", "json": ".json", "dot": ".dot"}


def read_directives(path):
    runs, stderr, exit_code = [], [], None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f.read().split("\n"):
            m = DIRECTIVE.match(line.rstrip("\r"))
            if not m:
                continue
            key, value = m.group(1), m.group(2) or ""
            if key == "RUN":
                runs.append(shlex.split(value))
            elif key == "EXIT":
                exit_code = int(value)
            else:
                stderr.append(value)
    if not runs:
        raise SystemExit("%s: no '-- RUN:' line" % path)
    return runs, stderr, 0 if exit_code is None else exit_code


def diff(want, got, what):
    lines = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                 "expected " + what, "capdlc " + what)
    return "".join(lines) + ("\n" if not got.endswith("\n") else "")


def capdlc_run(capdlc, args, cwd):
    p = subprocess.run([capdlc] + args, cwd=cwd, capture_output=True)
    return (p.returncode, p.stdout.decode("utf-8", "surrogateescape"),
            p.stderr.decode("utf-8", "surrogateescape"))


def check_run(capdlc, case, args, want_err, want_exit):
    """Returns a list of failure messages for one '-- RUN:' line."""
    cwd, base = os.path.split(os.path.abspath(case))
    stem = os.path.splitext(case)[0]
    fails = []
    rc, out, err = capdlc_run(capdlc, args + [base], cwd)
    label = "capdlc " + " ".join(args + [base])
    if rc != want_exit:
        fails.append("%s: exit status %d, expected %d" % (label, rc, want_exit))
    got_err = err.split("\n")
    if got_err and got_err[-1] == "":
        got_err.pop()
    if got_err != want_err:
        fails.append("%s: stderr differs:\n%s" % (label, diff(
            "".join(l + "\n" for l in want_err), err, "stderr")))
    cmd = args[0] if args else ""
    golden = stem + GOLDEN[cmd] if cmd in GOLDEN else None
    if golden and os.path.exists(golden):
        with open(golden, encoding="utf-8", errors="surrogateescape") as f:
            want_out = f.read()
    elif golden and want_exit == 0:
        fails.append("%s: missing golden file %s" % (label, golden))
        return fails
    else:
        want_out = ""
    if out != want_out:
        fails.append("%s: stdout differs from %s:\n%s" % (
            label, os.path.basename(golden) if golden else "(empty)",
            diff(want_out, out, "stdout")))
    if cmd == "json" and rc == 0:
        try:
            json.loads(out)
        except ValueError as e:
            fails.append("%s: output is not valid JSON: %s" % (label, e))
    if cmd == "print" and rc == 0:
        # the canonical text must print as itself (idempotence)
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, base), "w", encoding="utf-8",
                      errors="surrogateescape") as f:
                f.write(out)
            rc2, out2, err2 = capdlc_run(capdlc, args + [base], tmp)
        if rc2 != 0 or err2 or out2 != out:
            fails.append("reprint of the printed output: exit %d, stderr:\n%s%s" % (
                rc2, err2, diff(out, out2, "reprint")))
    return fails


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    capdlc, case = os.path.abspath(sys.argv[1]), sys.argv[2]
    runs, want_err, want_exit = read_directives(case)
    fails = []
    for args in runs:
        fails += check_run(capdlc, case, args, want_err, want_exit)
    for f in fails:
        print("FAIL: " + f)
    if not fails:
        print("PASS: %s (%d run%s)" % (os.path.basename(case), len(runs),
                                       "s" if len(runs) > 1 else ""))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
