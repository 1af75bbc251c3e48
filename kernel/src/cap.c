/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cap.c: pure operations on capabilities: object regions, identity,
 * rights masking, cap data (badges, guards), revocability.  Host-tested.
 */
#include <kernel/cap.h>

unsigned cap_object_bits(struct cap c)
{
	switch (cap_type(c)) {
	case CAP_UNTYPED:      return cap_untyped_bits(c);
	case CAP_ENDPOINT:     return 4;
	case CAP_NOTIFICATION: return 5;
	case CAP_CNODE:        return cap_cnode_radix(c) + 5;
	case CAP_THREAD:       return 11;
	case CAP_FRAME:        return cap_frame_size_bits(c);
	case CAP_PAGE_TABLE:   return 12;
	case CAP_VSPACE:       return 12;
	case CAP_ASID_POOL:    return 12;
	default:               return 0;
	}
}

bool cap_same_region(struct cap a, struct cap b)
{
	enum cap_type ta = cap_type(a), tb = cap_type(b);

	switch (ta) {
	case CAP_UNTYPED: {
		unsigned bb = cap_object_bits(b);
		uint64_t abase = cap_paddr(a), btop, bbase = cap_paddr(b);
		uint64_t atop = abase + (UINT64_C(1) << cap_untyped_bits(a)) - 1;

		if (bb == 0)
			return false;
		btop = bbase + (UINT64_C(1) << bb) - 1;
		return abase <= bbase && btop <= atop && bbase <= btop;
	}
	case CAP_FRAME: {
		uint64_t abase = cap_paddr(a), bbase = cap_paddr(b);

		if (tb != CAP_FRAME)
			return false;
		return abase <= bbase &&
		       bbase + (UINT64_C(1) << cap_frame_size_bits(b)) <=
		       abase + (UINT64_C(1) << cap_frame_size_bits(a));
	}
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
	case CAP_THREAD:
	case CAP_PAGE_TABLE:
	case CAP_VSPACE:
	case CAP_ASID_POOL:
	case CAP_REPLY:
		return tb == ta && cap_paddr(a) == cap_paddr(b);
	case CAP_CNODE:
		return tb == CAP_CNODE && cap_paddr(a) == cap_paddr(b) &&
		       cap_cnode_radix(a) == cap_cnode_radix(b);
	case CAP_DOMAIN:
	case CAP_ASID_CONTROL:
		return tb == ta;
	case CAP_IRQ_CONTROL:
		return tb == CAP_IRQ_CONTROL || tb == CAP_IRQ_HANDLER;
	case CAP_IRQ_HANDLER:
		return tb == CAP_IRQ_HANDLER && a.w1 == b.w1;
	default:
		return false;
	}
}

bool cap_same_object(struct cap a, struct cap b)
{
	if (cap_type(a) == CAP_UNTYPED)
		return false;
	if (cap_type(a) == CAP_IRQ_CONTROL && cap_type(b) == CAP_IRQ_HANDLER)
		return false;
	if (cap_type(a) == CAP_FRAME)
		return cap_type(b) == CAP_FRAME &&
		       cap_paddr(a) == cap_paddr(b) &&
		       cap_frame_size(a) == cap_frame_size(b) &&
		       cap_frame_device(a) == cap_frame_device(b);
	return cap_same_region(a, b);
}

struct cap cap_mask_rights(struct cap c, unsigned rights)
{
	switch (cap_type(c)) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		return cap_set_small(c, (cap_small(c) & ~RIGHTS_ALL) |
		                        (cap_rights(c) & rights));
	case CAP_REPLY:
		if (!(rights & RIGHT_GRANT))
			return cap_set_small(c, cap_small(c) & ~2u);
		return c;
	case CAP_FRAME: {
		unsigned vm = cap_frame_vm_rights(c), out = 0;

		if ((vm & VM_READ) && (rights & RIGHT_READ))
			out = (vm & VM_WRITE) && (rights & RIGHT_WRITE) ?
			      VM_READ | VM_WRITE : VM_READ;
		return cap_set_small(c, (cap_small(c) & ~(3u << 2)) | out << 2);
	}
	default:
		return c;
	}
}

struct cap cap_update_data(bool preserve, uint64_t data, struct cap c)
{
	switch (cap_type(c)) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		if (!preserve && cap_badge(c) == 0) {
			c.w1 = data;
			return c;
		}
		return cap_null();
	case CAP_CNODE: {
		unsigned gsize = (unsigned)(data & 0x3f);
		uint64_t guard = data >> 6;

		if (gsize + cap_cnode_radix(c) > 64)
			return cap_null();
		if (gsize < 64)
			guard &= (UINT64_C(1) << gsize) - 1;
		return cap_cnode(cap_paddr(c), cap_cnode_radix(c), guard, gsize);
	}
	default:
		return c;
	}
}

bool cap_is_revocable(struct cap new_cap, struct cap src)
{
	switch (cap_type(new_cap)) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		return cap_badge(new_cap) != cap_badge(src);
	case CAP_IRQ_HANDLER:
		return cap_type(src) == CAP_IRQ_CONTROL;
	case CAP_UNTYPED:
		return true;
	default:
		return false;
	}
}
