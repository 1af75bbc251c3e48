/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * loader.h: capdl-loader, the root task that turns a capdl table into a
 * running system (spec/table.md says what the table holds).
 *
 * Stages, each in the file named after it:
 *   main.c    find and validate the table, run the stages, report
 *   cspace.c  the loader's own two-level CSpace and slot allocation
 *   alloc.c   objects from untyped memory (watermarks simulated, several
 *             objects per Retype, paddr objects placed exactly)
 *   fill.c    frame contents
 *   vspace.c  ASID pools, page tables and frame mappings
 *   caps.c    CNode slots, IRQ handlers and their notifications
 *   tcb.c     thread configuration and start
 */
#ifndef CAPDL_LOADER_H
#define CAPDL_LOADER_H

#include <stdbool.h>

#include <rt.h>
#include <sel4/sel4.h>

#include "capdl_table.h"

/* The table: the image's last segment (loader.ld, docs/loader.md). */
extern const char __capdl_table[];
extern const char __loader_image_start[];
/* Scratch window for filling frames: one page table's worth, plus room
 * for a 2 MiB frame right after it. */
#define FILL_VADDR 0x7f0000000000ul
/* The loader's own bookkeeping, grown 2 MiB at a time. */
#define HEAP_VADDR 0x7e0000000000ul

struct loader {
	seL4_BootInfo *bi;
	const void *t;				/* the table */
	const struct capdl_header *h;
	const struct capdl_object *obj;
	const struct capdl_slot *slot;
	const struct capdl_tcb *tcb;
	const uint64_t *word;
	uint32_t nobj, nslot;
	seL4_CPtr *orig;			/* loader slot of each object's cap */
	seL4_CPtr *placed;			/* where each SLOTS entry's cap went */
	bool *in_place;				/* frames handed over from our image */
	seL4_CPtr cs_root;			/* our CSpace root, guard 40 */
	unsigned long calls;			/* kernel calls made */
	unsigned long caps, mappings;
};

extern struct loader L;

/* A slot's badge or guard (CAPDL_SLOT_WIDE: from WORDS). */
static inline seL4_Word slot_data(const struct capdl_slot *sl)
{
	return sl->flags & CAPDL_SLOT_WIDE ? L.word[sl->data] : sl->data;
}

/* The CNode cap data of a slot with CAPDL_SLOT_GUARD: guard and its size. */
static inline seL4_Word slot_guard_word(const struct capdl_slot *sl)
{
	return slot_data(sl) << seL4_GuardSizeBits | sl->guard_size;
}

/* Every kernel call goes through CALL(), which counts it. */
#define CALL(expr) (L.calls++, (expr))

/* Stop with one line naming the object (or slot) and the seL4 error. */
_Noreturn void fail_obj(uint32_t obj, const char *what, int err);
_Noreturn void fail_slot(uint32_t slot, const char *what, int err);
_Noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *error_name(int err);
const char *obj_name(uint32_t obj);

/* The slots of object i: [first, end). */
static inline uint32_t slots_end(uint32_t i)
{
	return i + 1 < L.nobj ? L.obj[i + 1].slots : L.nslot;
}

/* main.c: zeroed bookkeeping memory, never freed */
void *loader_zalloc(size_t bytes);

/* cspace.c */
void cspace_init(void);
seL4_CPtr slot_alloc(unsigned long n); /* n consecutive slots in one L2 */
#define LOADER_DEPTH 64
#define SLOT_RADIX 12 /* each level of the loader's CSpace */
int alloc_loader_object(seL4_Word type, unsigned size_bits, unsigned mem_bits,
			seL4_CPtr root, seL4_Word index, seL4_Word depth, seL4_Word offset);
/* The same into a new loader slot, returned in *slot. */
int new_loader_object(seL4_Word type, unsigned size_bits, unsigned mem_bits, seL4_CPtr *slot);

/* alloc.c */
void alloc_objects(void);
int kernel_type(const struct capdl_object *o, uint8_t *size_bits);

/* fill.c, vspace.c, caps.c, tcb.c */
void choose_in_place(void);
void fill_frames(void);
void make_asids(void);
void map_vspaces(void);
void make_irqs(void);
void fill_cnodes(void);
void move_originals(void);
unsigned long drop_originals(void);
bool frame_mapped(uint32_t obj);
void configure_tcbs(void);
void start_tcbs(void);
void drop_loader_caps(void);

#endif
