#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""embed.py LOADER.elf TABLE OUT.elf: the loader with a capdl table.

Writes a new static ELF with the loader's loadable segments, its last one
(which holds the placeholder "no capdl table") replaced by TABLE. Only
program headers are kept: that is all the kernel (and seL4's elfloader) reads.
"""
import struct
import sys

PLACEHOLDER = b"no capdl table"
PAGE = 0x1000


def main():
    loader, table_path, out = sys.argv[1:4]
    elf = open(loader, "rb").read()
    table = open(table_path, "rb").read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        sys.exit("embed: %s is not a little-endian ELF64 file" % loader)
    (e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize,
     e_phentsize, e_phnum) = struct.unpack_from("<HHIQQQIHHH", elf, 16)
    segs = []
    for i in range(e_phnum):
        p = struct.unpack_from("<IIQQQQQQ", elf, e_phoff + i * e_phentsize)
        p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align = p
        if p_type != 1:  # PT_LOAD only
            continue
        data = elf[p_offset:p_offset + p_filesz]
        segs.append([p_flags, p_vaddr, data, p_memsz, p_align])
    if not segs or not segs[-1][2].startswith(PLACEHOLDER):
        sys.exit("embed: %s does not end in a table placeholder segment" % loader)
    segs[-1][2] = table
    segs[-1][3] = len(table)
    out_data = bytearray()
    hdr_size = 64 + 56 * len(segs)
    offset = (hdr_size + PAGE - 1) & ~(PAGE - 1)
    phdrs = b""
    body = bytearray()
    for flags, vaddr, data, memsz, align in segs:
        # file offset congruent to vaddr modulo the page size
        while (offset + len(body)) % PAGE != vaddr % PAGE:
            body += b"\0"
        phdrs += struct.pack("<IIQQQQQQ", 1, flags, offset + len(body), vaddr, vaddr,
                             len(data), max(memsz, len(data)), PAGE)
        body += data
    ehdr = elf[:16] + struct.pack("<HHIQQQIHHHHHH", e_type, e_machine, e_version, e_entry,
                                  64, 0, e_flags, 64, 56, len(segs), 64, 0, 0)
    out_data += ehdr + phdrs
    out_data += b"\0" * (offset - len(out_data))
    out_data += body
    open(out, "wb").write(out_data)


if __name__ == "__main__":
    main()
