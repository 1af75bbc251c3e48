/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cnode.c: CNode invocations (Copy, Mint, Move, Mutate, Rotate, Delete,
 * Revoke, SaveCaller, CancelBadgedSends), cap derivation, and deleting
 * caps with the finalisation of objects whose last cap goes (reference
 * sections 6 and 10.2).
 *
 * The kernel is not preemptible, so deletion needs no zombies: a final
 * CNode or TCB cap is unlinked from its slot first, then the object's
 * own slots are emptied (recursively).
 */
#include <stddef.h>
#include <kernel/invoke.h>
#include <kernel/irq.h>
#include <kernel/kprintf.h>

int derive_cap(struct cte *slot, struct cap c, struct cap *out)
{
	switch (cap_type(c)) {
	case CAP_ZOMBIE:
	case CAP_IRQ_CONTROL:
	case CAP_REPLY:
		*out = cap_null();
		return 0;
	case CAP_UNTYPED:
		if (cdt_has_children(slot))
			return seL4_RevokeFirst;
		*out = c;
		return 0;
	case CAP_PAGE_TABLE:
	case CAP_VSPACE:
		if (!cap_is_mapped(c))
			return seL4_IllegalOperation;
		*out = c;
		return 0;
	case CAP_FRAME:
		*out = cap_clear_mapping(c);
		return 0;
	default:
		*out = c;
		return 0;
	}
}

void cte_delete(struct cte *slot)
{
	struct cap c = slot->cap;
	bool final;

	if (cap_type(c) == CAP_NULL)
		return;
	final = cdt_is_final(slot);
	if (final && (cap_type(c) == CAP_CNODE || cap_type(c) == CAP_THREAD)) {
		cdt_remove(slot);
		obj_finalise(c, true);
		return;
	}
	obj_finalise(c, final);
	cdt_remove(slot);
}

void cte_revoke(struct cte *slot)
{
	struct cte *next;

	while ((next = cdt_next(slot)) && cdt_is_parent(slot, next))
		cte_delete(next);
}

bool cte_revoke_preemptible(struct cte *slot)
{
	struct cte *next;

	while ((next = cdt_next(slot)) && cdt_is_parent(slot, next)) {
		cte_delete(next);
		if (irq_preemption_pending() &&
		    (next = cdt_next(slot)) && cdt_is_parent(slot, next))
			return false;
	}
	return true;
}

static bool has_cancel_send_rights(struct cap c)
{
	return cap_type(c) == CAP_ENDPOINT && cap_rights(c) == RIGHTS_ALL;
}

static int src_slot(struct invocation *inv, struct cap root, uint64_t index,
                    uint64_t depth, struct cte **slot)
{
	int err = inv_lookup_slot(inv, true, root, index, depth, slot);

	if (err)
		return err;
	if (cap_type((*slot)->cap) == CAP_NULL)
		return inv_missing_cap(inv, true, (unsigned)depth);
	return 0;
}

static int copy_like(struct invocation *inv, struct cte *dest)
{
	uint64_t label = inv->label;
	struct cte *src;
	struct cap c, d;
	int err;

	if (inv->length < 4 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	if (cap_type(dest->cap) != CAP_NULL)
		return seL4_DeleteFirst;
	err = src_slot(inv, inv_extra(inv, 0), inv_mr(inv, 2), inv_mr(inv, 3),
	               &src);
	if (err)
		return err;
	c = src->cap;
	switch (label) {
	case CNodeCopy:
	case CNodeMint:
		if (inv->length < (label == CNodeCopy ? 5u : 6u))
			return seL4_TruncatedMessage;
		c = cap_mask_rights(c, (unsigned)inv_mr(inv, 4));
		if (label == CNodeMint)
			c = cap_update_data(false, inv_mr(inv, 5), c);
		err = derive_cap(src, c, &d);
		if (err)
			return err;
		if (cap_type(d) == CAP_NULL)
			return seL4_IllegalOperation;
		cdt_insert(d, src, dest);
		return 0;
	case CNodeMove:
		cdt_move(c, src, dest);
		return 0;
	default: /* CNodeMutate */
		if (inv->length < 5)
			return seL4_TruncatedMessage;
		c = cap_update_data(true, inv_mr(inv, 4), c);
		if (cap_type(c) == CAP_NULL)
			return seL4_IllegalOperation;
		cdt_move(c, src, dest);
		return 0;
	}
}

static int rotate(struct invocation *inv, struct cte *dest)
{
	struct cte *src, *pivot;
	struct cap new_src, new_pivot;
	int err;

	if (inv->length < 8 || inv->n_extra < 2)
		return seL4_TruncatedMessage;
	err = inv_lookup_slot(inv, true, inv_extra(inv, 1), inv_mr(inv, 6),
	                      inv_mr(inv, 7), &src);
	if (err)
		return err;
	err = inv_lookup_slot(inv, true, inv_extra(inv, 0), inv_mr(inv, 3),
	                      inv_mr(inv, 4), &pivot);
	if (err)
		return err;
	if (pivot == src || pivot == dest)
		return seL4_IllegalOperation;
	if (src != dest && cap_type(dest->cap) != CAP_NULL)
		return seL4_DeleteFirst;
	if (cap_type(src->cap) == CAP_NULL)
		return inv_missing_cap(inv, true, (unsigned)inv_mr(inv, 7));
	if (cap_type(pivot->cap) == CAP_NULL)
		return inv_missing_cap(inv, false, (unsigned)inv_mr(inv, 4));
	new_src = cap_update_data(true, inv_mr(inv, 5), src->cap);
	new_pivot = cap_update_data(true, inv_mr(inv, 2), pivot->cap);
	if (cap_type(new_src) == CAP_NULL || cap_type(new_pivot) == CAP_NULL)
		return seL4_IllegalOperation;
	if (src == dest) {
		cdt_swap(new_src, src, new_pivot, pivot);
	} else {
		cdt_move(new_pivot, pivot, dest);
		cdt_move(new_src, src, pivot);
	}
	return 0;
}

int decode_cnode(struct invocation *inv)
{
	struct cte *dest, *caller;
	int err;

	if (inv->label < CNodeRevoke || inv->label > CNodeSaveCaller)
		return seL4_IllegalOperation;
	if (inv->length < 2)
		return seL4_TruncatedMessage;
	err = inv_lookup_slot(inv, false, inv->cap, inv_mr(inv, 0),
	                      inv_mr(inv, 1), &dest);
	if (err)
		return err;

	switch (inv->label) {
	case CNodeCopy:
	case CNodeMint:
	case CNodeMove:
	case CNodeMutate:
		return copy_like(inv, dest);
	case CNodeRevoke:
		return cte_revoke_preemptible(dest) ? 0 : INV_PREEMPTED;
	case CNodeDelete:
		cte_delete(dest);
		return 0;
	case CNodeSaveCaller:
		if (cap_type(dest->cap) != CAP_NULL)
			return seL4_DeleteFirst;
		caller = &inv->thread->slots[TCB_CALLER];
		if (cap_type(caller->cap) == CAP_REPLY)
			cdt_move(caller->cap, caller, dest);
		return 0;
	case CNodeCancelBadgedSends:
		if (!has_cancel_send_rights(dest->cap))
			return seL4_IllegalOperation;
		if (cap_badge(dest->cap))
			ep_cancel_badged_sends(cap_obj_ptr(dest->cap),
			                       cap_badge(dest->cap));
		return 0;
	case CNodeRotate:
		return rotate(inv, dest);
	default:
		return seL4_IllegalOperation;
	}
}
