/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * alloc.c: every object of the table from untyped memory.
 *
 * The loader knows where the kernel will put each object: Retype places
 * an object at the untyped's watermark rounded up to the object's size,
 * and an untyped that has children is never reset. So the loader keeps
 * its own copy of each watermark and plans every object before retyping
 * it: no trial retypes, no GetAddress. Objects come in table order
 * (paddr objects by address, then largest first); a run of objects of
 * one type and size that lands contiguously in one untyped is made with
 * one Retype (up to 256 at a time). An object at a fixed physical address
 * is reached by retyping untyped "fillers" over the gap before it.
 */
#include "loader.h"

struct untyped {
	seL4_CPtr cap;
	uint64_t base, end, free; /* physical; free = watermark */
	bool device;
};

static struct untyped ut[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static unsigned nut;

static void alloc_init(void)
{
	const seL4_BootInfo *bi = L.bi;
	nut = (unsigned)(bi->untyped.end - bi->untyped.start);
	for (unsigned i = 0; i < nut; i++) {
		const seL4_UntypedDesc *d = &bi->untypedList[i];
		ut[i] = (struct untyped){bi->untyped.start + i, d->paddr,
					 d->paddr + (1ull << d->sizeBits), d->paddr, d->isDevice};
	}
	/* RAM untypeds largest first: objects come largest first too */
	for (unsigned i = 1; i < nut; i++)
		for (unsigned j = i; j > 0; j--) {
			struct untyped *a = &ut[j - 1], *b = &ut[j];
			bool swap = a->device != b->device ? a->device
				    : (b->end - b->base) > (a->end - a->base);
			if (!swap)
				break;
			struct untyped t = *a;
			*a = *b;
			*b = t;
		}
}

static uint64_t align_up(uint64_t x, unsigned bits)
{
	uint64_t m = (1ull << bits) - 1;
	return (x + m) & ~m;
}

/* Plan 2^bits bytes of RAM in the untyped it fits most tightly; returns
 * the untyped index. Best fit keeps large untypeds whole for the large
 * objects, and the first Retype from an untyped makes the kernel zero all
 * of it: small systems then touch only small untypeds. With objects
 * coming largest first it never fails where first fit would succeed. */
static int plan(unsigned bits)
{
	int best = -1;
	uint64_t best_left = 0;
	for (unsigned i = 0; i < nut; i++) {
		const struct untyped *u = &ut[i];
		uint64_t at = align_up(u->free, bits);
		if (u->device || at < u->free || at + (1ull << bits) > u->end)
			continue;
		if (best < 0 || u->end - at < best_left) {
			best = (int)i;
			best_left = u->end - at;
		}
	}
	if (best >= 0)
		ut[best].free = align_up(ut[best].free, bits) + (1ull << bits);
	return best;
}

/* Memory the loader needs for itself (CNodes of its CSpace, tables for
 * its fill window): planned like any object, so the watermarks stay true. */
static int retype_one(seL4_Word type, unsigned size_bits, unsigned mem_bits,
		      seL4_CPtr root, seL4_Word index, seL4_Word depth, seL4_Word offset)
{
	int i = plan(mem_bits);
	if (i < 0)
		return seL4_NotEnoughMemory;
	return CALL(seL4_Untyped_Retype(ut[i].cap, type, size_bits, root, index, depth,
					offset, 1));
}

int alloc_loader_object(seL4_Word type, unsigned size_bits, unsigned mem_bits,
			seL4_CPtr root, seL4_Word index, seL4_Word depth, seL4_Word offset)
{
	if (!nut)
		alloc_init();
	return retype_one(type, size_bits, mem_bits, root, index, depth, offset);
}

int new_loader_object(seL4_Word type, unsigned size_bits, unsigned mem_bits, seL4_CPtr *slot)
{
	*slot = slot_alloc(1);
	return alloc_loader_object(type, size_bits, mem_bits, L.cs_root, *slot >> SLOT_RADIX,
				   LOADER_DEPTH - SLOT_RADIX, *slot & ((1u << SLOT_RADIX) - 1));
}

/* The kernel's object type for o, its Retype size_bits, and its size. */
int kernel_type(const struct capdl_object *o, uint8_t *size_bits)
{
	const uint8_t *b = L.h->object_bits;
	*size_bits = 0;
	switch (o->type) {
	case CAPDL_OBJ_UNTYPED: *size_bits = o->size_bits; return seL4_UntypedObject;
	case CAPDL_OBJ_TCB: return seL4_TCBObject;
	case CAPDL_OBJ_ENDPOINT: return seL4_EndpointObject;
	case CAPDL_OBJ_NOTIFICATION: return seL4_NotificationObject;
	case CAPDL_OBJ_CNODE: *size_bits = o->size_bits; return seL4_CapTableObject;
	case CAPDL_OBJ_VSPACE: return seL4_ARM_VSpaceObject;
	case CAPDL_OBJ_PAGE_TABLE: return seL4_ARM_PageTableObject;
	case CAPDL_OBJ_FRAME:
		return o->size_bits == 12 ? seL4_ARM_SmallPageObject
		       : o->size_bits == 21 ? seL4_ARM_LargePageObject
		       : o->size_bits == 30 ? seL4_ARM_HugePageObject : -1;
	case CAPDL_OBJ_ASID_POOL: *size_bits = b[CAPDL_OBJ_ASID_POOL]; return seL4_UntypedObject;
	default: return -1;
	}
}

static unsigned mem_bits(const struct capdl_object *o)
{
	switch (o->type) {
	case CAPDL_OBJ_UNTYPED:
	case CAPDL_OBJ_FRAME: return o->size_bits;
	case CAPDL_OBJ_CNODE: return o->size_bits + seL4_SlotBits;
	default: return L.h->object_bits[o->type];
	}
}

/* Retype n objects into loader slots slot..slot+n-1 (one L2 CNode). */
static int retype_to(seL4_CPtr u, int type, unsigned size_bits, seL4_CPtr slot, uint32_t n)
{
	return CALL(seL4_Untyped_Retype(u, (seL4_Word)type, size_bits, L.cs_root,
					slot >> SLOT_RADIX, LOADER_DEPTH - SLOT_RADIX,
					slot & ((1u << SLOT_RADIX) - 1), n));
}

/* Retype fillers so that u's watermark reaches p exactly. */
static void fill_gap(uint32_t id, struct untyped *u, uint64_t p)
{
	while (u->free < p) {
		unsigned bits = (unsigned)__builtin_ctzll(u->free);
		unsigned room = 63 - (unsigned)__builtin_clzll(p - u->free);
		if (room < bits)
			bits = room;
		if (bits > 47)
			bits = 47;
		int err = retype_to(u->cap, seL4_UntypedObject, bits, slot_alloc(1), 1);
		if (err)
			fail_obj(id, "Retype of a filler before it", err);
		u->free += 1ull << bits;
	}
}

static void place_paddr(uint32_t id, int type, uint8_t size_bits)
{
	const struct capdl_object *o = &L.obj[id];
	uint64_t p = L.word[o->arg], size = 1ull << mem_bits(o);
	struct untyped *u = NULL;
	for (unsigned i = 0; i < nut && !u; i++)
		if (p >= ut[i].base && p + size <= ut[i].end)
			u = &ut[i];
	if (!u)
		fail("%s: no untyped covers paddr 0x%lx..0x%lx", obj_name(id),
		     (unsigned long)p, (unsigned long)(p + size));
	if (u->free > p)
		fail("%s: paddr 0x%lx is already taken (watermark 0x%lx)", obj_name(id),
		     (unsigned long)p, (unsigned long)u->free);
	fill_gap(id, u, p);
	L.orig[id] = slot_alloc(1);
	int err = retype_to(u->cap, type, size_bits, L.orig[id], 1);
	if (err)
		fail_obj(id, "Retype", err);
	u->free = p + size;
}

void alloc_objects(void)
{
	if (!nut)
		alloc_init();
	for (uint32_t i = 0; i < L.nobj;) {
		const struct capdl_object *o = &L.obj[i];
		uint8_t size_bits;
		int type = kernel_type(o, &size_bits);
		if (o->type == CAPDL_OBJ_IRQ) {
			L.orig[i++] = slot_alloc(1); /* the handler cap, made in caps.c */
			continue;
		}
		if (L.in_place[i]) {
			i++; /* a page of our own image (fill.c): nothing to make */
			continue;
		}
		if (type < 0)
			fail_obj(i, "cannot be created on this kernel (unsupported type)", 0);
		if (o->flags & CAPDL_OBJ_PADDR) {
			place_paddr(i, type, size_bits);
			i++;
			continue;
		}
		/* a run of like objects, at most 256, in one second-level CNode */
		uint32_t n = 1;
		while (i + n < L.nobj && n < seL4_UntypedRetypeMaxObjects &&
		       L.obj[i + n].type == o->type && L.obj[i + n].size_bits == o->size_bits &&
		       !(L.obj[i + n].flags & CAPDL_OBJ_PADDR) && !L.in_place[i + n])
			n++;
		seL4_CPtr s = slot_alloc(n);
		for (uint32_t k = 0; k < n;) {
			int u = plan(mem_bits(o));
			if (u < 0)
				fail_obj(i + k, "no untyped memory left for it", seL4_NotEnoughMemory);
			uint32_t m = 1;
			while (k + m < n && ut[u].free + (1ull << mem_bits(o)) <= ut[u].end) {
				ut[u].free += 1ull << mem_bits(o); /* same size: stays aligned */
				m++;
			}
			int err = retype_to(ut[u].cap, type, size_bits, s + k, m);
			if (err)
				fail_obj(i + k, "Retype", err);
			for (uint32_t j = 0; j < m; j++)
				L.orig[i + k + j] = s + k + j;
			k += m;
		}
		i += n;
	}
}
