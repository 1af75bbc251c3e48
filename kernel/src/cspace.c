/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cspace.c: CSpace address resolution with guards and depth (seL4
 * resolveAddressBits).  Pure C, host-tested.
 */
#include <stddef.h>
#include <kernel/cspace.h>

static uint64_t mask(unsigned bits)
{
	return bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
}

unsigned lookup_fault_words(const struct lookup_fault *lf, uint64_t out[3])
{
	switch (lf->type) {
	case LF_MISSING_CAP:
		out[0] = lf->bits_left;
		return 1;
	case LF_DEPTH_MISMATCH:
		out[0] = lf->bits_left;
		out[1] = lf->bits_found;
		return 2;
	case LF_GUARD_MISMATCH:
		out[0] = lf->bits_left;
		out[1] = lf->guard_found;
		out[2] = lf->bits_found;
		return 3;
	default:
		return 0;
	}
}

bool resolve_address_bits(struct cap node, uint64_t cptr, unsigned n_bits,
                          struct cte **slot, unsigned *bits_left,
                          struct lookup_fault *lf)
{
	if (cap_type(node) != CAP_CNODE) {
		lf->type = LF_INVALID_ROOT;
		return false;
	}
	for (;;) {
		unsigned radix = cap_cnode_radix(node);
		unsigned gbits = cap_cnode_guard_size(node);
		unsigned level = radix + gbits;
		uint64_t guard = (cptr >> ((n_bits - gbits) & 63)) & mask(gbits);
		struct cte *s;

		if (gbits > n_bits || guard != cap_cnode_guard(node)) {
			lf->type = LF_GUARD_MISMATCH;
			lf->bits_left = n_bits;
			lf->guard_found = cap_cnode_guard(node);
			lf->bits_found = gbits;
			return false;
		}
		if (level > n_bits) {
			lf->type = LF_DEPTH_MISMATCH;
			lf->bits_left = n_bits;
			lf->bits_found = level;
			return false;
		}
		s = (struct cte *)cap_obj_ptr(node) +
		    ((cptr >> ((n_bits - level) & 63)) & mask(radix));
		if (level == n_bits) {
			*slot = s;
			*bits_left = 0;
			return true;
		}
		n_bits -= level;
		if (cap_type(s->cap) != CAP_CNODE) {
			*slot = s;
			*bits_left = n_bits;
			return true;
		}
		node = s->cap;
	}
}
