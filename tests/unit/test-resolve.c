/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-resolve.c: names with ranges resolved against a built model, both
 * as the caps a spec places and by calling resolve_ref()/resolve_one().
 */
#include <string.h>

#include "harness.h"

static const char spec[] =
	"arch aarch64\n"
	"objects {\n"
	"  x[8] = ep\n"
	"  e = ep\n"
	"  cn = cnode (6 bits)\n"
	"}\n"
	"caps {\n"
	"  cn {\n"
	"    0: x[]\n"
	"    8: x[5..2]\n"
	"    12: x[..1, 6, 1]\n"
	"    16: x[6..]\n"
	"    18: x[8..]\n"
	"    18: e\n"
	"  }\n"
	"}\n";

static int setup(void **state)
{
	bool built;
	struct fx *f = fx_build(spec, &built);
	assert_true(built);
	assert_int_equal(f->diag.list.n, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx_free(*state);
	return 0;
}

/* What the spec's cap block made: slot -> element of x (-1: e). */
static void test_placed(void **state)
{
	struct fx *f = *state;
	const struct obj_binding *x = fx_sym(f, "x")->obj, *e = fx_sym(f, "e")->obj;
	const struct obj_binding *cn = fx_sym(f, "cn")->obj;
	assert_non_null(x);
	assert_true(x->is_array);
	assert_int_equal(x->count, 8);
	assert_false(e->is_array);
	const struct object *c = &f->model.objs.v[cn->first];
	static const int want[] = {0, 1, 2, 3, 4, 5, 6, 7, /* x[] */
				   5, 4, 3, 2,		   /* x[5..2] */
				   0, 1, 6, 1,		   /* x[..1, 6, 1] */
				   6, 7,		   /* x[6..] */
				   -1};			   /* x[8..] is empty; e */
	assert_int_equal(c->nslots, sizeof(want) / sizeof(want[0]));
	for (uint32_t i = 0; i < c->nslots; i++) {
		assert_int_equal(c->slots[i].slot, i);
		assert_int_equal(c->slots[i].cap.type, CAP_EP);
		assert_int_equal(c->slots[i].cap.obj,
				 want[i] < 0 ? e->first : x->first + (uint32_t)want[i]);
	}
}

static bool resolve(struct fx *f, const char *name, bool bracket,
		    const struct ast_range *ranges, struct ref_list *out)
{
	struct ast_nameref r = {.name = sym_intern(&f->syms, name, strlen(name)),
				.loc = {40, 2}, .bracket = bracket,
				.ranges = (struct ast_range *)ranges};
	out->ids.n = 0;
	return resolve_ref(&f->model, &r, out);
}

static void expect_ids(struct fx *f, const struct ref_list *l, const int *want, size_t n)
{
	uint32_t first = fx_sym(f, "x")->obj->first;
	assert_int_equal(l->ids.n, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(l->ids.v[i], first + (uint32_t)want[i]);
}

static void test_resolve_ranges(void **state)
{
	struct fx *f = *state;
	struct ref_list l = {0};
	size_t ndiag = f->diag.list.n;

	assert_true(resolve(f, "x", true, NULL, &l)); /* x[] */
	expect_ids(f, &l, (int[]){0, 1, 2, 3, 4, 5, 6, 7}, 8);

	struct ast_range one = {.kind = RANGE_ONE, .lo = 7, .hi = 7};
	assert_true(resolve(f, "x", true, &one, &l));
	expect_ids(f, &l, (int[]){7}, 1);

	struct ast_range down = {.kind = RANGE_SPAN, .lo = 7, .hi = 5};
	assert_true(resolve(f, "x", true, &down, &l));
	expect_ids(f, &l, (int[]){7, 6, 5}, 3);

	struct ast_range same = {.kind = RANGE_SPAN, .lo = 3, .hi = 3};
	assert_true(resolve(f, "x", true, &same, &l));
	expect_ids(f, &l, (int[]){3}, 1);

	struct ast_range to = {.kind = RANGE_TO, .hi = 7};
	assert_true(resolve(f, "x", true, &to, &l));
	expect_ids(f, &l, (int[]){0, 1, 2, 3, 4, 5, 6, 7}, 8);

	struct ast_range from_end = {.kind = RANGE_FROM, .lo = 8};
	assert_true(resolve(f, "x", true, &from_end, &l)); /* x[8..]: empty */
	assert_int_equal(l.ids.n, 0);

	/* a list: x[6.., 0, 2..1, 0] */
	struct ast_range r4 = {.kind = RANGE_ONE, .lo = 0, .hi = 0};
	struct ast_range r3 = {.next = &r4, .kind = RANGE_SPAN, .lo = 2, .hi = 1};
	struct ast_range r2 = {.next = &r3, .kind = RANGE_ONE, .lo = 0, .hi = 0};
	struct ast_range r1 = {.next = &r2, .kind = RANGE_FROM, .lo = 6};
	assert_true(resolve(f, "x", true, &r1, &l));
	expect_ids(f, &l, (int[]){6, 7, 0, 2, 1, 0}, 6);

	assert_true(resolve(f, "e", false, NULL, &l));
	assert_int_equal(l.ids.n, 1);
	assert_int_equal(l.ids.v[0], fx_sym(f, "e")->obj->first);
	assert_int_equal(f->diag.list.n, ndiag); /* none of these complained */
	VEC_FREE(&l.ids);
}

static void expect_error(struct fx *f, size_t before, const char *msg, uint32_t col)
{
	assert_int_equal(f->diag.list.n, before + 1);
	const struct diag *d = &f->diag.list.v[before];
	assert_int_equal(d->check, CHK_UNKNOWN_OBJECT);
	assert_int_equal(d->sev, SEV_ERROR);
	assert_string_equal(d->msg, msg);
	assert_loc(d->loc, 40, col);
}

static void test_resolve_errors(void **state)
{
	struct fx *f = *state;
	struct ref_list l = {0};
	size_t n;

	struct ast_range one = {.loc = {40, 4}, .kind = RANGE_ONE, .lo = 8, .hi = 8};
	n = f->diag.list.n;
	assert_false(resolve(f, "x", true, &one, &l));
	expect_error(f, n, "index 8 is out of range for 'x', which has 8 elements", 4);

	struct ast_range span = {.loc = {40, 5}, .kind = RANGE_SPAN, .lo = 6, .hi = 9};
	n = f->diag.list.n;
	assert_false(resolve(f, "x", true, &span, &l));
	expect_error(f, n, "index 9 is out of range for 'x', which has 8 elements", 5);

	struct ast_range from = {.loc = {40, 6}, .kind = RANGE_FROM, .lo = 9};
	n = f->diag.list.n;
	assert_false(resolve(f, "x", true, &from, &l));
	expect_error(f, n, "index 9 is out of range for 'x', which has 8 elements", 6);

	struct ast_range to = {.loc = {40, 7}, .kind = RANGE_TO, .hi = 8};
	n = f->diag.list.n;
	assert_false(resolve(f, "x", true, &to, &l));
	expect_error(f, n, "index 8 is out of range for 'x', which has 8 elements", 7);

	n = f->diag.list.n;
	assert_false(resolve(f, "x", false, NULL, &l));
	expect_error(f, n, "'x' is an array; name its elements as x[] or x[i]", 2);

	n = f->diag.list.n;
	assert_false(resolve(f, "e", true, NULL, &l));
	expect_error(f, n, "'e' is not an array and takes no index", 2);

	n = f->diag.list.n;
	assert_false(resolve(f, "nosuch", false, NULL, &l));
	expect_error(f, n, "unknown object 'nosuch'", 2);
	VEC_FREE(&l.ids);
}

static void test_resolve_one(void **state)
{
	struct fx *f = *state;
	struct ast_range span = {.kind = RANGE_SPAN, .lo = 1, .hi = 2};
	struct ast_nameref r = {.name = fx_sym(f, "x"), .loc = {41, 3}, .bracket = true,
				.ranges = &span};
	size_t n = f->diag.list.n;
	assert_int_equal(resolve_one(&f->model, &r, "a test"), NO_OBJ);
	assert_int_equal(f->diag.list.n, n + 1);
	const struct diag *d = &f->diag.list.v[n];
	assert_int_equal(d->check, CHK_NOT_UNIQUE);
	assert_string_equal(d->msg, "a test must name exactly one object, but 'x' names 2");
	assert_loc(d->loc, 41, 3);

	struct ast_range one = {.kind = RANGE_ONE, .lo = 3, .hi = 3};
	r.ranges = &one;
	assert_int_equal(resolve_one(&f->model, &r, "a test"), fx_sym(f, "x")->obj->first + 3);
	assert_int_equal(f->diag.list.n, n + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_placed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve_one, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
