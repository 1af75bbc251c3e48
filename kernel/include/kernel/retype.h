/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * retype.h: Untyped_Retype arithmetic: object sizes, argument checks and
 * placement in an untyped region (watermark, alignment, device rules).
 * Pure C, host-tested; src/untyped.c does the rest of the invocation.
 */
#ifndef KERNEL_RETYPE_H
#define KERNEL_RETYPE_H

#include <stdbool.h>
#include <stdint.h>

/* seL4_ObjectType values (non-MCS AArch64). */
enum obj_type {
	OBJ_UNTYPED = 0,
	OBJ_TCB = 1,
	OBJ_ENDPOINT = 2,
	OBJ_NOTIFICATION = 3,
	OBJ_CNODE = 4,
	OBJ_HUGE_PAGE = 5,
	OBJ_VSPACE = 6,
	OBJ_SMALL_PAGE = 7,
	OBJ_LARGE_PAGE = 8,
	OBJ_PAGE_TABLE = 9,
	OBJ_TYPE_COUNT = 10,
};

#define MAX_UNTYPED_BITS 47
#define RETYPE_MAX_OBJECTS 256

/* log2 of the object's size in bytes (seL4 getObjectSize). */
unsigned retype_object_bits(enum obj_type type, uint64_t user_bits);

/*
 * Check type and size_bits (reference section 10.1 steps 3..5).
 * Returns 0 or a seL4_Error; *arg / *lo, *hi describe it: InvalidArgument
 * (arg index), RangeError (lo..hi).
 */
int retype_check_type(uint64_t type, uint64_t size_bits, uint64_t *arg,
                      uint64_t *lo, uint64_t *hi);

/*
 * Placement (steps 11..13): an untyped of 2^ut_bits bytes at base with
 * free_index (16-byte units; ignored when reset), num objects of 2^obj_bits
 * bytes.  Returns 0 and the aligned start address and the new free index,
 * or NotEnoughMemory with *free_bytes, or InvalidArgument (arg 1) for a
 * non-frame object from device memory.
 */
int retype_place(uint64_t base, unsigned ut_bits, uint64_t free_index,
                 bool reset, bool device, enum obj_type type,
                 unsigned obj_bits, uint64_t num, uint64_t *start,
                 uint64_t *new_free_index, uint64_t *free_bytes);

/* Split [start, end) into maximal naturally aligned power-of-two blocks of
 * at most 2^max_bits bytes, at least 2^min_bits; calls fn for each. */
void split_aligned_blocks(uint64_t start, uint64_t end, unsigned min_bits,
                          unsigned max_bits,
                          void (*fn)(void *arg, uint64_t base, unsigned bits),
                          void *arg);

#endif
