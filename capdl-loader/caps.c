/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * caps.c: IRQ handlers and the caps in CNode slots.
 *
 * A CNode slot gets a copy of the object's original cap (Copy, or Mint
 * when it carries a badge or a guard, with the spec's rights); a slot the
 * spec's cdt makes a child of another is derived from that parent cap in
 * its own CNode, so Revoke and Delete in the running system work as the
 * spec's derivation tree says. Parents are placed before children.
 *
 * Originals: when exactly one CNode slot holds an object's cap as it was
 * made (no badge, no guard, all rights) and the cdt does not make it a
 * child, that slot gets the original itself, moved there at the very end
 * (after every copy was derived from it and the threads were set up), so
 * the component can revoke what the spec says it owns and the loader
 * keeps nothing for it. A frame whose original holds a mapping keeps it.
 * A frame cap with CapDL's mapping: attribute gets the very cap that
 * maps the frame in that page-table slot, also moved there at the end.
 * The IRQ control cap cannot be copied: the slot that asks for it gets it
 * moved there.
 */
#include "loader.h"

void make_irqs(void)
{
	for (uint32_t i = 0; i < L.nobj; i++) {
		const struct capdl_object *o = &L.obj[i];
		if (o->type != CAPDL_OBJ_IRQ)
			continue;
		int err = CALL(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, o->arg & 0x7fffffffu,
							  o->arg >> 31, L.cs_root, L.orig[i],
							  LOADER_DEPTH));
		if (err)
			fail_obj(i, "IRQControl_GetTrigger", err);
		for (uint32_t s = o->slots; s < slots_end(i); s++) {
			const struct capdl_slot *sl = &L.slot[s];
			seL4_CPtr ntfn = L.orig[sl->obj];
			if (sl->flags & CAPDL_SLOT_BADGE || sl->rights) {
				/* capDL gives IRQ notification caps no rights: signal needs W */
				seL4_CapRights_t r = {{sl->rights ? sl->rights : 0xf}};
				seL4_CPtr copy = slot_alloc(1);
				err = CALL(seL4_CNode_Mint(L.cs_root, copy, LOADER_DEPTH, L.cs_root, ntfn,
							   LOADER_DEPTH, r,
							   sl->flags & CAPDL_SLOT_BADGE ? slot_data(sl) : 0));
				if (err)
					fail_slot(s, "minting the notification cap for the IRQ", err);
				ntfn = copy;
			}
			err = CALL(seL4_IRQHandler_SetNotification(L.orig[i], ntfn));
			if (err)
				fail_slot(s, "IRQHandler_SetNotification", err);
			L.placed[s] = ntfn;
		}
	}
}

/* The CDT parent of each slot record, or CAPDL_NONE. */
static uint32_t *parent_of;

static void read_cdt(void)
{
	uint32_t n;
	const struct capdl_cdt *e = CAPDL_SECTION(L.t, CAPDL_SECT_CDT, struct capdl_cdt, &n);
	parent_of = loader_zalloc(L.nslot * sizeof(*parent_of));
	for (uint32_t s = 0; s < L.nslot; s++)
		parent_of[s] = CAPDL_NONE;
	for (uint32_t i = 0; i < n; i++)
		parent_of[e[i].child] = e[i].parent;
}

/* Where a placed CNode slot is, as a Copy source: its CNode and depth. */
static seL4_CPtr *slot_cnode;
/* Slots that get their object's original at the end. */
static bool *gets_original;

static void choose_originals(void)
{
	uint8_t *count = loader_zalloc(L.nobj);
	gets_original = loader_zalloc(L.nslot * sizeof(*gets_original));
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t c = 0; c < L.nobj; c++) {
			if (L.obj[c].type != CAPDL_OBJ_CNODE)
				continue;
			for (uint32_t s = L.obj[c].slots; s < slots_end(c); s++) {
				const struct capdl_slot *sl = &L.slot[s];
				if (sl->type != CAPDL_CAP_OBJECT || (sl->flags & (CAPDL_SLOT_CHILD |
				    CAPDL_SLOT_BADGE | CAPDL_SLOT_GUARD)) || sl->rights != 0xf ||
				    parent_of[s] != CAPDL_NONE || L.in_place[sl->obj] ||
				    (L.obj[sl->obj].type == CAPDL_OBJ_FRAME && frame_mapped(sl->obj)))
					continue;
				if (pass == 0 && count[sl->obj] < 2)
					count[sl->obj]++;
				else if (pass == 1 && count[sl->obj] == 1)
					gets_original[s] = true;
			}
		}
}

static bool place(uint32_t cnode, uint32_t s)
{
	const struct capdl_slot *sl = &L.slot[s];
	seL4_CPtr src_root = L.cs_root, src = 0;
	seL4_Word src_depth = LOADER_DEPTH;
	switch (sl->type) {
	case CAPDL_CAP_OBJECT:
		src = L.orig[sl->obj];
		break;
	case CAPDL_CAP_ASID_CONTROL: src = seL4_CapASIDControl; break;
	case CAPDL_CAP_DOMAIN: src = seL4_CapDomain; break;
	case CAPDL_CAP_IRQ_CONTROL: {
		int err = CALL(seL4_CNode_Move(L.orig[cnode], sl->index, L.obj[cnode].size_bits,
					       L.cs_root, seL4_CapIRQControl, LOADER_DEPTH));
		if (err)
			fail_slot(s, "moving the IRQ control cap here", err);
		L.placed[s] = 1;
		L.caps++;
		return true;
	}
	case CAPDL_CAP_SCHED_CONTROL:
		fail_slot(s, "sched_control exists only on MCS kernels", 0);
	default:
		fail_slot(s, "reply caps cannot be made by a loader on a non-MCS kernel", 0);
	}
	if (gets_original[s] || (sl->flags & CAPDL_SLOT_MAPPING)) {
		L.placed[s] = 1; /* moved there by move_originals() */
		return true;
	}
	uint32_t p = parent_of[s];
	if (p != CAPDL_NONE && gets_original[p]) {
		/* derived from the original, which then moves to the parent slot */
		p = CAPDL_NONE;
	}
	if (p != CAPDL_NONE) {
		if (!L.placed[p])
			return false; /* its parent first */
		if (!slot_cnode[p])
			fail_slot(s, "a cdt parent must be a cap in a CNode", 0);
		uint32_t pc = (uint32_t)slot_cnode[p] - 1;
		src_root = L.orig[pc];
		src = L.slot[p].index;
		src_depth = L.obj[pc].size_bits;
	}
	seL4_CapRights_t rights = {{sl->rights}};
	int err;
	bool mint = sl->flags & (CAPDL_SLOT_BADGE | CAPDL_SLOT_GUARD);
	/* a child of a parent that already carries its badge is a copy of it:
	 * the kernel mints badges only into unbadged caps */
	if (p != CAPDL_NONE && (sl->flags & CAPDL_SLOT_BADGE) &&
	    (L.slot[p].flags & CAPDL_SLOT_BADGE) && slot_data(sl) == slot_data(&L.slot[p]))
		mint = false;
	if (mint) {
		seL4_Word data = sl->flags & CAPDL_SLOT_GUARD ? slot_guard_word(sl) : slot_data(sl);
		err = CALL(seL4_CNode_Mint(L.orig[cnode], sl->index, L.obj[cnode].size_bits,
					   src_root, src, (uint8_t)src_depth, rights, data));
	} else {
		err = CALL(seL4_CNode_Copy(L.orig[cnode], sl->index, L.obj[cnode].size_bits,
					   src_root, src, (uint8_t)src_depth, rights));
	}
	if (err)
		fail_slot(s, mint ? "Mint" : "Copy", err);
	L.placed[s] = 1;
	slot_cnode[s] = cnode + 1;
	L.caps++;
	return true;
}

void fill_cnodes(void)
{
	read_cdt();
	choose_originals();
	slot_cnode = loader_zalloc(L.nslot * sizeof(*slot_cnode));
	bool progress = true, waiting = true;
	while (waiting && progress) {
		progress = waiting = false;
		for (uint32_t c = 0; c < L.nobj; c++) {
			if (L.obj[c].type != CAPDL_OBJ_CNODE)
				continue;
			for (uint32_t s = L.obj[c].slots; s < slots_end(c); s++) {
				if (L.placed[s])
					continue;
				if (place(c, s))
					progress = true;
				else
					waiting = true;
			}
		}
	}
	if (waiting)
		fail("the cdt has a cycle, or a parent that is not a CNode cap");
}

/* The originals, last: other objects first, CNodes after them (a CNode's
 * original is the cap moves into it are addressed through). */
void move_originals(void)
{
	for (int cnodes = 0; cnodes < 2; cnodes++)
		for (uint32_t c = 0; c < L.nobj; c++) {
			if (L.obj[c].type != CAPDL_OBJ_CNODE)
				continue;
			for (uint32_t s = L.obj[c].slots; s < slots_end(c); s++) {
				const struct capdl_slot *sl = &L.slot[s];
				bool mapping = sl->flags & CAPDL_SLOT_MAPPING;
				if ((!gets_original[s] && !mapping) ||
				    (L.obj[sl->obj].type == CAPDL_OBJ_CNODE) != (cnodes == 1))
					continue;
				seL4_CPtr src = mapping ? L.placed[sl->data] : L.orig[sl->obj];
				int err = CALL(seL4_CNode_Move(L.orig[c], sl->index, L.obj[c].size_bits,
							       L.cs_root, src, LOADER_DEPTH));
				if (err)
					fail_slot(s, "moving the original cap here", err);
				L.caps++;
			}
		}
}

/* The originals the loader still holds that the spec does not need it to:
 * those of objects that a CNode slot holds a cap to (so the object lives
 * on without it), except frames and page tables, whose originals may hold
 * their mappings, and objects whose original was moved. Deleting them
 * leaves the loader only the caps its mappings and otherwise unreferenced
 * objects live on. Returns how many it deleted. */
unsigned long drop_originals(void)
{
	bool *referenced = loader_zalloc(L.nobj * sizeof(*referenced));
	bool *moved = loader_zalloc(L.nobj * sizeof(*moved));
	for (uint32_t c = 0; c < L.nobj; c++) {
		if (L.obj[c].type != CAPDL_OBJ_CNODE)
			continue;
		for (uint32_t s = L.obj[c].slots; s < slots_end(c); s++) {
			const struct capdl_slot *sl = &L.slot[s];
			if (sl->type != CAPDL_CAP_OBJECT)
				continue;
			referenced[sl->obj] = true;
			moved[sl->obj] |= gets_original[s];
		}
	}
	unsigned long n = 0;
	for (uint32_t i = 0; i < L.nobj; i++) {
		uint8_t t = L.obj[i].type;
		if (!referenced[i] || moved[i] || L.in_place[i] || t == CAPDL_OBJ_FRAME ||
		    t == CAPDL_OBJ_PAGE_TABLE)
			continue;
		int err = CALL(seL4_CNode_Delete(L.cs_root, L.orig[i], LOADER_DEPTH));
		if (err)
			fail_obj(i, "deleting the loader's original cap", err);
		n++;
	}
	return n;
}
