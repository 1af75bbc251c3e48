/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-diag.c: -W option parsing (diag_option), the resulting severities,
 * and how stored diagnostics are printed: sorted by position, notes after
 * their diagnostic, the [-W...] tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void test_defaults(void **state)
{
	(void)state;
	struct diag_ctx d;
	diag_init(&d, "f.cdl");
	for (int i = 0; i < CHK_COUNT; i++)
		assert_int_equal(diag_severity(&d, (enum check_id)i), check_table[i].def);
	assert_int_equal(diag_severity(&d, CHK_SYNTAX), SEV_ERROR);
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_WARNING);
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_ERROR);
	assert_true(check_table[CHK_DUPLICATE_NAME].fatal);
	assert_false(check_table[CHK_SLOT_RANGE].fatal);
	diag_free(&d);
}

static void test_options(void **state)
{
	(void)state;
	struct diag_ctx d;
	diag_init(&d, "f.cdl");

	/* -Wno-X turns a check off; -WX turns it back on at its severity */
	assert_true(diag_option(&d, "no-duplicate-child"));
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_OFF);
	assert_false(diag_enabled(&d, CHK_DUPLICATE_CHILD));
	assert_true(diag_option(&d, "duplicate-child"));
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_WARNING);
	assert_true(diag_option(&d, "slot-range")); /* an error stays an error */
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_ERROR);
	assert_true(diag_option(&d, "no-slot-range"));
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_OFF);
	assert_true(diag_option(&d, "slot-range"));
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_ERROR);

	/* -Werror=X makes a warning an error; -Wno-error=X makes it a warning */
	assert_true(diag_option(&d, "error=duplicate-child"));
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_ERROR);
	assert_true(diag_option(&d, "no-error=duplicate-child"));
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_WARNING);
	assert_true(diag_option(&d, "no-error=slot-range"));
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_WARNING);

	/* -Werror: every warning is an error, except those named by
	 * -Wno-error=X (as in gcc) and the checks that are off */
	assert_true(diag_option(&d, "no-number-overflow"));
	assert_true(diag_option(&d, "error"));
	assert_true(d.werror);
	assert_int_equal(diag_severity(&d, CHK_LEGACY), SEV_ERROR);
	assert_int_equal(diag_severity(&d, CHK_TCB_CAPS), SEV_ERROR);
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_CHILD), SEV_WARNING);
	assert_int_equal(diag_severity(&d, CHK_SLOT_RANGE), SEV_WARNING);
	assert_int_equal(diag_severity(&d, CHK_NUMBER_OVERFLOW), SEV_OFF);
	assert_true(diag_option(&d, "no-error"));
	assert_false(d.werror);
	assert_int_equal(diag_severity(&d, CHK_LEGACY), SEV_WARNING);
	diag_free(&d);
}

static void test_bad_options(void **state)
{
	(void)state;
	struct diag_ctx d;
	diag_init(&d, "f.cdl");
	static const char *const bad[] = {
		"no-duplicate-name",	   /* a fatal check cannot be disabled */
		"no-error=duplicate-name", /* ... or demoted */
		"no-syntax", "foo", "error=foo", "no-foo", "no-error=foo", "",
		"error=", "no-", "Slot-range", "slot-range ",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(diag_option(&d, bad[i]));
	for (int i = 0; i < CHK_COUNT; i++) /* nothing changed */
		assert_int_equal(diag_severity(&d, (enum check_id)i), check_table[i].def);
	/* a fatal check may still be named with -W or -Werror= */
	assert_true(diag_option(&d, "duplicate-name"));
	assert_true(diag_option(&d, "error=duplicate-name"));
	assert_int_equal(diag_severity(&d, CHK_DUPLICATE_NAME), SEV_ERROR);
	diag_free(&d);
}

static char *flush(struct diag_ctx *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	diag_flush(d, f);
	fclose(f);
	return text;
}

static void test_flush(void **state)
{
	(void)state;
	struct diag_ctx d;
	diag_init(&d, "f.cdl");
	assert_true(diag_option(&d, "error=legacy"));
	assert_true(diag_option(&d, "no-number-overflow"));
	diag(&d, CHK_SLOT_RANGE, (struct loc){3, 5}, "third %d", 3);
	diag(&d, CHK_DUPLICATE_CHILD, (struct loc){1, 9}, "second");
	diag_note(&d, (struct loc){7, 1}, "note of the second");
	diag(&d, CHK_NUMBER_OVERFLOW, (struct loc){1, 1}, "off");
	diag_note(&d, (struct loc){1, 1}, "note of a diagnostic that is off");
	diag(&d, CHK_LEGACY, (struct loc){3, 5}, "fourth (same place, later)");
	diag(&d, CHK_SYNTAX, (struct loc){0, 0}, "first: no position");
	diag(&d, CHK_DUPLICATE_CHILD, (struct loc){1, 2}, "between");
	assert_int_equal(d.errors, 3);
	assert_int_equal(d.warnings, 2);
	char *text = flush(&d);
	assert_string_equal(text,
			    "f.cdl: error: first: no position\n"
			    "f.cdl:1:2: warning: between [-Wduplicate-child]\n"
			    "f.cdl:1:9: warning: second [-Wduplicate-child]\n"
			    "f.cdl:7:1: note: note of the second\n"
			    "f.cdl:3:5: error: third 3 [-Wslot-range]\n"
			    "f.cdl:3:5: error: fourth (same place, later) [-Werror=legacy]\n");
	free(text);
	assert_int_equal(d.list.n, 0);
	text = flush(&d); /* flushed diagnostics are gone */
	assert_string_equal(text, "");
	free(text);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_flush),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
