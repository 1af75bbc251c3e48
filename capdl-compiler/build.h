/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * build.h: the back end of "capdlc build", model -> capdl table
 * (spec/table.md). One file per stage:
 *
 *   layout.c    which objects the loader creates, their capdl types and
 *               sizes, and the creation order
 *   platform.c  the platform description (docs/platform.md): paddr
 *               objects must lie in its memory, and the system must fit
 *   elf.c       component ELF files: frame fill entries and segments
 *   components.c  ELF components: a frame that stands for an ELF file's
 *               segments becomes its pages and page tables (before checks)
 *   table.c     the table itself, written with spec/capdl_writer
 *
 * Problems are diagnostics of the checks loader-object, platform-paddr,
 * platform-fit, fill and table-dropped (checks.def).
 */
#ifndef CAPDLC_BUILD_H
#define CAPDLC_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* ---- layout.c ----------------------------------------------------------- */

/* Object sizes (log2 bytes) on AArch64, seL4 16.0.0, non-MCS. */
#define BITS_TCB 11
#define BITS_EP 4
#define BITS_NOTIFICATION 5
#define BITS_SLOT 5
#define BITS_PAGE_TABLE 12
#define BITS_VSPACE 12
#define BITS_ASID_POOL 12
#define BITS_VCPU 12
#define BITS_REPLY 5
#define BITS_MIN_SC 7

struct layout {
	uint32_t n;	 /* objects in the table */
	uint32_t *order; /* table index -> model object id, in creation order */
	uint32_t *index; /* model object id -> table index */
};

/* The capdl type (enum capdl_obj_type) of a model object type, or 0 if
 * the loader cannot create it on AArch64. */
uint8_t capdl_type_of(enum obj_type t);
/* log2 of the memory the object takes; 0: not made from memory (IRQs). */
unsigned object_mem_bits(const struct object *o);
/* The object_bits[] header field (spec/table.md) the compiler assumes. */
void layout_object_bits(uint8_t bits[16]);
/* Checks that the loader can create every object (loader-object) and
 * orders them; false if it reported errors. */
bool layout_build(struct model *m, struct layout *l);
void layout_free(struct layout *l);

/* ---- platform.c --------------------------------------------------------- */

struct region {
	uint64_t base, size;
	char *what;
	uint32_t line;
};

struct platform {
	char *name;
	char *file; /* where it was read from; "<built-in>" for the default */
	VEC(struct region) ram, device, reserved;
};

/* The built-in platform (QEMU virt, 1 GiB) in the file format, and a
 * reader for that format; platform_parse prints its own errors (as
 * "file:line: error: ...") and returns false on any. */
extern const char platform_default_text[];
bool platform_parse(struct platform *p, const char *file, const char *text);
bool platform_load(struct platform *p, const char *path);
void platform_default(struct platform *p);
void platform_free(struct platform *p);

/* paddr objects must lie, aligned, in the platform's RAM or devices. */
void platform_check_paddr(struct model *m, const struct platform *p);
/* Places the objects in creation order into the free RAM (RAM minus the
 * reserved regions, minus reserve_bytes for the table, minus the paddr
 * objects in RAM); reports the first object that does not fit. */
void platform_check_fit(struct model *m, const struct platform *p, const struct layout *l,
			uint64_t reserve_bytes);
/* "4 KiB", "2 MiB", "24 bytes": a size for messages. */
void format_size(struct strbuf *sb, uint64_t bytes);

/* ---- elf.c -------------------------------------------------------------- */

struct elf_file;

struct elf_files {
	char *spec_dir; /* ELF files named by a spec are looked up here */
	VEC(char *) names, paths; /* --elf NAME=PATH */
	VEC(struct elf_file *) files;
};

void elf_files_init(struct elf_files *e, const char *spec_path);
/* NAME=PATH from the command line; false if malformed. */
bool elf_files_option(struct elf_files *e, const char *arg);
void elf_files_free(struct elf_files *e);

enum fill_kind { FILL_FILE_DATA, FILL_BOOTINFO, FILL_ELF_SEGMENTS };

struct fill {
	enum fill_kind kind;
	struct loc loc;
	uint64_t dest, len;
	const char *file; /* FILE_DATA, ELF_SEGMENTS: the name as written, unquoted */
	uint64_t offset;  /* FILE_DATA: offset in the file; BOOTINFO: in the chunk */
	uint32_t id;	  /* BOOTINFO: SEL4_BOOTINFO_HEADER_* */
};

/* Interprets one fill entry of frame obj; reports (check fill) and
 * returns false if it is malformed. */
bool fill_parse(struct model *m, uint32_t obj, const struct fill_entry *f, struct fill *out);
/* The bytes [offset, offset + len) of the ELF file a fill names; NULL
 * after reporting a missing file, a file that is not an AArch64 ELF, or
 * a range past its end (check fill). */
const uint8_t *elf_fill_bytes(struct elf_files *e, struct model *m, const struct fill *f);

struct elf_segment {
	uint64_t vaddr, memsz, filesz, offset;
	uint32_t flags; /* PF_R, PF_W, PF_X */
};

/* The PT_LOAD segments (with a memory size) of the ELF file named file,
 * in program-header order (*n may be 0); NULL after reporting a problem
 * (check fill). */
const struct elf_segment *elf_segments(struct elf_files *e, struct model *m, const char *file,
				       struct loc loc, size_t *n);

/* ELF components (docs/elf-components.md): replaces every frame whose fill
 * is {0 0 CDL_FrameFill_ElfSegments "FILE" VSPACE} by the pages of FILE's
 * PT_LOAD segments, mapped into VSPACE through page tables it adds where
 * the spec has none. Runs after model_build, before the checks. */
void elf_components_expand(struct model *m, struct elf_files *e);

/* ---- table.c ------------------------------------------------------------ */

/* The table of a checked model laid out by layout_build; NULL after
 * reporting errors (fills). The result is malloc'ed. */
void *table_build(struct model *m, const struct layout *l, struct elf_files *e, bool strip,
		  size_t *len);

#endif
