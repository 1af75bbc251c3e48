/* SPDX-License-Identifier: BSD-2-Clause */
/* Host tests of the Untyped_Retype arithmetic (src/retype.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <kernel/retype.h>

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(retype_object_bits(OBJ_TCB, 99), 11);
	assert_int_equal(retype_object_bits(OBJ_ENDPOINT, 0), 4);
	assert_int_equal(retype_object_bits(OBJ_NOTIFICATION, 0), 5);
	assert_int_equal(retype_object_bits(OBJ_CNODE, 12), 17);
	assert_int_equal(retype_object_bits(OBJ_UNTYPED, 20), 20);
	assert_int_equal(retype_object_bits(OBJ_HUGE_PAGE, 0), 30);
	assert_int_equal(retype_object_bits(OBJ_LARGE_PAGE, 0), 21);
	assert_int_equal(retype_object_bits(OBJ_SMALL_PAGE, 0), 12);
	assert_int_equal(retype_object_bits(OBJ_VSPACE, 0), 12);
	assert_int_equal(retype_object_bits(OBJ_PAGE_TABLE, 0), 12);
}

static void test_check_type(void **state)
{
	uint64_t arg = 99, lo = 99, hi = 99;

	(void)state;
	assert_int_equal(retype_check_type(99, 0, &arg, &lo, &hi), 1);
	assert_int_equal(arg, 0);
	assert_int_equal(retype_check_type(10, 0, &arg, &lo, &hi), 1);
	assert_int_equal(retype_check_type(OBJ_CNODE, 0, &arg, &lo, &hi), 1);
	assert_int_equal(arg, 1);
	assert_int_equal(retype_check_type(OBJ_UNTYPED, 3, &arg, &lo, &hi), 1);
	assert_int_equal(retype_check_type(OBJ_UNTYPED, 4, &arg, &lo, &hi), 0);
	assert_int_equal(retype_check_type(OBJ_UNTYPED, 47, &arg, &lo, &hi), 0);
	assert_int_equal(retype_check_type(OBJ_UNTYPED, 48, &arg, &lo, &hi), 4);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 47);
	assert_int_equal(retype_check_type(OBJ_CNODE, 42, &arg, &lo, &hi), 0);
	assert_int_equal(retype_check_type(OBJ_CNODE, 43, &arg, &lo, &hi), 4);
	assert_int_equal(retype_check_type(OBJ_TCB, 64, &arg, &lo, &hi), 4);
	/* size_bits ignored for fixed-size objects */
	assert_int_equal(retype_check_type(OBJ_TCB, 63, &arg, &lo, &hi), 0);
}

static void test_place(void **state)
{
	uint64_t start, fi, freeb = 0;
	uint64_t base = 0x40000000;

	(void)state;
	/* fresh 64 KiB: endpoint at +0, free index 1 */
	assert_int_equal(retype_place(base, 16, 0, true, false, OBJ_ENDPOINT,
	                              4, 1, &start, &fi, &freeb), 0);
	assert_int_equal(start, base);
	assert_int_equal(fi, 1);
	/* then a frame: aligned up to +0x1000, the gap is wasted */
	assert_int_equal(retype_place(base, 16, fi, false, false,
	                              OBJ_SMALL_PAGE, 12, 1, &start, &fi,
	                              &freeb), 0);
	assert_int_equal(start, base + 0x1000);
	assert_int_equal(fi, 0x2000 >> 4);
	/* an endpoint, then a frame at +0x3000 */
	assert_int_equal(retype_place(base, 16, fi, false, false, OBJ_ENDPOINT,
	                              4, 1, &start, &fi, &freeb), 0);
	assert_int_equal(start, base + 0x2000);
	assert_int_equal(retype_place(base, 16, fi, false, false,
	                              OBJ_SMALL_PAGE, 12, 1, &start, &fi,
	                              &freeb), 0);
	assert_int_equal(start, base + 0x3000);
	/* 0xc000 left: 13 pages do not fit */
	assert_int_equal(retype_place(base, 16, fi, false, false,
	                              OBJ_SMALL_PAGE, 12, 13, &start, &fi,
	                              &freeb), 10);
	assert_int_equal(freeb, 0xc000);
	assert_int_equal(retype_place(base, 16, fi, false, false,
	                              OBJ_SMALL_PAGE, 12, 12, &start, &fi,
	                              &freeb), 0);
	assert_int_equal(fi, 0x10000 >> 4);
	/* full; a reset (no children) starts again at 0 */
	assert_int_equal(retype_place(base, 16, fi, false, false, OBJ_ENDPOINT,
	                              4, 1, &start, &fi, &freeb), 10);
	assert_int_equal(freeb, 0);
	assert_int_equal(retype_place(base, 16, 0x1000, true, false,
	                              OBJ_SMALL_PAGE, 12, 1, &start, &fi,
	                              &freeb), 0);
	assert_int_equal(start, base);
	/* device memory: frames and untypeds only, after the size check */
	assert_int_equal(retype_place(0, 27, 0, true, true, OBJ_TCB, 11, 1,
	                              &start, &fi, &freeb), 1);
	assert_int_equal(retype_place(0, 27, 0, true, true, OBJ_LARGE_PAGE,
	                              21, 2, &start, &fi, &freeb), 0);
	assert_int_equal(retype_place(0, 12, 0, true, true, OBJ_TCB, 11, 4,
	                              &start, &fi, &freeb), 10);
	/* many objects per call: 256 endpoints in 4 KiB */
	assert_int_equal(retype_place(base, 12, 0, true, false, OBJ_ENDPOINT,
	                              4, 256, &start, &fi, &freeb), 0);
	assert_int_equal(fi, 256);
}

struct blocks {
	int n;
	uint64_t base[64];
	unsigned bits[64];
};

static void collect(void *arg, uint64_t base, unsigned bits)
{
	struct blocks *b = arg;

	b->base[b->n] = base;
	b->bits[b->n++] = bits;
}

static void test_split(void **state)
{
	struct blocks b = { 0 };

	(void)state;
	split_aligned_blocks(0x8001000, 0x8010000, 4, 47, collect, &b);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.base[0], 0x8001000);
	assert_int_equal(b.bits[0], 12);
	assert_int_equal(b.bits[1], 13);
	assert_int_equal(b.bits[2], 14);
	assert_int_equal(b.base[3], 0x8008000);
	assert_int_equal(b.bits[3], 15);

	b.n = 0;
	split_aligned_blocks(0, 0x8000000, 4, 47, collect, &b);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.bits[0], 27);

	/* max size and tiny tails dropped */
	b.n = 0;
	split_aligned_blocks(0x40000000, 0x40000000 + (3ULL << 30) + 8, 4, 30,
	                     collect, &b);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.bits[2], 30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_check_type),
		cmocka_unit_test(test_place),
		cmocka_unit_test(test_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
