/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * image.c: the bootable system image.
 *
 * The root task is capdl-loader with the table in its last segment (the
 * loader is built with a placeholder there: capdl-loader/loader.ld). The
 * image is one ELF file holding the kernel's segments as they are, and
 * the root task's ELF file, byte for byte, at ROOT_TASK_PADDR, where our
 * kernel looks for it; QEMU loads it with -kernel (docs/loader.md).
 */
#include "image.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define PAGE 0x1000ul
#define PLACEHOLDER "no capdl table"

struct segment {
	uint32_t flags;
	uint64_t vaddr, paddr, memsz;
	const void *data;
	uint64_t filesz;
};

struct elf_file {
	const char *path;
	char *buf;
	size_t len;
	const Elf64_Ehdr *eh;
	struct segment seg[32];
	unsigned nseg;
};

static int read_elf(struct elf_file *f, const char *path)
{
	f->path = path;
	f->buf = read_file(path, &f->len);
	if (!f->buf) {
		fprintf(stderr, "capdlc: cannot read '%s': %s\n", path, strerror(errno));
		return 1;
	}
	const Elf64_Ehdr *eh = (const void *)f->buf;
	if (f->len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_AARCH64 || eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    eh->e_phoff > f->len || eh->e_phnum > (f->len - eh->e_phoff) / sizeof(Elf64_Phdr)) {
		fprintf(stderr, "capdlc: '%s' is not a 64-bit little-endian AArch64 ELF file\n", path);
		return 1;
	}
	f->eh = eh;
	const Elf64_Phdr *ph = (const void *)(f->buf + eh->e_phoff);
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_offset > f->len || ph[i].p_filesz > f->len - ph[i].p_offset ||
		    ph[i].p_filesz > ph[i].p_memsz || f->nseg == ARRAY_SIZE(f->seg)) {
			fprintf(stderr, "capdlc: '%s': segment %u is malformed or one too many\n",
				path, i);
			return 1;
		}
		f->seg[f->nseg++] = (struct segment){ph[i].p_flags, ph[i].p_vaddr, ph[i].p_paddr,
						     ph[i].p_memsz, f->buf + ph[i].p_offset,
						     ph[i].p_filesz};
	}
	return 0;
}

/* An ELF file with only program headers: entry, and the segments, each at
 * a file offset congruent to its address modulo the page size. */
static char *write_elf(const Elf64_Ehdr *like, uint64_t entry, const struct segment *seg,
		       unsigned n, size_t *len)
{
	size_t off = (sizeof(Elf64_Ehdr) + n * sizeof(Elf64_Phdr) + PAGE - 1) & ~(PAGE - 1);
	size_t at[64];
	for (unsigned i = 0; i < n; i++) {
		off += (seg[i].vaddr - off) & (PAGE - 1);
		at[i] = off;
		off += seg[i].filesz;
	}
	char *out = xcalloc(1, off);
	Elf64_Ehdr *eh = (void *)out;
	memcpy(eh->e_ident, like->e_ident, EI_NIDENT);
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = entry;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_flags = like->e_flags;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = (uint16_t)n;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	Elf64_Phdr *ph = (void *)(out + sizeof(*eh));
	for (unsigned i = 0; i < n; i++) {
		ph[i] = (Elf64_Phdr){PT_LOAD, seg[i].flags, at[i], seg[i].vaddr, seg[i].paddr,
				     seg[i].filesz, seg[i].memsz, PAGE};
		memcpy(out + at[i], seg[i].data, seg[i].filesz);
	}
	*len = off;
	return out;
}

int image_write(const char *out, const void *table, size_t len, const char *kernel,
		const char *loader)
{
	struct elf_file k = {0}, l = {0};
	int rc = read_elf(&k, kernel) || read_elf(&l, loader);
	char *root = NULL, *image = NULL;
	size_t root_len = 0, image_len = 0;
	if (!rc) {
		struct segment *last = &l.seg[l.nseg - 1];
		if (!l.nseg || last->filesz < sizeof(PLACEHOLDER) - 1 ||
		    memcmp(last->data, PLACEHOLDER, sizeof(PLACEHOLDER) - 1)) {
			fprintf(stderr, "capdlc: '%s' is not capdl-loader: its last segment has no "
					"table placeholder\n", loader);
			rc = 1;
		} else {
			last->data = table;
			last->filesz = last->memsz = len;
			root = write_elf(l.eh, l.eh->e_entry, l.seg, l.nseg, &root_len);
		}
	}
	if (!rc) {
		if (k.nseg + 1 > 64) {
			fprintf(stderr, "capdlc: '%s' has too many segments\n", kernel);
			rc = 1;
		} else {
			struct segment seg[64];
			memcpy(seg, k.seg, k.nseg * sizeof(seg[0]));
			seg[k.nseg] = (struct segment){PF_R, ROOT_TASK_PADDR, ROOT_TASK_PADDR,
						       root_len, root, root_len};
			image = write_elf(k.eh, k.eh->e_entry, seg, k.nseg + 1, &image_len);
		}
	}
	if (!rc) {
		FILE *f = fopen(out, "wb");
		if (!f || fwrite(image, 1, image_len, f) != image_len || fclose(f)) {
			fprintf(stderr, "capdlc: cannot write '%s': %s\n", out, strerror(errno));
			rc = 1;
		}
	}
	free(root);
	free(image);
	free(k.buf);
	free(l.buf);
	return rc;
}
