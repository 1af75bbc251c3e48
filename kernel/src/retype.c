/* SPDX-License-Identifier: BSD-2-Clause */
/* retype.c: Untyped_Retype arithmetic (see retype.h).  Host-tested. */
#include <kernel/retype.h>

/* seL4_Error values used here. */
#define E_INVALID_ARGUMENT 1
#define E_RANGE            4
#define E_NOT_ENOUGH_MEM   10

unsigned retype_object_bits(enum obj_type type, uint64_t user_bits)
{
	switch (type) {
	case OBJ_UNTYPED:      return (unsigned)user_bits;
	case OBJ_TCB:          return 11;
	case OBJ_ENDPOINT:     return 4;
	case OBJ_NOTIFICATION: return 5;
	case OBJ_CNODE:        return (unsigned)user_bits + 5;
	case OBJ_HUGE_PAGE:    return 30;
	case OBJ_VSPACE:       return 12;
	case OBJ_SMALL_PAGE:   return 12;
	case OBJ_LARGE_PAGE:   return 21;
	case OBJ_PAGE_TABLE:   return 12;
	default:               return 0;
	}
}

int retype_check_type(uint64_t type, uint64_t size_bits, uint64_t *arg,
                      uint64_t *lo, uint64_t *hi)
{
	if (type >= OBJ_TYPE_COUNT) {
		*arg = 0;
		return E_INVALID_ARGUMENT;
	}
	if (size_bits >= 64 ||
	    retype_object_bits((enum obj_type)type, size_bits) >
	    MAX_UNTYPED_BITS) {
		*lo = 0;
		*hi = MAX_UNTYPED_BITS;
		return E_RANGE;
	}
	if ((type == OBJ_CNODE && size_bits == 0) ||
	    (type == OBJ_UNTYPED && size_bits < 4)) {
		*arg = 1;
		return E_INVALID_ARGUMENT;
	}
	return 0;
}

static bool is_frame(enum obj_type t)
{
	return t == OBJ_SMALL_PAGE || t == OBJ_LARGE_PAGE ||
	       t == OBJ_HUGE_PAGE || t == OBJ_UNTYPED;
}

int retype_place(uint64_t base, unsigned ut_bits, uint64_t free_index,
                 bool reset, bool device, enum obj_type type,
                 unsigned obj_bits, uint64_t num, uint64_t *start,
                 uint64_t *new_free_index, uint64_t *free_bytes)
{
	uint64_t used = reset ? 0 : free_index << 4;
	uint64_t size = UINT64_C(1) << ut_bits;
	uint64_t free = used < size ? size - used : 0;
	uint64_t first;

	if ((free >> obj_bits) < num) {
		*free_bytes = free;
		return E_NOT_ENOUGH_MEM;
	}
	if (device && !is_frame(type))
		return E_INVALID_ARGUMENT;
	first = (base + used + (UINT64_C(1) << obj_bits) - 1) &
	        ~((UINT64_C(1) << obj_bits) - 1);
	*start = first;
	*new_free_index = (first + (num << obj_bits) - base) >> 4;
	return 0;
}

void split_aligned_blocks(uint64_t start, uint64_t end, unsigned min_bits,
                          unsigned max_bits,
                          void (*fn)(void *arg, uint64_t base, unsigned bits),
                          void *arg)
{
	while (start < end) {
		unsigned bits = max_bits;

		/* largest block aligned at start that fits before end */
		if (start) {
			unsigned align = (unsigned)__builtin_ctzll(start);

			if (align < bits)
				bits = align;
		}
		while (bits > 0 && (end - start) < (UINT64_C(1) << bits))
			bits--;
		if (bits >= min_bits)
			fn(arg, start, bits);
		start += UINT64_C(1) << bits;
	}
}
