#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""platform-doc.py: the built-in platform in capdl-compiler/platform.c is
the text docs/platform.md shows (under "The built-in platform").

usage: platform-doc.py PLATFORM.C PLATFORM.MD
"""
import ast
import re
import sys


def builtin_text(path):
    src = open(path, encoding="utf-8").read()
    m = re.search(r"platform_default_text\[\]\s*=\s*((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*;", src)
    if not m:
        raise SystemExit("%s: no platform_default_text" % path)
    return "".join(ast.literal_eval(s) for s in re.findall(r"\"(?:[^\"\\]|\\.)*\"", m.group(1)))


def doc_text(path):
    doc = open(path, encoding="utf-8").read()
    section = doc.split("## The built-in platform", 1)[1]
    m = re.search(r"```text\n(.*?)```", section, re.S)
    return m.group(1)


def main():
    c, md = builtin_text(sys.argv[1]), doc_text(sys.argv[2])
    if c != md:
        print("FAIL: the built-in platform and docs/platform.md differ")
        print("--- platform.c\n%s--- platform.md\n%s" % (c, md))
        return 1
    print("PASS: %d lines" % c.count("\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
