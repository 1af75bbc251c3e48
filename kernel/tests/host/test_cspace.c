/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host tests of the capability core: cap encodings and operations,
 * CSpace resolution with guards and depth (every lookup-fault detail),
 * the derivation tree, and the libsel4 MessageInfo/CapRights/CNode
 * cap-data packing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/cap.h>
#include <kernel/cspace.h>
#include <sel4/shared_types.h>

static struct cte *new_cnode(unsigned radix)
{
	struct cte *c = aligned_alloc(64, sizeof(struct cte) << radix);

	assert_non_null(c);
	memset(c, 0, sizeof(struct cte) << radix);
	return c;
}

static struct cap cnode_cap(struct cte *c, unsigned radix, uint64_t guard,
                            unsigned gsize)
{
	return cap_cnode(kptr_to_paddr(c), radix, guard, gsize);
}

/* ---- encodings ---------------------------------------------------------- */

static void test_cap_encoding(void **state)
{
	struct cap c;

	(void)state;
	c = cap_untyped(0x40000000, 16, true, 5);
	assert_int_equal(cap_type(c), CAP_UNTYPED);
	assert_int_equal(cap_paddr(c), 0x40000000);
	assert_int_equal(cap_untyped_bits(c), 16);
	assert_true(cap_untyped_device(c));
	assert_int_equal(cap_untyped_free_index(c), 5);

	c = cap_endpoint(0x1230, RIGHTS_ALL, 0x99);
	assert_int_equal(cap_type(c), CAP_ENDPOINT);
	assert_int_equal(cap_rights(c), 15);
	assert_int_equal(cap_badge(c), 0x99);

	c = cap_cnode(0x5000, 12, 0, 52);
	assert_int_equal(cap_cnode_radix(c), 12);
	assert_int_equal(cap_cnode_guard_size(c), 52);
	assert_int_equal(cap_object_bits(c), 17);

	c = cap_frame(0x200000, FRAME_2M, VM_READ | VM_WRITE, false);
	assert_int_equal(cap_frame_size_bits(c), 21);
	assert_false(cap_is_mapped(c));
	c = cap_set_mapping(c, 0x1ff, 0x7fffffe00000);
	assert_true(cap_is_mapped(c));
	assert_int_equal(cap_mapped_asid(c), 0x1ff);
	assert_int_equal(cap_mapped_vaddr(c), 0x7fffffe00000);
	assert_int_equal(cap_frame_vm_rights(c), VM_READ | VM_WRITE);
	c = cap_clear_mapping(c);
	assert_false(cap_is_mapped(c));
	assert_int_equal(cap_paddr(c), 0x200000);
}

static void test_cap_rights_and_data(void **state)
{
	struct cap ep = cap_endpoint(0x1000, RIGHTS_ALL, 0);
	struct cap f = cap_frame(0x1000, FRAME_4K, VM_READ | VM_WRITE, false);
	struct cap cn = cap_cnode(0x2000, 4, 0, 0);
	struct cap r;

	(void)state;
	assert_int_equal(cap_rights(cap_mask_rights(ep, RIGHT_READ)), 2);
	assert_int_equal(cap_frame_vm_rights(cap_mask_rights(f, 0xf)), 3);
	assert_int_equal(cap_frame_vm_rights(cap_mask_rights(f, RIGHT_READ)),
	                 VM_READ);
	/* write without read: kernel only */
	assert_int_equal(cap_frame_vm_rights(cap_mask_rights(f, RIGHT_WRITE)),
	                 0);

	/* Mint: badge only an unbadged cap. */
	r = cap_update_data(false, 0x42, ep);
	assert_int_equal(cap_badge(r), 0x42);
	assert_int_equal(cap_type(cap_update_data(false, 7, r)), CAP_NULL);
	/* Mutate (preserve) of an endpoint: always null, even unbadged. */
	assert_int_equal(cap_type(cap_update_data(true, 0, ep)), CAP_NULL);
	/* CNode guard 0x5a size 8 = 0x1688 */
	r = cap_update_data(true, 0x1688, cn);
	assert_int_equal(cap_cnode_guard(r), 0x5a);
	assert_int_equal(cap_cnode_guard_size(r), 8);
	/* guard masked to its size */
	r = cap_update_data(false, (0x3ffULL << 6) | 4, cn);
	assert_int_equal(cap_cnode_guard(r), 0xf);
	/* guard size + radix > 64 */
	assert_int_equal(cap_type(cap_update_data(false, 61, cn)), CAP_NULL);
	assert_int_equal(cap_type(cap_update_data(false, 60, cn)), CAP_CNODE);
	/* frames ignore the data */
	r = cap_update_data(false, 5, f);
	assert_int_equal(r.w0, f.w0);
	assert_int_equal(r.w1, f.w1);
}

static void test_cap_regions(void **state)
{
	struct cap ut = cap_untyped(0x40000000, 16, false, 0);
	struct cap in = cap_endpoint(0x4000fff0, RIGHTS_ALL, 0);
	struct cap out = cap_endpoint(0x40010000, RIGHTS_ALL, 0);
	struct cap big = cap_frame(0x40000000, FRAME_2M, 3, false);

	(void)state;
	assert_true(cap_same_region(ut, in));
	assert_false(cap_same_region(ut, out));
	assert_false(cap_same_region(ut, big));
	assert_false(cap_same_object(ut, ut));     /* untypeds never */
	assert_true(cap_same_object(in, cap_endpoint(0x4000fff0, 1, 5)));
	assert_true(cap_same_region(cap_simple(CAP_IRQ_CONTROL),
	                            cap_irq_handler(33)));
	assert_false(cap_same_object(cap_simple(CAP_IRQ_CONTROL),
	                             cap_irq_handler(33)));
	assert_false(cap_same_region(cap_irq_handler(34), cap_irq_handler(33)));
	assert_true(cap_is_revocable(cap_endpoint(1, 15, 3),
	                             cap_endpoint(1, 15, 0)));
	assert_false(cap_is_revocable(cap_endpoint(1, 15, 3),
	                              cap_endpoint(1, 15, 3)));
	assert_true(cap_is_revocable(cap_irq_handler(3),
	                             cap_simple(CAP_IRQ_CONTROL)));
}

/* ---- resolution ----------------------------------------------------------- */

static void test_resolve_root(void **state)
{
	struct cte *root = new_cnode(12);
	struct cap rc = cnode_cap(root, 12, 0, 52);
	struct lookup_fault lf;
	struct cte *slot;
	unsigned left;

	(void)state;
	assert_true(resolve_address_bits(rc, 5, 64, &slot, &left, &lf));
	assert_ptr_equal(slot, root + 5);
	assert_int_equal(left, 0);
	assert_true(resolve_address_bits(rc, 4095, 64, &slot, &left, &lf));
	assert_ptr_equal(slot, root + 4095);

	/* CPtr 2^40 at depth 64: guard mismatch, 64 left, guard 0, 52 bits */
	assert_false(resolve_address_bits(rc, UINT64_C(1) << 40, 64, &slot,
	                                  &left, &lf));
	assert_int_equal(lf.type, LF_GUARD_MISMATCH);
	assert_int_equal(lf.bits_left, 64);
	assert_int_equal(lf.guard_found, 0);
	assert_int_equal(lf.bits_found, 52);

	/* depth 12 through the root: guard mismatch (52 > 12) */
	assert_false(resolve_address_bits(rc, 5, 12, &slot, &left, &lf));
	assert_int_equal(lf.type, LF_GUARD_MISMATCH);
	assert_int_equal(lf.bits_left, 12);
	assert_int_equal(lf.bits_found, 52);

	/* not a CNode */
	assert_false(resolve_address_bits(cap_null(), 5, 64, &slot, &left,
	                                  &lf));
	assert_int_equal(lf.type, LF_INVALID_ROOT);
	free(root);
}

static void test_resolve_two_levels(void **state)
{
	struct cte *l1 = new_cnode(4), *l2 = new_cnode(4);
	/* level 1: guard 0x5a of 8 bits, radix 4; slot 3 -> level 2 with
	 * radix 4 and no guard */
	struct cap c1 = cnode_cap(l1, 4, 0x5a, 8);
	struct lookup_fault lf;
	struct cte *slot;
	unsigned left;
	uint64_t words[3];

	(void)state;
	l1[3].cap = cnode_cap(l2, 4, 0, 0);
	l1[7].cap = cap_endpoint(0x1000, 15, 0);

	/* 0x5a 3 9 at depth 16 */
	assert_true(resolve_address_bits(c1, 0x5a39, 16, &slot, &left, &lf));
	assert_ptr_equal(slot, l2 + 9);
	assert_int_equal(left, 0);
	/* stop early at a CNode slot when the depth ends there */
	assert_true(resolve_address_bits(c1, 0x5a3, 12, &slot, &left, &lf));
	assert_ptr_equal(slot, l1 + 3);
	/* a non-CNode cap before the bits run out: accepted, bits left */
	assert_true(resolve_address_bits(c1, 0x5a7ab, 20, &slot, &left, &lf));
	assert_ptr_equal(slot, l1 + 7);
	assert_int_equal(left, 8);
	/* an empty slot too */
	assert_true(resolve_address_bits(c1, 0x5a1ab, 20, &slot, &left, &lf));
	assert_ptr_equal(slot, l1 + 1);
	assert_int_equal(left, 8);

	/* wrong guard */
	assert_false(resolve_address_bits(c1, 0x4b39, 16, &slot, &left, &lf));
	assert_int_equal(lf.type, LF_GUARD_MISMATCH);
	assert_int_equal(lf.bits_left, 16);
	assert_int_equal(lf.guard_found, 0x5a);
	assert_int_equal(lf.bits_found, 8);
	assert_int_equal(lookup_fault_words(&lf, words), 3);
	assert_int_equal(words[1], 0x5a);

	/* depth 8 through guard 8 + radix 4: depth mismatch 8 / 12 */
	assert_false(resolve_address_bits(c1, 0x5a, 8, &slot, &left, &lf));
	assert_int_equal(lf.type, LF_DEPTH_MISMATCH);
	assert_int_equal(lf.bits_left, 8);
	assert_int_equal(lf.bits_found, 12);
	assert_int_equal(lookup_fault_words(&lf, words), 2);

	/* second level needs 4 more bits than given */
	assert_false(resolve_address_bits(c1, 0x168d, 14, &slot, &left, &lf));
	assert_int_equal(lf.type, LF_DEPTH_MISMATCH);
	assert_int_equal(lf.bits_left, 2);
	assert_int_equal(lf.bits_found, 4);

	/* guard larger than what is left */
	assert_false(resolve_address_bits(c1, 1, 4, &slot, &left, &lf));
	assert_int_equal(lf.type, LF_GUARD_MISMATCH);
	assert_int_equal(lf.bits_left, 4);

	lf.type = LF_MISSING_CAP;
	lf.bits_left = 64;
	assert_int_equal(lookup_fault_words(&lf, words), 1);
	assert_int_equal(words[0], 64);
	lf.type = LF_INVALID_ROOT;
	assert_int_equal(lookup_fault_words(&lf, words), 0);
	free(l1);
	free(l2);
}

/* ---- derivation tree ------------------------------------------------------ */

static void check_list(struct cte *first, struct cte **want, int n)
{
	struct cte *c = first;

	assert_null(cdt_prev(first));
	for (int i = 0; i < n; i++) {
		assert_ptr_equal(c, want[i]);
		if (i > 0)
			assert_ptr_equal(cdt_prev(c), want[i - 1]);
		c = cdt_next(c);
	}
	assert_null(c);
}

static void test_cdt_untyped(void **state)
{
	struct cte *s = new_cnode(4);
	struct cap ut = cap_untyped(0x40000000, 16, false, 0x1000);

	(void)state;
	cdt_init();
	cdt_insert_root(&s[0], ut, true);
	assert_false(cdt_has_children(&s[0]));
	cdt_insert_new(&s[0], &s[1], cap_endpoint(0x40000000, 15, 0));
	cdt_insert_new(&s[0], &s[2], cap_frame(0x40001000, FRAME_4K, 3, 0));
	assert_true(cdt_has_children(&s[0]));
	check_list(&s[0], (struct cte *[]){ &s[0], &s[2], &s[1] }, 3);
	assert_true(cdt_is_parent(&s[0], &s[2]));
	assert_true(cdt_is_final(&s[1]));

	/* copy of the endpoint: not final any more, not a child of it
	 * (an unbadged copy is not revocable, but the original is). */
	cdt_insert(s[1].cap, &s[1], &s[3]);
	assert_false(cdt_is_final(&s[1]));
	assert_false(cdt_is_final(&s[3]));
	assert_true(cdt_is_parent(&s[1], &s[3]));
	check_list(&s[0], (struct cte *[]){ &s[0], &s[2], &s[1], &s[3] }, 4);

	/* move the copy to slot 5 */
	cdt_move(s[3].cap, &s[3], &s[5]);
	assert_int_equal(cap_type(s[3].cap), CAP_NULL);
	check_list(&s[0], (struct cte *[]){ &s[0], &s[2], &s[1], &s[5] }, 4);

	/* remove everything under the untyped, as Revoke does */
	while (cdt_has_children(&s[0]))
		cdt_remove(cdt_next(&s[0]));
	check_list(&s[0], (struct cte *[]){ &s[0] }, 1);
	assert_int_equal(cap_type(s[5].cap), CAP_NULL);

	/* copying an untyped marks the source full */
	cdt_insert(s[0].cap, &s[0], &s[6]);
	assert_int_equal(cap_untyped_free_index(s[0].cap), 0x10000 >> 4);
	assert_true(cdt_is_parent(&s[0], &s[6]));
	free(s);
}

static void test_cdt_badges(void **state)
{
	struct cte *s = new_cnode(4);
	struct cap ep = cap_endpoint(0x1000, 15, 0);

	(void)state;
	cdt_init();
	cdt_insert_root(&s[0], cap_untyped(0, 12, false, 0), true);
	cdt_insert_new(&s[0], &s[1], ep);             /* original */
	cdt_insert(cap_update_data(false, 5, ep), &s[1], &s[2]);  /* mint */
	assert_true(cdt_revocable(&s[2]));
	cdt_insert(s[2].cap, &s[2], &s[3]);           /* copy of the badged */
	assert_false(cdt_revocable(&s[3]));
	cdt_insert(cap_update_data(false, 6, ep), &s[1], &s[4]);  /* mint 6 */
	/* list: 0 1 4 2 3 */
	check_list(&s[0], (struct cte *[]){ &s[0], &s[1], &s[4], &s[2], &s[3] },
	           5);
	assert_true(cdt_is_parent(&s[1], &s[4]));
	assert_true(cdt_is_parent(&s[1], &s[2]));
	/* badged 5 is the parent of its copy, not of the other minted cap */
	assert_true(cdt_is_parent(&s[2], &s[3]));
	assert_false(cdt_is_parent(&s[4], &s[2]));

	/* revoke the badge-5 cap: removes its copy only */
	while (cdt_has_children(&s[2]))
		cdt_remove(cdt_next(&s[2]));
	check_list(&s[0], (struct cte *[]){ &s[0], &s[1], &s[4], &s[2] }, 4);

	/* removing slot 4 passes first-badged on to slot 2 */
	cdt_remove(&s[4]);
	assert_true(cdt_first_badged(&s[2]));
	free(s);
}

static void test_cdt_swap(void **state)
{
	struct cte *s = new_cnode(3);
	struct cap a = cap_endpoint(0x1000, 15, 0);
	struct cap b = cap_notification(0x2000, 3, 0);

	(void)state;
	cdt_init();
	cdt_insert_root(&s[0], cap_untyped(0, 16, false, 0), true);
	cdt_insert_new(&s[0], &s[2], b);
	cdt_insert_new(&s[0], &s[1], a);
	check_list(&s[0], (struct cte *[]){ &s[0], &s[1], &s[2] }, 3);
	/* neighbours */
	cdt_swap(s[1].cap, &s[1], s[2].cap, &s[2]);
	assert_int_equal(cap_type(s[1].cap), CAP_NOTIFICATION);
	assert_int_equal(cap_type(s[2].cap), CAP_ENDPOINT);
	check_list(&s[0], (struct cte *[]){ &s[0], &s[2], &s[1] }, 3);
	/* not neighbours */
	cdt_insert_new(&s[0], &s[5], cap_thread(0x4000));
	cdt_swap(s[5].cap, &s[5], s[1].cap, &s[1]);
	check_list(&s[0], (struct cte *[]){ &s[0], &s[1], &s[2], &s[5] }, 4);
	assert_int_equal(cap_type(s[1].cap), CAP_THREAD);
	assert_int_equal(cap_type(s[5].cap), CAP_NOTIFICATION);
	free(s);
}

/* The trees of the forest are chained for whole-system walks; the tree
 * operations must not see across the boundaries. */
static void test_cdt_chain(void **state)
{
	struct cte *s = new_cnode(4);
	struct cap ut = cap_untyped(0x40000000, 16, false, 0);
	struct cap ep = cap_endpoint(0x40001000, 15, 0);
	struct cte *c;
	int n;

	(void)state;
	cdt_init();
	assert_null(cdt_first());
	/* tree A: the untyped and an endpoint made from it */
	cdt_insert_root(&s[0], ut, true);
	cdt_insert_new(&s[0], &s[1], ep);
	/* tree B: a root cap to an object inside A's untyped (as a master
	 * reply cap to a TCB made from it is), and its copy */
	cdt_insert_root(&s[2], cap_endpoint(0x40002000, 15, 0), true);
	cdt_insert(s[2].cap, &s[2], &s[3]);
	/* the chain: B then A; every cap once */
	assert_ptr_equal(cdt_first(), &s[2]);
	for (n = 0, c = cdt_first(); c; c = cdt_raw_next(c), n++)
		assert_int_not_equal(cap_type(c->cap), CAP_NULL);
	assert_int_equal(n, 4);
	check_list(&s[2], (struct cte *[]){ &s[2], &s[3] }, 2);
	check_list(&s[0], (struct cte *[]){ &s[0], &s[1] }, 2);
	/* the copy at the end of B is not followed by A's root */
	assert_null(cdt_next(&s[3]));
	assert_true(cdt_is_final(&s[1]));
	/* A's untyped has one child; revoking it stops at the tree's end */
	assert_true(cdt_has_children(&s[0]));
	/* B's last cap is followed by A in the chain, but A's untyped, whose
	 * region holds B's endpoint, is not its parent nor its neighbour */
	assert_ptr_equal(cdt_raw_next(&s[3]), &s[0]);
	assert_false(cdt_is_final(&s[3]));
	/* deleting a root with children: the rest becomes a tree */
	cdt_remove(&s[0]);
	assert_true(cdt_is_root(&s[1]));
	assert_null(cdt_prev(&s[1]));
	assert_true(cdt_is_final(&s[1]));
	/* removing B's root: its copy is the root; the chain still holds
	 * both trees */
	cdt_remove(&s[2]);
	assert_ptr_equal(cdt_first(), &s[3]);
	assert_true(cdt_is_root(&s[3]));
	assert_ptr_equal(cdt_raw_next(&s[3]), &s[1]);
	assert_null(cdt_next(&s[3]));
	/* moving a root keeps it a root, in its place */
	cdt_move(s[3].cap, &s[3], &s[5]);
	assert_ptr_equal(cdt_first(), &s[5]);
	assert_true(cdt_is_root(&s[5]));
	assert_ptr_equal(cdt_raw_prev(&s[1]), &s[5]);
	/* swapping a root with a cap of another tree */
	cdt_insert_new(&s[1], &s[6], cap_notification(0x40003000, 3, 0));
	cdt_swap(s[5].cap, &s[5], s[6].cap, &s[6]);
	assert_true(cdt_is_root(&s[6]));
	assert_false(cdt_is_root(&s[5]));
	assert_ptr_equal(cdt_first(), &s[6]);
	check_list(&s[1], (struct cte *[]){ &s[1], &s[5] }, 2);
	cdt_remove(&s[6]);
	cdt_remove(&s[1]);
	assert_true(cdt_is_root(&s[5]));
	cdt_remove(&s[5]);
	assert_null(cdt_first());
	free(s);
}

/* ---- libsel4 packing ---------------------------------------------------- */

static void test_libsel4_packing(void **state)
{
	seL4_MessageInfo_t m = seL4_MessageInfo_new(0x66, 0, 0, 5);
	seL4_CNode_CapData_t d = seL4_CNode_CapData_new(0x5a, 8);

	(void)state;
	assert_int_equal(m.words[0], 0x66005);
	m = seL4_MessageInfo_new(1, 0, 1, 6);
	assert_int_equal(m.words[0], (1 << 12) | (1 << 7) | 6);
	m = seL4_MessageInfo_new(0xfffffffffffffULL, 7, 3, 127);
	assert_int_equal(m.words[0], ~0ULL);
	assert_int_equal(seL4_MessageInfo_get_label(m), 0xfffffffffffffULL);
	assert_int_equal(seL4_MessageInfo_get_capsUnwrapped(m), 7);
	m = seL4_MessageInfo_set_length(m, 2);
	assert_int_equal(seL4_MessageInfo_get_length(m), 2);
	assert_int_equal(seL4_MessageInfo_get_extraCaps(m), 3);
	assert_int_equal(seL4_AllRights.words[0], 0xf);
	assert_int_equal(seL4_ReadWrite.words[0], 3);
	assert_int_equal(seL4_CanGrantReply.words[0], 8);
	assert_int_equal(d.words[0], 0x1688);
	assert_int_equal(sizeof(seL4_IPCBuffer), 1024);
	assert_int_equal(offsetof(seL4_IPCBuffer, caps_or_badges), 976);
	assert_int_equal(offsetof(seL4_IPCBuffer, receiveDepth), 1016);
	assert_int_equal(sizeof(seL4_UserContext), 36 * 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_encoding),
		cmocka_unit_test(test_cap_rights_and_data),
		cmocka_unit_test(test_cap_regions),
		cmocka_unit_test(test_resolve_root),
		cmocka_unit_test(test_resolve_two_levels),
		cmocka_unit_test(test_cdt_untyped),
		cmocka_unit_test(test_cdt_badges),
		cmocka_unit_test(test_cdt_swap),
		cmocka_unit_test(test_cdt_chain),
		cmocka_unit_test(test_libsel4_packing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
