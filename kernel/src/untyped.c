/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * untyped.c: Untyped_Retype (reference section 10.1): the checks in
 * seL4's order, then the objects and their caps, children of the untyped.
 * The arithmetic is in retype.c.
 *
 * Invariant (as in seL4): untyped memory above an untyped's watermark is
 * zero.  Boot untypeds start full; a reset (no children) zeroes the used
 * part and starts again at 0.
 */
#include <kernel/compiler.h>
#include <kernel/invoke.h>
#include <kernel/irq.h>
#include <kernel/retype.h>
#include <kernel/string.h>
#include <arch/vspace.h>

/* Bytes zeroed between two preemption points of a reset. */
#define RESET_CHUNK (UINT64_C(1) << 16)

static struct cap create_object(enum obj_type type, uint64_t pa,
                                uint64_t user_bits, bool device)
{
	void *p = paddr_to_kptr(pa);

	switch (type) {
	case OBJ_UNTYPED:
		return cap_untyped(pa, (unsigned)user_bits, device, 0);
	case OBJ_TCB:
		tcb_init(p);
		return cap_thread(pa);
	case OBJ_ENDPOINT:
		memset(p, 0, 16);
		return cap_endpoint(pa, RIGHTS_ALL, 0);
	case OBJ_NOTIFICATION:
		memset(p, 0, 32);
		return cap_notification(pa, RIGHT_READ | RIGHT_WRITE, 0);
	case OBJ_CNODE:
		return cap_cnode(pa, (unsigned)user_bits, 0, 0);
	case OBJ_SMALL_PAGE:
		return cap_frame(pa, FRAME_4K, VM_READ | VM_WRITE, device);
	case OBJ_LARGE_PAGE:
		return cap_frame(pa, FRAME_2M, VM_READ | VM_WRITE, device);
	case OBJ_HUGE_PAGE:
		return cap_frame(pa, FRAME_1G, VM_READ | VM_WRITE, device);
	case OBJ_PAGE_TABLE:
		return cap_page_table(pa);
	case OBJ_VSPACE:
		return cap_vspace(pa);
	default:
		return cap_null();
	}
}

int decode_untyped(struct invocation *inv)
{
	uint64_t type, bits, index, depth, offset, num, arg = 0, lo = 0, hi = 0;
	uint64_t start, new_fi, free_bytes = 0, nslots;
	struct cap ut = inv->cap, dest_cnode;
	struct cte *slot, *dest;
	unsigned obj_bits;
	bool reset;
	int err;

	if (inv->label != UntypedRetype)
		return seL4_IllegalOperation;
	if (inv->length < 6 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	type = inv_mr(inv, 0);
	bits = inv_mr(inv, 1);
	index = inv_mr(inv, 2);
	depth = inv_mr(inv, 3);
	offset = inv_mr(inv, 4);
	num = inv_mr(inv, 5);

	err = retype_check_type(type, bits, &arg, &lo, &hi);
	if (err == seL4_InvalidArgument)
		return inv_invalid_arg(inv, (unsigned)arg);
	if (err)
		return inv_range(inv, lo, hi);

	if (depth == 0) {
		dest_cnode = inv_extra(inv, 0);
	} else {
		err = inv_lookup_slot(inv, false, inv_extra(inv, 0), index,
		                      depth, &slot);
		if (err)
			return err;
		dest_cnode = slot->cap;
	}
	if (cap_type(dest_cnode) != CAP_CNODE)
		return inv_missing_cap(inv, false, (unsigned)depth);

	nslots = UINT64_C(1) << cap_cnode_radix(dest_cnode);
	if (offset > nslots - 1)
		return inv_range(inv, 0, nslots - 1);
	if (num < 1 || num > RETYPE_MAX_OBJECTS)
		return inv_range(inv, 1, RETYPE_MAX_OBJECTS);
	if (num > nslots - offset)
		return inv_range(inv, 1, nslots - offset);
	dest = (struct cte *)cap_obj_ptr(dest_cnode) + offset;
	for (uint64_t i = 0; i < num; i++)
		if (cap_type(dest[i].cap) != CAP_NULL)
			return seL4_DeleteFirst;

	reset = !cdt_has_children(inv->slot);
	obj_bits = retype_object_bits((enum obj_type)type, bits);
	err = retype_place(cap_paddr(ut), cap_untyped_bits(ut),
	                   cap_untyped_free_index(ut), reset,
	                   cap_untyped_device(ut), (enum obj_type)type,
	                   obj_bits, num, &start, &new_fi, &free_bytes);
	if (err == seL4_NotEnoughMemory)
		return inv_not_enough_memory(inv, free_bytes);
	if (err)
		return inv_invalid_arg(inv, 1);

	/* Perform.  A reset zeroes the used part from the top down, a chunk
	 * at a time, lowering the free index as it goes (so the memory above
	 * it is always zero); an interrupt between chunks stops it, and the
	 * system call, run again, carries on (seL4 resetUntypedCap). */
	if (reset && !cap_untyped_device(ut)) {
		uint64_t used = cap_untyped_free_index(ut) << UT_MIN_BITS;

		while (used) {
			uint64_t from = used > RESET_CHUNK ?
			                ALIGN_DOWN(used - 1, RESET_CHUNK) : 0;

			arch_zero_memory(cap_paddr(ut) + from, used - from);
			used = from;
			inv->slot->cap.w1 = used >> UT_MIN_BITS;
			if (used && irq_preemption_pending())
				return INV_PREEMPTED;
		}
	}
	inv->slot->cap.w1 = new_fi;
	for (uint64_t i = 0; i < num; i++) {
		struct cap c = create_object((enum obj_type)type,
		                             start + (i << obj_bits), bits,
		                             cap_untyped_device(ut));

		cdt_insert_new(inv->slot, &dest[i], c);
	}
	return 0;
}
