/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-names.c: the identifier table: one symbol per distinct string
 * (length-delimited, so slices of a larger buffer work), lookups, the
 * keywords, object types and slot names it starts with, and growth.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "keywords.h"

struct table {
	struct arena arena;
	struct symtab t;
};

static int setup(void **state)
{
	struct table *tb = xcalloc(1, sizeof(*tb));
	symtab_init(&tb->t, &tb->arena);
	*state = tb;
	return 0;
}

static int teardown(void **state)
{
	struct table *tb = *state;
	symtab_free(&tb->t);
	arena_free(&tb->arena);
	free(tb);
	return 0;
}

static void test_intern(void **state)
{
	struct symtab *t = &((struct table *)*state)->t;
	assert_null(sym_lookup(t, "app_tcb", 7));
	struct sym *a = sym_intern(t, "app_tcb", 7);
	assert_non_null(a);
	assert_string_equal(a->s, "app_tcb");
	assert_int_equal(a->len, 7);
	assert_ptr_equal(sym_intern(t, "app_tcb", 7), a);
	assert_ptr_equal(sym_lookup(t, "app_tcb", 7), a);
	assert_int_equal(a->kw, KW_NONE);
	assert_int_equal(a->objtype, -1);
	assert_int_equal(a->slot, -1);
	assert_null(a->obj);
	assert_null(a->capname);

	/* a slice of a longer buffer: only len bytes count, and the copy is
	 * NUL-terminated */
	const char *buf = "app_tcb_2 = tcb";
	struct sym *b = sym_intern(t, buf, 9);
	assert_string_equal(b->s, "app_tcb_2");
	assert_ptr_not_equal(b, a);
	assert_ptr_equal(sym_intern(t, buf, 7), a);
	assert_ptr_not_equal(b->s, buf);

	/* case matters; the empty name and bytes after a NUL are kept apart */
	struct sym *c = sym_intern(t, "App_tcb", 7);
	assert_ptr_not_equal(c, a);
	struct sym *e = sym_intern(t, "", 0);
	assert_int_equal(e->len, 0);
	assert_string_equal(e->s, "");
	struct sym *z1 = sym_intern(t, "x\0y", 3), *z2 = sym_intern(t, "x", 1);
	assert_ptr_not_equal(z1, z2);
	assert_int_equal(z1->len, 3);
	assert_ptr_equal(sym_lookup(t, "x\0y", 3), z1);
}

static void test_keywords(void **state)
{
	struct symtab *t = &((struct table *)*state)->t;
	struct sym *s = sym_lookup(t, "bits", 4);
	assert_non_null(s);
	assert_int_equal(s->kw, KW_BITS);
	assert_int_equal(sym_lookup(t, "sched_control", 13)->kw, KW_SCHED_CONTROL);
	assert_int_equal(sym_lookup(t, "masked", 6)->kw, KW_MASKED);
	assert_null(sym_lookup(t, "Bits", 4));

	assert_int_equal(sym_lookup(t, "tcb", 3)->objtype, OBJ_TCB);
	assert_int_equal(sym_lookup(t, "ut", 2)->objtype, OBJ_UNTYPED);
	assert_int_equal(sym_lookup(t, "arm_io_device", 13)->objtype, OBJ_ARM_IODEVICE);
	assert_int_equal(sym_lookup(t, "tcb", 3)->slot, -1);
	/* "irq" is an object type and a parameter name */
	assert_int_equal(sym_lookup(t, "irq", 3)->objtype, OBJ_IRQ);
	assert_int_equal(sym_lookup(t, "irq", 3)->kw, KW_IRQ);

	static const char *const slots[] = {
		"cspace", "vspace", "reply_slot", "caller_slot", "ipc_buffer_slot",
		"fault_ep_slot", "sc_slot", "temp_fault_ep_slot", "bound_notification",
		"bound_vcpu",
	};
	for (int i = 0; i < 10; i++) {
		struct sym *w = sym_lookup(t, slots[i], strlen(slots[i]));
		assert_non_null(w);
		assert_int_equal(w->slot, i);
		assert_int_equal(w->objtype, -1);
	}
	/* interning a keyword again finds the marked symbol */
	assert_ptr_equal(sym_intern(t, "bits", 4), s);
}

/* Far more names than the first table holds: all still found, each once. */
static void test_growth(void **state)
{
	struct symtab *t = &((struct table *)*state)->t;
	enum { N = 20000 };
	static struct sym *made[N];
	char name[32];
	for (int i = 0; i < N; i++) {
		int n = snprintf(name, sizeof(name), "frame_%d", i);
		made[i] = sym_intern(t, name, (size_t)n);
	}
	for (int i = 0; i < N; i++) {
		int n = snprintf(name, sizeof(name), "frame_%d", i);
		assert_ptr_equal(sym_lookup(t, name, (size_t)n), made[i]);
		assert_ptr_equal(sym_intern(t, name, (size_t)n), made[i]);
		assert_string_equal(made[i]->s, name);
	}
	assert_int_equal(sym_lookup(t, "cspace", 6)->slot, 0);
	assert_int_equal(sym_lookup(t, "pgd", 3)->objtype, OBJ_PGD);
	assert_null(sym_lookup(t, "frame_20000", 11));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keywords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_growth, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
