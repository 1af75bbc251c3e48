/* SPDX-License-Identifier: BSD-2-Clause */
/* elf.c: ELF64 root-task images (see elf.h).  Host-tested. */
#include <kernel/elf.h>

#define PT_LOAD 1
#define EM_AARCH64 183
#define ET_EXEC 2
#define USER_TOP UINT64_C(0x00007fffffffffff)

static uint64_t rd(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

int elf_parse(const void *blob, uint64_t limit, struct elf_image *out)
{
	const uint8_t *e = blob;
	uint64_t phoff, shoff, phentsize, phnum, shentsize, shnum, end;

	if (limit < 64 || e[0] != 0x7f || e[1] != 'E' || e[2] != 'L' ||
	    e[3] != 'F')
		return ELF_ERR_MAGIC;
	if (e[4] != 2 || e[5] != 1 || rd(e + 18, 2) != EM_AARCH64)
		return ELF_ERR_CLASS;
	if (rd(e + 16, 2) != ET_EXEC)
		return ELF_ERR_TYPE;
	out->entry = rd(e + 24, 8);
	phoff = rd(e + 32, 8);
	shoff = rd(e + 40, 8);
	phentsize = rd(e + 54, 2);
	phnum = rd(e + 56, 2);
	shentsize = rd(e + 58, 2);
	shnum = rd(e + 60, 2);
	if (phentsize < 56 || phnum == 0 || phoff > limit ||
	    phnum * phentsize > limit - phoff)
		return ELF_ERR_BOUNDS;
	end = phoff + phnum * phentsize;
	if (shnum) {
		if (shoff > limit || shnum * shentsize > limit - shoff)
			return ELF_ERR_BOUNDS;
		end = max64(end, shoff + shnum * shentsize);
	}

	out->nseg = 0;
	out->vstart = ~UINT64_C(0);
	out->vend = 0;
	for (uint64_t i = 0; i < phnum; i++) {
		const uint8_t *ph = e + phoff + i * phentsize;
		struct elf_segment s;

		if (rd(ph, 4) != PT_LOAD)
			continue;
		s.flags = (uint32_t)rd(ph + 4, 4);
		s.offset = rd(ph + 8, 8);
		s.vaddr = rd(ph + 16, 8);
		s.filesz = rd(ph + 32, 8);
		s.memsz = rd(ph + 40, 8);
		if (s.offset > limit || s.filesz > limit - s.offset)
			return ELF_ERR_BOUNDS;
		if (s.memsz < s.filesz || s.vaddr > USER_TOP ||
		    s.memsz > USER_TOP - s.vaddr || out->nseg == ELF_MAX_SEGMENTS)
			return ELF_ERR_SEGMENTS;
		if (s.memsz == 0)
			continue;
		end = max64(end, s.offset + s.filesz);
		if (s.vaddr < out->vstart)
			out->vstart = s.vaddr;
		if (s.vaddr + s.memsz > out->vend)
			out->vend = s.vaddr + s.memsz;
		out->seg[out->nseg++] = s;
	}
	if (out->nseg == 0)
		return ELF_ERR_SEGMENTS;
	out->vstart &= ~UINT64_C(0xfff);
	out->vend = (out->vend + 0xfff) & ~UINT64_C(0xfff);
	if (out->vstart == 0 || out->vend > USER_TOP + 1 ||
	    out->entry < out->vstart || out->entry >= out->vend)
		return ELF_ERR_SEGMENTS;
	out->file_size = end;
	return ELF_OK;
}

const char *elf_strerror(int err)
{
	switch (err) {
	case ELF_OK:           return "ok";
	case ELF_ERR_MAGIC:    return "no ELF magic";
	case ELF_ERR_CLASS:    return "not a 64-bit little-endian AArch64 ELF";
	case ELF_ERR_TYPE:     return "not a static executable (ET_EXEC)";
	case ELF_ERR_BOUNDS:   return "headers or segments beyond the file";
	case ELF_ERR_SEGMENTS: return "bad or no loadable segments";
	default:               return "unknown error";
	}
}
