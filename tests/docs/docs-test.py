#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Run the CapDL examples of one documentation file through capdlc.

usage: docs-test.py CAPDLC [--checks] DOC.md [DOC.md ...]

With --checks, every check that `capdlc --list-checks` lists must also have
a heading "#### NAME" in the documents and an example whose diagnostics
show it ([-WNAME] or [-Werror=NAME]), so a new check cannot go undocumented.

Every fenced code block in the file must carry an info string; its first
word says what the block is:

  cdl           a whole spec: `capdlc check spec.cdl` must exit 0
  cdl-error     a whole spec: `capdlc check spec.cdl` must exit 1 or 2
  cdl-fragment  part of a spec: not run
  diagnostics   right after a cdl or cdl-error block: the exact standard
                error of that run. Without it, a cdl block must print
                nothing on standard error (a cdl-error block may print
                anything).
  anything else (sh, text, json, ...): not run, unless it has an
                `output=CMD` attribute (below).

Further words of a cdl or cdl-error info string are attributes:
  opt=ARG       pass ARG to capdlc before the file name (repeatable),
                e.g. opt=-Werror=tcb-caps
  exit=N        the exit status must be exactly N
  xfail         the document shows the correct behaviour, which capdlc
                does not have yet (a known bug): the example is expected
                to fail, and the test fails when it passes, so that the
                marker is removed once capdlc is fixed. Markdown renderers
                do not show it.

A block whose info string has `output=print`, `output=json` or
`output=dot` (e.g. "json output=json"), placed after a cdl block, holds
the exact standard output of `capdlc print|json|dot spec.cdl` for that
spec (which must then exit 0 with nothing on standard error).

Each spec is written as spec.cdl into a fresh temporary directory and
capdlc runs there, so diagnostics name the file `spec.cdl`.
Exit status: 0 all examples pass (or fail as marked xfail), 1 some fail,
77 (skip) if the file has no examples.
"""
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
RUN_KINDS = ("cdl", "cdl-error")
OUTPUT_CMDS = ("print", "json", "dot")
TIMEOUT = 60


class Block:
    def __init__(self, path, line, info, text):
        self.path, self.line, self.text = path, line, text
        words = info.split()
        self.kind = words[0] if words else ""
        self.attrs = words[1:]

    def where(self):
        return "%s:%d" % (self.path, self.line)

    def attr(self, key):
        return [a[len(key) + 1:] for a in self.attrs if a.startswith(key + "=")]


def read_blocks(path):
    """The fenced code blocks of a Markdown file, in order."""
    blocks = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, indent, start = m.group("fence"), len(m.group("indent")), i + 1
        body = []
        i += 1
        while i < len(lines):
            close = re.match(r"^ {0,3}(`{3,}|~{3,})\s*$", lines[i])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                break
            line = lines[i]
            # strip up to the opening fence's indentation, as CommonMark does
            body.append(line[min(indent, len(line) - len(line.lstrip(" "))):])
            i += 1
        else:
            raise SystemExit("%s:%d: unterminated code block" % (path, start))
        blocks.append(Block(path, start, m.group("info").strip(), "\n".join(body) + "\n"))
        i += 1
    return blocks


def run(capdlc, spec, args):
    with tempfile.TemporaryDirectory(prefix="capdlc-docs-") as tmp:
        with open(os.path.join(tmp, "spec.cdl"), "w", encoding="utf-8") as f:
            f.write(spec)
        try:
            p = subprocess.run([capdlc] + args + ["spec.cdl"], cwd=tmp, capture_output=True,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return None, b"", b"capdlc did not finish in %d s" % TIMEOUT
        return p.returncode, p.stdout, p.stderr


def show(label, data):
    text = data.decode("utf-8", errors="replace")
    if text:
        print("  --- %s ---" % label)
        for line in text.rstrip("\n").split("\n"):
            print("  | " + line)


def compare(block, label, want, got):
    """Exact comparison, ignoring only the final newline(s)."""
    got_text = got.decode("utf-8", errors="replace")
    if want.rstrip("\n") == got_text.rstrip("\n"):
        return True
    import difflib
    print("%s %s: %s differs (- documented, + capdlc):"
          % ("XFAIL" if "xfail" in block.attrs else "FAIL", block.where(), label))
    for line in difflib.unified_diff(want.rstrip("\n").split("\n"),
                                     got_text.rstrip("\n").split("\n"), lineterm="", n=1):
        if not line.startswith(("---", "+++")):
            print("  " + line)
    return False


def status_problem(rc, expect_ok, exits):
    if rc is None:
        return "timed out"
    if rc < 0:
        return "killed by signal %d" % -rc
    if exits:
        return None if str(rc) in exits else "exit status %d, documented %s" % (rc, exits[0])
    if expect_ok and rc != 0:
        return "exit status %d, expected 0" % rc
    if not expect_ok and rc not in (1, 2):
        return "exit status %d, expected 1 or 2" % rc
    return None


def check_file(capdlc, path):
    blocks = read_blocks(path)
    failures, examples = 0, 0
    last = None  # the last cdl block, for output= blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if not b.kind:
            print("FAIL %s: code block without an info string (cdl, cdl-error, "
                  "cdl-fragment, sh, text, ...)" % b.where())
            failures += 1
            continue
        if b.kind == "diagnostics":
            print("FAIL %s: diagnostics block not right after a cdl or cdl-error block"
                  % b.where())
            failures += 1
            continue
        outs = b.attr("output")
        if outs:
            if b.kind in RUN_KINDS or outs[0] not in OUTPUT_CMDS:
                print("FAIL %s: bad output= block" % b.where())
                failures += 1
                continue
            examples += 1
            if last is None:
                print("FAIL %s: output=%s block without a cdl block before it"
                      % (b.where(), outs[0]))
                failures += 1
                continue
            rc, out, err = run(capdlc, last.text, [outs[0]])
            problem = status_problem(rc, True, [])
            ok = problem is None and not err
            if problem:
                print("FAIL %s: capdlc %s: %s" % (b.where(), outs[0], problem))
            elif err:
                print("FAIL %s: capdlc %s printed diagnostics" % (b.where(), outs[0]))
            ok = compare(b, "output of capdlc %s" % outs[0], b.text, out) and ok
            if not ok:
                show("stderr", err)
                failures += 1
            continue
        if b.kind not in RUN_KINDS:
            continue
        examples += 1
        expect_ok = b.kind == "cdl"
        diags = None
        if i < len(blocks) and blocks[i].kind == "diagnostics":
            diags = blocks[i].text
            i += 1
        last = b if expect_ok else None
        rc, out, err = run(capdlc, b.text, ["check"] + b.attr("opt"))
        problem = status_problem(rc, expect_ok, b.attr("exit"))
        ok = problem is None
        if problem:
            print("%s %s: capdlc check: %s"
                  % ("XFAIL" if "xfail" in b.attrs else "FAIL", b.where(), problem))
        if diags is not None:
            ok = compare(b, "stderr", diags, err) and ok
        elif expect_ok and err:
            print("%s %s: capdlc check printed diagnostics the document does not show"
                  % ("XFAIL" if "xfail" in b.attrs else "FAIL", b.where()))
            ok = False
        if "xfail" in b.attrs:
            if ok:
                print("FAIL %s: marked xfail but passes now: remove the marker" % b.where())
                failures += 1
            else:
                print("  (expected: a known capdlc problem)")
            continue
        if not ok:
            show("stderr", err)
            failures += 1
    return examples, failures


def check_coverage(capdlc, paths):
    """Every check of --list-checks has a heading and a shown diagnostic."""
    p = subprocess.run([capdlc, "--list-checks"], capture_output=True, text=True,
                       timeout=TIMEOUT)
    names = [line.split()[0] for line in p.stdout.splitlines() if line.strip()]
    if p.returncode != 0 or not names:
        print("FAIL: capdlc --list-checks did not list checks")
        return 1
    headings, shown = set(), set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        headings |= set(re.findall(r"^#{2,6} +([a-z0-9-]+) *$", text, re.M))
        for b in read_blocks(path):
            if b.kind == "diagnostics":
                shown |= set(re.findall(r"\[-W(?:error=)?([a-z0-9-]+)\]", b.text))
    failures = 0
    for name in names:
        if name not in headings:
            print("FAIL: check '%s' has no '#### %s' section" % (name, name))
            failures += 1
        elif name not in shown:
            print("FAIL: check '%s' has no example showing [-W%s]" % (name, name))
            failures += 1
    print("%d checks, %d not documented" % (len(names), failures))
    return failures


def main():
    args = sys.argv[1:]
    want_checks = "--checks" in args
    args = [a for a in args if a != "--checks"]
    if len(args) < 2:
        print(__doc__)
        return 2
    capdlc = os.path.abspath(args[0])
    total, failed = 0, 0
    for path in args[1:]:
        n, f = check_file(capdlc, path)
        print("%s: %d examples, %d failed" % (path, n, f))
        total += n
        failed += f
    if want_checks:
        failed += check_coverage(capdlc, args[1:])
    if failed:
        return 1
    return 0 if total else 77


if __name__ == "__main__":
    sys.exit(main())
