#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""build-test.py: run one capdlc build case and compare what happens with
what the case's header comments say.

usage: build-test.py CAPDLC TABLE_DUMP MKELF CASE.cdl

The header lines of CASE.cdl (before the first line not starting "--"):

  -- RUN: ARGS      capdlc ARGS case.cdl (shell-split), e.g. "build --strip-names"
  -- EXIT: N        the exit status (default 0)
  -- STDERR: TEXT   one expected line of standard error (in order; none
                    given: standard error must be empty)
  -- ELF: NAME ARGS make NAME with mkelf.py ARGS before running
  -- WRITE: NAME TEXT  append TEXT and a newline to file NAME
  -- DUMP           the run writes a table (the runner adds -o out.tbl):
                    table-dump's output must equal CASE.dump; with EXIT
                    not 0, no table may have been written
  -- NOTABLE        no table may have been written (out.tbl absent)
  -- STDOUT         standard output must equal CASE.out (e.g. for print)

A successful `build ... -o FILE` must also have written FILE, and
table-dump must accept it.

Everything runs in a fresh temporary directory holding a copy of the case
as case.cdl, so diagnostics say "case.cdl:LINE:COL". Exit status: 0 pass,
1 fail.
"""
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HEADER = re.compile(r"^-- (RUN|EXIT|STDERR|ELF|WRITE|DUMP|NOTABLE|STDOUT)(?::(?: (.*))?)?$")


def main():
    capdlc, dump, mkelf, case = (os.path.abspath(a) for a in sys.argv[1:5])
    runs, exit_code, stderr, elves, writes = [], 0, [], [], []
    want_dump = no_table = want_stdout = False
    with open(case, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line.startswith("--"):
                break
            m = HEADER.match(line)
            if not m:
                continue
            key, value = m.group(1), m.group(2) or ""
            if key == "RUN":
                runs.append(shlex.split(value))
            elif key == "EXIT":
                exit_code = int(value)
            elif key == "STDERR":
                stderr.append(value)
            elif key == "ELF":
                elves.append(shlex.split(value))
            elif key == "WRITE":
                name, _, text = value.partition(" ")
                writes.append((name, text))
            elif key == "DUMP":
                want_dump = True
            elif key == "STDOUT":
                want_stdout = True
            else:
                no_table = True
    if len(runs) != 1:
        print("%s: need exactly one '-- RUN:' line" % case)
        return 1
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(case, os.path.join(tmp, "case.cdl"))
        for args in elves:
            subprocess.run([sys.executable, mkelf, os.path.join(tmp, args[0])] + args[1:],
                           check=True)
        for name, text in writes:
            with open(os.path.join(tmp, name), "a", encoding="utf-8") as f:
                f.write(text + "\n")
        args = [capdlc] + runs[0] + (["-o", "out.tbl"] if want_dump else []) + ["case.cdl"]
        p = subprocess.run(args, cwd=tmp, capture_output=True, text=True, timeout=120)
        got_err = p.stderr.splitlines()
        if p.returncode != exit_code:
            print("FAIL: exit status %d, expected %d" % (p.returncode, exit_code))
            ok = False
        if got_err != stderr:
            print("FAIL: standard error differs:")
            sys.stdout.writelines(difflib.unified_diff(
                [s + "\n" for s in stderr], [s + "\n" for s in got_err], "expected", "got"))
            ok = False
        if want_stdout:
            with open(os.path.splitext(case)[0] + ".out", encoding="utf-8") as f:
                want = f.read()
            if p.stdout != want:
                print("FAIL: standard output differs from %s:" %
                      os.path.basename(os.path.splitext(case)[0] + ".out"))
                sys.stdout.writelines(difflib.unified_diff(
                    want.splitlines(True), p.stdout.splitlines(True), "expected", "got"))
                ok = False
        table = os.path.join(tmp, "out.tbl")
        if no_table or (want_dump and exit_code):
            if os.path.exists(table):
                print("FAIL: a table was written")
                ok = False
        elif want_dump:
            d = subprocess.run([dump, table], capture_output=True, text=True)
            with open(os.path.splitext(case)[0] + ".dump", encoding="utf-8") as f:
                want = f.read()
            if d.returncode != 0 or d.stdout != want:
                print("FAIL: table-dump (exit %d) differs from %s:" %
                      (d.returncode, os.path.basename(os.path.splitext(case)[0] + ".dump")))
                sys.stdout.writelines(difflib.unified_diff(
                    want.splitlines(True), d.stdout.splitlines(True), "expected", "got"))
                ok = False
        # a successful build that names its own output must have written a
        # table the reader accepts
        run = runs[0]
        if exit_code == 0 and "-o" in run[:-1] and run[run.index("-o") + 1] != "-":
            out = os.path.join(tmp, run[run.index("-o") + 1])
            if run[0] == "build":
                if not os.path.exists(out):
                    print("FAIL: %s was not written" % run[run.index("-o") + 1])
                    ok = False
                elif subprocess.run([dump, out], capture_output=True).returncode != 0:
                    print("FAIL: table-dump refuses %s" % run[run.index("-o") + 1])
                    ok = False
    print("PASS" if ok else "FAIL", os.path.basename(case))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
