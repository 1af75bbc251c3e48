#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Check that objects meant to run before the MMU is on use no absolute
addresses.

The kernel is linked at its high-half virtual address but its first code
(start.S -> boot_mmu.c, and the panic path) runs at the physical address
with the MMU off.  That only works if every address is computed
PC-relatively (adrp/add, adr, b/bl).  An absolute relocation in code or
data (R_AARCH64_ABS64: a pointer table, a data word initialised with an
address; MOVW_UABS: an address built with movz/movk) would hand that code a
virtual address that does not exist yet.

usage: check-pcrel.py READELF ARCHIVE-OR-OBJECT...
"""
import re
import subprocess
import sys

ABSOLUTE = re.compile(r'R_AARCH64_(ABS(64|32|16)|MOVW_UABS_G\d(_NC)?)\b')
SECTION = re.compile(r"^Relocation section '([^']+)'")
FILE = re.compile(r'^File: (.*)$')


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    readelf, inputs = argv[1], argv[2:]
    bad = []
    sections = 0
    for path in inputs:
        out = subprocess.run([readelf, '-rW', path], check=True,
                             capture_output=True, text=True).stdout
        member, section = path, None
        for line in out.splitlines():
            m = FILE.match(line)
            if m:
                member = m.group(1)
                continue
            m = SECTION.match(line)
            if m:
                section = m.group(1)
                sections += 1
                continue
            # Debug info legitimately holds absolute addresses.
            if section is None or section.startswith('.rela.debug'):
                continue
            if ABSOLUTE.search(line):
                bad.append('%s: %s: %s' % (member, section, ' '.join(line.split())))
    for b in bad:
        print('absolute relocation in early code: ' + b)
    if not sections:
        # compiled code always has relocations (.rela.text at least): none
        # read means readelf's output was not understood
        print('no relocation sections found in %s' % ' '.join(inputs))
        return 1
    if bad:
        return 1
    print('ok: no absolute relocations in %s' % ' '.join(inputs))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
