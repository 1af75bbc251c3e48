/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * elf.h: just enough ELF64 to load a static AArch64 root task from a
 * blob in memory (src/elf.c; pure C, host-tested).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>

#define ELF_MAX_SEGMENTS 8

struct elf_segment {
	uint64_t offset, vaddr, filesz, memsz;
	uint32_t flags;
};

struct elf_image {
	uint64_t entry;
	uint64_t file_size;            /* bytes of the blob the file uses */
	uint64_t vstart, vend;         /* page-rounded span of the segments */
	int nseg;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

enum elf_error {
	ELF_OK = 0,
	ELF_ERR_MAGIC = 1,             /* not an ELF file */
	ELF_ERR_CLASS = 2,             /* not 64-bit little-endian AArch64 */
	ELF_ERR_TYPE = 3,              /* not a static executable */
	ELF_ERR_BOUNDS = 4,            /* headers or segments outside limit */
	ELF_ERR_SEGMENTS = 5,          /* none, too many, or bad addresses */
};

/* Parse the ELF at blob, of which at most limit bytes exist. */
int elf_parse(const void *blob, uint64_t limit, struct elf_image *out);
const char *elf_strerror(int err);

#endif
