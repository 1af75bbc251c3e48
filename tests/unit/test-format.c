/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-format.c: format_indices() (runs of +1 or -1 written a..b, in the
 * given order, duplicates kept) and format_rights() (RWGP order; a
 * frame's Grant is written X).
 */
#include <string.h>

#include "harness.h"
#include "print.h"

static void check_indices(const uint32_t *idx, size_t n, const char *want)
{
	struct strbuf sb = {0};
	format_indices(&sb, idx, n);
	assert_string_equal(sb.s ? sb.s : "", want);
	sb_free(&sb);
}

#define INDICES(want, ...)                                                     \
	do {                                                                   \
		static const uint32_t v_[] = {__VA_ARGS__};                    \
		check_indices(v_, sizeof(v_) / sizeof(v_[0]), want);           \
	} while (0)

static void test_indices(void **state)
{
	(void)state;
	check_indices(NULL, 0, "");
	INDICES("5", 5);
	INDICES("7..8", 7, 8);
	INDICES("0..7", 0, 1, 2, 3, 4, 5, 6, 7);
	INDICES("5..2", 5, 4, 3, 2);
	INDICES("1, 3, 5", 1, 3, 5);
	INDICES("0..1, 1..2", 0, 1, 1, 2);
	INDICES("0..1, 6, 1, 3..7", 0, 1, 6, 1, 3, 4, 5, 6, 7);
	INDICES("3..5, 7..20", 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
	INDICES("2..1, 2..3", 2, 1, 2, 3);
	INDICES("4, 4, 4", 4, 4, 4);
	INDICES("0..2, 1..0", 0, 1, 2, 1, 0);
	INDICES("2147483646..2147483647", 2147483646u, 2147483647u);
}

static void check_rights(uint8_t r, bool frame, const char *want)
{
	struct strbuf sb = {0};
	format_rights(&sb, r, frame);
	assert_string_equal(sb.s ? sb.s : "", want);
	sb_free(&sb);
}

static void test_rights(void **state)
{
	(void)state;
	check_rights(0, false, "");
	check_rights(0, true, "");
	check_rights(RIGHT_R, false, "R");
	check_rights(RIGHT_W, false, "W");
	check_rights(RIGHT_G, false, "G");
	check_rights(RIGHT_G, true, "X");
	check_rights(RIGHT_P, false, "P");
	check_rights(RIGHT_W | RIGHT_R, false, "RW");
	check_rights(RIGHT_P | RIGHT_G | RIGHT_W | RIGHT_R, false, "RWGP");
	check_rights(RIGHT_P | RIGHT_G | RIGHT_W | RIGHT_R, true, "RWXP");
	check_rights(RIGHT_G | RIGHT_R, true, "RX");
	check_rights(RIGHT_P | RIGHT_W, false, "WP");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_indices),
		cmocka_unit_test(test_rights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
