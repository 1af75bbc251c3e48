/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests: translation table math and editing (arch/aarch64/pgtable.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arch/pgtable.h>

#define FAKE_POOL_PA UINT64_C(0x80000000)
#define POOL_TABLES 8
#define KVA(pa) (UINT64_C(0xffffff8000000000) + (pa))

static pte_t root[PT_ENTRIES] __attribute__((aligned(4096)));
static pte_t pool[POOL_TABLES][PT_ENTRIES] __attribute__((aligned(4096)));
static struct pt_ctx ctx;

static int setup(void **state)
{
	(void)state;
	memset(root, 0, sizeof(root));
	memset(pool, 0, sizeof(pool));
	ctx.root = root;
	/* A table at fake physical address pa lives at pa + pa_to_ptr. */
	ctx.pa_to_ptr = (uintptr_t)pool - FAKE_POOL_PA;
	ctx.pool = pool;
	ctx.pool_size = POOL_TABLES;
	ctx.pool_used = 0;
	return 0;
}

static void test_index_math(void **state)
{
	(void)state;
	assert_int_equal(pt_level_shift(0), 39);
	assert_int_equal(pt_level_shift(3), 12);
	assert_true(pt_level_size(1) == UINT64_C(1) << 30);
	assert_true(pt_level_size(2) == UINT64_C(1) << 21);
	/* The kernel's own address: KERNEL_VOFFSET + 0x40200000. */
	assert_int_equal(pt_index(UINT64_C(0xffffff8040200000), 0), 511);
	assert_int_equal(pt_index(UINT64_C(0xffffff8040200000), 1), 1);
	assert_int_equal(pt_index(UINT64_C(0xffffff8040200000), 2), 1);
	assert_int_equal(pt_index(UINT64_C(0xffffff8040200000), 3), 0);
	/* KDEV_BASE: last 2 MiB of the address space. */
	assert_int_equal(pt_index(UINT64_C(0xffffffffffe00000), 1), 511);
	assert_int_equal(pt_index(UINT64_C(0xffffffffffe00000), 2), 511);
	assert_int_equal(pt_index(UINT64_C(0xffffffffffe02000), 3), 2);
	/* seL4_UserTop's page */
	assert_int_equal(pt_index(UINT64_C(0x00007ffffffff000), 0), 255);
	assert_int_equal(pt_index(UINT64_C(0x00007ffffffff000), 3), 511);
}

static void test_canonical(void **state)
{
	(void)state;
	assert_true(va_is_canonical(0));
	assert_true(va_is_canonical(UINT64_C(0x0000ffffffffffff)));
	assert_false(va_is_canonical(UINT64_C(0x0001000000000000)));
	assert_false(va_is_canonical(UINT64_C(0xfffeffffffffffff)));
	assert_true(va_is_canonical(UINT64_C(0xffff000000000000)));
	assert_true(va_is_canonical(UINT64_C(0xffffffffffffffff)));
}

static void test_leaf_attrs(void **state)
{
	pte_t a;

	(void)state;
	/* kernel text: RX */
	a = pte_leaf_attrs(MT_NORMAL, PT_R | PT_X);
	assert_true(a == (PTE_ATTRINDX(4) | PTE_AF | PTE_SH_INNER | PTE_AP_RO |
	                  PTE_UXN));
	/* kernel data: RW, never executable */
	a = pte_leaf_attrs(MT_NORMAL, PT_R | PT_W);
	assert_true(a == (PTE_ATTRINDX(4) | PTE_AF | PTE_SH_INNER | PTE_PXN |
	                  PTE_UXN));
	/* kernel rodata */
	a = pte_leaf_attrs(MT_NORMAL, PT_R);
	assert_true(a & PTE_AP_RO);
	assert_true((a & (PTE_PXN | PTE_UXN)) == (PTE_PXN | PTE_UXN));
	/* device: AttrIndx 1 (nGnRE), not shareable-tagged */
	a = pte_leaf_attrs(MT_DEVICE_nGnRE, PT_R | PT_W);
	assert_true(a == (PTE_ATTRINDX(1) | PTE_AF | PTE_PXN | PTE_UXN));
	/* user pages: EL0 access, not global, never kernel-executable */
	a = pte_leaf_attrs(MT_NORMAL, PT_R | PT_W | PT_USER);
	assert_true(a == (PTE_ATTRINDX(4) | PTE_AF | PTE_SH_INNER | PTE_AP_EL0 |
	                  PTE_NG | PTE_PXN | PTE_UXN));
	a = pte_leaf_attrs(MT_NORMAL, PT_R | PT_X | PT_USER);
	assert_true(a & PTE_AP_RO);
	assert_false(a & PTE_UXN);
	assert_true(a & PTE_PXN);
	/* seL4 maps the root task image RWX: allowed for user */
	assert_true(pte_leaf_attrs(MT_NORMAL, PT_R | PT_W | PT_X | PT_USER) != 0);
	/* refused */
	assert_true(pte_leaf_attrs(MT_NORMAL, PT_R | PT_W | PT_X) == 0);
	assert_true(pte_leaf_attrs(MT_DEVICE_nGnRE, PT_R | PT_X) == 0);
	assert_true(pte_leaf_attrs(MT_NORMAL, PT_W) == 0);
	assert_true(pte_leaf_attrs(MT_NORMAL, 0) == 0);
	assert_true(pte_leaf_attrs(MT_NORMAL, PT_R | 0x10) == 0);
	assert_true(pte_leaf_attrs((enum mem_type)6, PT_R) == 0);
}

static void test_descriptors(void **state)
{
	pte_t rw = pte_leaf_attrs(MT_NORMAL, PT_R | PT_W);

	(void)state;
	/* Values as seen on the target (ktest=memory). */
	assert_true(pte_make_leaf(UINT64_C(0x7fe00000), 2, rw) ==
	            UINT64_C(0x006000007fe00711));
	assert_true(pte_make_leaf(UINT64_C(0x40000000), 1, rw) ==
	            UINT64_C(0x0060000040000711));
	assert_true(pte_make_leaf(UINT64_C(0x40208000), 3, rw) ==
	            UINT64_C(0x0060000040208713));
	assert_true(pte_make_table(UINT64_C(0x80001000)) ==
	            UINT64_C(0x80001003));
	assert_true(pte_is_table(pte_make_table(0x1000), 0));
	assert_false(pte_is_table(pte_make_table(0x1000), 3));
	assert_false(pte_is_table(pte_make_leaf(0x200000, 2, rw), 2));
	assert_true(pte_address(UINT64_C(0x0060000040208713)) ==
	            UINT64_C(0x40208000));
}

static void expect_translation(uint64_t va, uint64_t pa, unsigned level)
{
	struct pt_translation t;

	assert_int_equal(pt_lookup(&ctx, va, &t), PT_OK);
	assert_true(t.pa == pa);
	assert_int_equal(t.level, level);
}

static void test_map_gib_block(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&ctx, KVA(0x40000000), 0x40000000, 0x40000000,
	                        MT_NORMAL, PT_R | PT_W), PT_OK);
	assert_int_equal(ctx.pool_used, 1);           /* one L1 table */
	expect_translation(KVA(0x40000000), 0x40000000, 1);
	expect_translation(KVA(0x7fffffff), 0x7fffffff, 1);
	assert_true(root[511] == pte_make_table(FAKE_POOL_PA));
}

static void test_map_mixed_sizes(void **state)
{
	(void)state;
	/* 2 MiB + 4 KiB: one L2 block and one L3 page. */
	assert_int_equal(pt_map(&ctx, KVA(0x40200000), 0x40200000, 0x201000,
	                        MT_NORMAL, PT_R), PT_OK);
	assert_int_equal(ctx.pool_used, 3);           /* L1, L2, L3 */
	expect_translation(KVA(0x40200000), 0x40200000, 2);
	expect_translation(KVA(0x40400abc), 0x40400abc, 3);
	/* VA and PA not equally aligned: pages only. */
	setup(NULL);
	assert_int_equal(pt_map(&ctx, 0x200000, 0x201000, 0x200000, MT_NORMAL,
	                        PT_R), PT_OK);
	expect_translation(0x200000, 0x201000, 3);
	expect_translation(0x3ff000, 0x400000, 3);
}

/* The window around the kernel image, as boot_mmu.c lays it out. */
static void test_map_window_around_kernel(void **state)
{
	const uint64_t ks = 0x40200000, ke = 0x40224000;
	struct pt_translation t;

	(void)state;
	assert_int_equal(pt_map(&ctx, KVA(0x40000000), 0x40000000,
	                        ks - 0x40000000, MT_NORMAL, PT_R | PT_W), PT_OK);
	assert_int_equal(pt_map(&ctx, KVA(ke), ke, 0x80000000 - ke, MT_NORMAL,
	                        PT_R | PT_W), PT_OK);
	assert_int_equal(ctx.pool_used, 3);
	assert_int_equal(pt_map(&ctx, KVA(ks), ks, 0x6000, MT_NORMAL,
	                        PT_R | PT_X), PT_OK);
	assert_int_equal(ctx.pool_used, 3);           /* same L3 table */
	expect_translation(KVA(0x40000000), 0x40000000, 2);
	expect_translation(KVA(ke), ke, 3);
	expect_translation(KVA(0x40400000), 0x40400000, 2);
	expect_translation(KVA(ks + 0x5000), ks + 0x5000, 3);
	assert_int_equal(pt_lookup(&ctx, KVA(ks + 0x6000), &t), -PT_ENOENT);
	assert_int_equal(pt_lookup(&ctx, KVA(ks), &t), PT_OK);
	assert_false(t.pte & PTE_PXN);
	assert_true(t.pte & PTE_AP_RO);
}

static void test_map_overlap(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&ctx, 0x40000000, 0x40000000, 0x200000,
	                        MT_NORMAL, PT_R), PT_OK);
	/* inside an existing block */
	assert_int_equal(pt_map(&ctx, 0x40001000, 0x1000, 0x1000, MT_NORMAL,
	                        PT_R), -PT_EEXIST);
	/* the same block again */
	assert_int_equal(pt_map(&ctx, 0x40000000, 0x40000000, 0x200000,
	                        MT_NORMAL, PT_R), -PT_EEXIST);
	/* a block over a table */
	assert_int_equal(pt_map(&ctx, 0x40400000, 0x1000, 0x1000, MT_NORMAL,
	                        PT_R), PT_OK);
	assert_int_equal(pt_map(&ctx, 0x40400000, 0x40400000, 0x200000,
	                        MT_NORMAL, PT_R), -PT_EEXIST);
	/* a page twice */
	assert_int_equal(pt_map(&ctx, 0x40400000, 0x2000, 0x1000, MT_NORMAL,
	                        PT_R), -PT_EEXIST);
}

static void test_map_out_of_tables(void **state)
{
	(void)state;
	ctx.pool_size = 2;
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1000, 0x1000, MT_NORMAL, PT_R),
	                 -PT_ENOMEM);
	ctx.pool_size = 3;
	setup(NULL);
	ctx.pool_size = 3;
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1000, 0x1000, MT_NORMAL, PT_R),
	                 PT_OK);
}

static void test_map_invalid(void **state)
{
	struct pt_translation t;

	(void)state;
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1000, 0, MT_NORMAL, PT_R),
	                 -PT_EINVAL);
	assert_int_equal(pt_map(&ctx, 0x1001, 0x1000, 0x1000, MT_NORMAL, PT_R),
	                 -PT_EINVAL);
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1800, 0x1000, MT_NORMAL, PT_R),
	                 -PT_EINVAL);
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1000, 0x1800, MT_NORMAL, PT_R),
	                 -PT_EINVAL);
	/* non-canonical, and crossing the end of the low half */
	assert_int_equal(pt_map(&ctx, UINT64_C(0x0001000000000000), 0, 0x1000,
	                        MT_NORMAL, PT_R), -PT_EINVAL);
	assert_int_equal(pt_map(&ctx, UINT64_C(0x0000fffffffff000), 0, 0x2000,
	                        MT_NORMAL, PT_R), -PT_EINVAL);
	/* wraps around the top */
	assert_int_equal(pt_map(&ctx, UINT64_C(0xfffffffffffff000), 0, 0x2000,
	                        MT_NORMAL, PT_R), -PT_EINVAL);
	/* physical address beyond 48 bits */
	assert_int_equal(pt_map(&ctx, 0x1000, UINT64_C(0x1000000000000), 0x1000,
	                        MT_NORMAL, PT_R), -PT_EINVAL);
	/* kernel W+X */
	assert_int_equal(pt_map(&ctx, 0x1000, 0x1000, 0x1000, MT_NORMAL,
	                        PT_R | PT_W | PT_X), -PT_EINVAL);
	assert_int_equal(ctx.pool_used, 0);
	assert_int_equal(pt_lookup(&ctx, 0x1000, &t), -PT_ENOENT);
	assert_int_equal(pt_lookup(&ctx, UINT64_C(0x0001000000000000), &t),
	                 -PT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_math),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_leaf_attrs),
		cmocka_unit_test(test_descriptors),
		cmocka_unit_test_setup(test_map_gib_block, setup),
		cmocka_unit_test_setup(test_map_mixed_sizes, setup),
		cmocka_unit_test_setup(test_map_window_around_kernel, setup),
		cmocka_unit_test_setup(test_map_overlap, setup),
		cmocka_unit_test_setup(test_map_out_of_tables, setup),
		cmocka_unit_test_setup(test_map_invalid, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
