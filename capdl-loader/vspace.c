/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vspace.c: ASID pools, and every page table and frame mapping.
 *
 * Spec ASID pools are made with ASIDControl_MakePool and get the VSpaces
 * their slots list. Every other VSpace goes into the loader's pools: the
 * initial thread's pool first, then new pools as each fills up, so the
 * number of VSpaces is limited only by the kernel's 2^16 ASIDs.
 *
 * Each VSpace's tables are walked from the root: a page-table entry maps
 * the table with PageTable_Map, a frame entry maps the frame with
 * Page_Map. A frame's first mapping uses its original cap; every further
 * mapping a fresh copy (one cap can hold one mapping).
 */
#include "loader.h"

static seL4_CPtr pool = seL4_CapInitThreadASIDPool;
static uint32_t *map_count; /* mappings made of each frame so far */

static seL4_CPtr new_pool(uint32_t for_obj)
{
	seL4_CPtr ut, p;
	int err = new_loader_object(seL4_UntypedObject, seL4_ASIDPoolBits, seL4_ASIDPoolBits, &ut);
	p = slot_alloc(1);
	if (!err)
		err = CALL(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, L.cs_root, p,
							 LOADER_DEPTH));
	if (err)
		fail_obj(for_obj, "making an ASID pool for it", err);
	return p;
}

void make_asids(void)
{
	bool *assigned = loader_zalloc(L.nobj * sizeof(*assigned));
	/* spec pools: the untyped made in alloc.c becomes the pool */
	for (uint32_t i = 0; i < L.nobj; i++) {
		if (L.obj[i].type != CAPDL_OBJ_ASID_POOL)
			continue;
		seL4_CPtr p = slot_alloc(1);
		int err = CALL(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, L.orig[i],
							     L.cs_root, p, LOADER_DEPTH));
		if (err)
			fail_obj(i, "MakePool", err);
		L.orig[i] = p;
		for (uint32_t s = L.obj[i].slots; s < slots_end(i); s++) {
			err = CALL(seL4_ARM_ASIDPool_Assign(p, L.orig[L.slot[s].obj]));
			if (err)
				fail_slot(s, "ASIDPool_Assign", err);
			L.placed[s] = L.orig[L.slot[s].obj];
			assigned[L.slot[s].obj] = true;
		}
	}
	for (uint32_t i = 0; i < L.nobj; i++) {
		if (L.obj[i].type != CAPDL_OBJ_VSPACE)
			continue;
		if (assigned[i])
			continue;
		int err = CALL(seL4_ARM_ASIDPool_Assign(pool, L.orig[i]));
		if (err == seL4_DeleteFirst) { /* this pool is full */
			pool = new_pool(i);
			err = CALL(seL4_ARM_ASIDPool_Assign(pool, L.orig[i]));
		}
		if (err)
			fail_obj(i, "ASIDPool_Assign", err);
	}
}

static seL4_Word vm_attributes(const struct capdl_slot *s)
{
	seL4_Word a = s->flags & CAPDL_SLOT_UNCACHED ? 0 : seL4_ARM_Default_VMAttributes;
	if (!(s->flags & CAPDL_SLOT_EXECUTABLE))
		a |= seL4_ARM_ExecuteNever;
	return a;
}

bool frame_mapped(uint32_t obj)
{
	return map_count && map_count[obj];
}

static void map_frame(uint32_t vs, uint32_t s, seL4_Word va)
{
	const struct capdl_slot *sl = &L.slot[s];
	seL4_CPtr cap = L.orig[sl->obj];
	if (map_count[sl->obj]++) {
		seL4_CPtr copy = slot_alloc(1);
		int err = CALL(seL4_CNode_Copy(L.cs_root, copy, LOADER_DEPTH, L.cs_root, cap,
					       LOADER_DEPTH, seL4_AllRights));
		if (err)
			fail_slot(s, "copying the frame cap for another mapping", err);
		cap = copy;
	}
	/* a write-only mapping does not exist: W implies R */
	bool r = sl->rights & (CAPDL_RIGHT_READ | CAPDL_RIGHT_WRITE);
	bool w = sl->rights & CAPDL_RIGHT_WRITE;
	int err = CALL(seL4_ARM_Page_Map(cap, L.orig[vs], va, seL4_CapRights_new(0, 0, r, w),
					 vm_attributes(sl)));
	if (err)
		fail_slot(s, "Page_Map", err);
	L.placed[s] = cap;
	L.mappings++;
}

static void map_table(uint32_t vs, uint32_t table, int level, seL4_Word base)
{
	static const unsigned shift[] = {39, 30, 21, 12};
	for (uint32_t s = L.obj[table].slots; s < slots_end(table); s++) {
		const struct capdl_slot *sl = &L.slot[s];
		seL4_Word va = base | (seL4_Word)sl->index << shift[level];
		if (sl->type != CAPDL_CAP_OBJECT)
			fail_slot(s, "a page table holds only frames and page tables", 0);
		uint8_t t = L.obj[sl->obj].type;
		if (t == CAPDL_OBJ_FRAME) {
			map_frame(vs, s, va);
		} else if (t == CAPDL_OBJ_PAGE_TABLE && level < 3) {
			int err = CALL(seL4_ARM_PageTable_Map(L.orig[sl->obj], L.orig[vs], va,
							      seL4_ARM_Default_VMAttributes));
			if (err)
				fail_slot(s, "PageTable_Map", err);
			L.placed[s] = L.orig[sl->obj];
			L.mappings++;
			map_table(vs, sl->obj, level + 1, va);
		} else {
			fail_slot(s, "not a frame or page table at this level", 0);
		}
	}
}

void map_vspaces(void)
{
	map_count = loader_zalloc(L.nobj * sizeof(*map_count));
	for (uint32_t i = 0; i < L.nobj; i++)
		if (L.obj[i].type == CAPDL_OBJ_VSPACE)
			map_table(i, i, 0, 0);
}
