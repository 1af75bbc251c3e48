/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fill.c: initial contents of frames.
 *
 * A 4 KiB frame whose contents are a page of the table is not made at
 * all: the table's pages are 4 KiB aligned in the loader's own image, so
 * the kernel already made that frame for the loader (a userImageFrames
 * cap). It is handed over in place: unmapped from the loader once every
 * other frame that shares the page has been filled, then mapped where the
 * spec says. Every other filled frame is mapped once into the loader's
 * fill window (with its original cap), its non-zero pages are copied from
 * the table's PAGES (zero pages need nothing: Retype zeroes), and it is
 * unmapped. Frames some component will execute get their instruction
 * cache made coherent while they are mapped here.
 */
#include "loader.h"

static bool window_ready;

/* Page tables for the fill window at FILL_VADDR: levels 1, 2 and 3
 * (the walk of PageTable_Map puts each at the first missing level). */
static void window_init(void)
{
	for (int level = 1; level <= 3; level++) {
		seL4_CPtr pt;
		int err = new_loader_object(seL4_ARM_PageTableObject, 0, seL4_PageTableBits, &pt);
		if (err)
			fail("cannot make the fill window: Retype: %s", error_name(err));
		err = CALL(seL4_ARM_PageTable_Map(pt, seL4_CapInitThreadVSpace, FILL_VADDR,
						  seL4_ARM_Default_VMAttributes));
		if (err)
			fail("cannot make the fill window: PageTable_Map: %s", error_name(err));
	}
	window_ready = true;
}

/* Which frames some mapping makes executable: one pass over the slots. */
static bool *executable_frames(void)
{
	bool *x = loader_zalloc(L.nobj * sizeof(*x));
	for (uint32_t s = 0; s < L.nslot; s++)
		if (L.slot[s].flags & CAPDL_SLOT_EXECUTABLE)
			x[L.slot[s].obj] = true;
	return x;
}

/* Pages are 4 KiB aligned at both ends: copy a word at a time. */
static void copy_page(void *dst, const void *src)
{
	uint64_t *d = dst;
	const uint64_t *s = src;
	for (unsigned i = 0; i < 4096 / 8; i++)
		d[i] = s[i];
}

/* The image frame cap holding byte `at` of our image. */
static seL4_CPtr image_frame(const void *at)
{
	seL4_Word page = ((seL4_Word)at - (seL4_Word)__loader_image_start) >> 12;
	const seL4_SlotRegion *r = &L.bi->userImageFrames;
	if (page >= r->end - r->start)
		fail("internal: table page outside the image frames");
	return r->start + page;
}

/* Before objects are made: which frames are a page of the table, each
 * page given to the first 4 KiB frame that has exactly its contents. */
void choose_in_place(void)
{
	uint32_t nframe, nref, npage;
	const struct capdl_frame *fr = CAPDL_SECTION(L.t, CAPDL_SECT_FRAMES, struct capdl_frame, &nframe);
	const uint32_t *ref = CAPDL_SECTION(L.t, CAPDL_SECT_PAGEREFS, uint32_t, &nref);
	const char *pages = CAPDL_SECTION(L.t, CAPDL_SECT_PAGES, char, &npage);
	L.in_place = loader_zalloc(L.nobj * sizeof(*L.in_place));
	bool *taken = loader_zalloc(npage * sizeof(*taken) + 1);
	for (uint32_t i = 0; i < nframe; i++) {
		uint32_t id = fr[i].obj, r = ref[fr[i].pages];
		const struct capdl_object *o = &L.obj[id];
		if (o->size_bits != 12 || (o->flags & CAPDL_OBJ_PADDR) || r == CAPDL_NONE || taken[r])
			continue;
		taken[r] = true;
		L.in_place[id] = true;
		L.orig[id] = image_frame(pages + (size_t)r * 4096);
	}
	(void)nref;
}

void fill_frames(void)
{
	uint32_t nframe, nref, npage;
	const struct capdl_frame *fr = CAPDL_SECTION(L.t, CAPDL_SECT_FRAMES, struct capdl_frame, &nframe);
	const uint32_t *ref = CAPDL_SECTION(L.t, CAPDL_SECT_PAGEREFS, uint32_t, &nref);
	const char *pages = CAPDL_SECTION(L.t, CAPDL_SECT_PAGES, char, &npage);
	bool *executed = nframe ? executable_frames() : NULL;
	for (uint32_t i = 0; i < nframe; i++) {
		uint32_t id = fr[i].obj;
		unsigned bits = L.obj[id].size_bits;
		if (L.in_place[id])
			continue;
		if (bits > 21)
			fail_obj(id, "filling a frame larger than 2 MiB is not supported", 0);
		if (!window_ready)
			window_init();
		/* 4 KiB frames go in the window's page table; a 2 MiB frame right
		 * after it, where the window has no level-3 table */
		seL4_Word va = bits == 12 ? FILL_VADDR : FILL_VADDR + (2ul << 20);
		int err = CALL(seL4_ARM_Page_Map(L.orig[id], seL4_CapInitThreadVSpace, va,
						 seL4_ReadWrite, seL4_ARM_Default_VMAttributes |
						 seL4_ARM_ExecuteNever));
		if (err)
			fail_obj(id, "mapping it to fill it", err);
		for (uint32_t p = 0; p < 1u << (bits - 12); p++) {
			uint32_t r = ref[fr[i].pages + p];
			if (r != CAPDL_NONE)
				copy_page((void *)(va + p * 4096ul), pages + (size_t)r * 4096);
		}
		if (executed[id]) {
			err = CALL(seL4_ARM_Page_Unify_Instruction(L.orig[id], 0, 1ul << bits));
			if (err)
				fail_obj(id, "making its instruction cache coherent", err);
		}
		err = CALL(seL4_ARM_Page_Unmap(L.orig[id]));
		if (err)
			fail_obj(id, "unmapping it after filling it", err);
	}
	/* now the pages are no longer read: hand them over */
	for (uint32_t i = 0; i < nframe; i++) {
		uint32_t id = fr[i].obj;
		if (!L.in_place[id])
			continue;
		int err;
		if (executed[id]) {
			err = CALL(seL4_ARM_Page_Unify_Instruction(L.orig[id], 0, 4096));
			if (err)
				fail_obj(id, "making its instruction cache coherent", err);
		}
		err = CALL(seL4_ARM_Page_Unmap(L.orig[id]));
		if (err)
			fail_obj(id, "unmapping it from the loader's image", err);
	}
	(void)nref;
	(void)npage;
}
