/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test-lexer.c: the lexer, driven through parse_buffer(): which tokens it
 * makes (seen in the syntax tree), their positions (1-based line and
 * column, a tab is one column), numbers in every base and their 64-bit
 * wrap, comments, and the raw words of fill entries.
 */
#include <string.h>

#include "harness.h"

static const struct ast_objdecl *nth_object(const struct fx *f, int n)
{
	const struct ast_objdecl *d = f->spec.objects.first;
	while (d && n--)
		d = d->next;
	assert_non_null(d);
	return d;
}

static const struct ast_param *nth_param(const struct ast_objdecl *d, int n)
{
	const struct ast_param *p = d->params;
	while (p && n--)
		p = p->next;
	assert_non_null(p);
	return p;
}

/* Positions: a tab counts one column; numbers keep their value. */
static void test_positions(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\n"
				"objects {\n"
				"  a = ep\n"
				"\tb = tcb (prio: 0x10)\n"
				"  c = cnode (010 bits)\n"
				"}\n");
	assert_true(f->parsed);
	assert_string_equal(f->spec.arch->s, "aarch64");
	assert_loc(f->spec.arch_loc, 1, 6);

	const struct ast_objdecl *a = nth_object(f, 0);
	assert_string_equal(a->qname.ref.name->s, "a");
	assert_loc(a->loc, 3, 3);
	assert_loc(a->qname.ref.loc, 3, 3);
	assert_string_equal(a->type->s, "ep");
	assert_loc(a->type_loc, 3, 7);
	assert_false(a->has_params);

	const struct ast_objdecl *b = nth_object(f, 1);
	assert_loc(b->qname.ref.loc, 4, 2);
	assert_loc(b->type_loc, 4, 6);
	const struct ast_param *prio = nth_param(b, 0);
	assert_int_equal(prio->kind, PARAM_NUM);
	assert_string_equal(prio->key->s, "prio");
	assert_loc(prio->loc, 4, 11);
	assert_int_equal(prio->n[0], 16);

	const struct ast_objdecl *c = nth_object(f, 2);
	const struct ast_param *size = nth_param(c, 0);
	assert_int_equal(size->kind, PARAM_SIZE);
	assert_int_equal(size->n[0], 10); /* 010 is decimal */
	assert_loc(size->loc, 5, 14);
	assert_string_equal(size->word->s, "bits");
	assert_loc(size->word_loc, 5, 18);
	assert_null(c->next);
	assert_int_equal(f->diag.list.n, 0);
	fx_free(f);
}

/* Block comments nest and may span lines; CR LF line ends; "--" comments. */
static void test_comments_and_crlf(void **state)
{
	(void)state;
	struct fx *f = fx_parse("/* one\n"
				" * two /* nested\n"
				" */ still */ arch aarch64\r\n"
				"objects { -- a comment } not the end\r\n"
				"  x = ep }\r\n");
	assert_true(f->parsed);
	assert_loc(f->spec.arch_loc, 3, 19);
	const struct ast_objdecl *x = nth_object(f, 0);
	assert_string_equal(x->qname.ref.name->s, "x");
	assert_loc(x->qname.ref.loc, 5, 3);
	assert_null(x->next);
	fx_free(f);
}

/* An unterminated comment is reported where it opens. */
static void test_unterminated_comment(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\n"
				"objects { }\n"
				"  /* a /* b */ c\n"
				"\n");
	assert_false(f->parsed);
	assert_int_equal(fx_count(f, CHK_SYNTAX), 1);
	const struct diag *d = fx_diag(f, CHK_SYNTAX, 0);
	assert_string_equal(d->msg, "unterminated comment");
	assert_loc(d->loc, 3, 3);
	fx_free(f);
}

/* Identifier characters, keywords as names inside braces, and the
 * two-word tokens "- child_of" (here across a line end) and "irq maps". */
static void test_words(void **state)
{
	(void)state;
	struct fx *f = fx_parse(
		"arch aarch64\n"
		"objects { cdt = ep  foo--bar = ep  a.b@c = ep  fill = ep  cn = cnode (2 bits) }\n"
		"caps { cn { 0: cdt\n"
		"  1: foo--bar -\n"
		"  child_of (cn, 0) } }\n"
		"irq maps { }\n");
	assert_true(f->parsed);
	static const char *const names[] = {"cdt", "foo--bar", "a.b@c", "fill", "cn"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(nth_object(f, i)->qname.ref.name->s, names[i]);

	const struct ast_capitem *it = f->spec.caps.first;
	assert_non_null(it);
	assert_int_equal(it->kind, CI_BLOCK);
	assert_string_equal(it->container.name->s, "cn");
	const struct ast_mapping *m0 = it->maps, *m1 = m0->next;
	assert_string_equal(m0->target.name->s, "cdt");
	assert_null(m0->parent);
	assert_string_equal(m1->target.name->s, "foo--bar");
	assert_loc(m1->target.loc, 4, 6);
	assert_non_null(m1->parent);
	assert_null(m1->parent->capname);
	assert_loc(m1->parent->loc, 5, 12);
	assert_string_equal(m1->parent->obj.name->s, "cn");
	assert_loc(m1->parent->obj.loc, 5, 13);
	assert_int_equal(m1->parent->slot.n, 0);
	assert_loc(m1->parent->slot.loc, 5, 17);

	const struct ast_irqsection *s = f->spec.irqs.first;
	assert_non_null(s);
	assert_null(s->irqs);
	assert_loc(s->loc, 6, 1); /* the line end inside "- child_of" counted */
	fx_free(f);
}

/* Every base; the largest 64-bit values do not warn. */
static void test_numbers(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\n"
				"objects {\n"
				"  t = tcb (init: [123, 0x7f, 0X7F, 0xAbC, 0o17, 0O17, 010, 0, 007,\n"
				"    18446744073709551615, 0xffffffffffffffff,\n"
				"    0o1777777777777777777777])\n"
				"}\n");
	assert_true(f->parsed);
	static const uint64_t want[] = {123, 127, 127, 2748, 15, 15, 10, 0, 7,
					UINT64_MAX, UINT64_MAX, UINT64_MAX};
	const struct ast_param *init = nth_param(nth_object(f, 0), 0);
	assert_int_equal(init->kind, PARAM_LIST);
	const struct ast_numlist *l = init->list;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++, l = l->next) {
		assert_non_null(l);
		assert_int_equal(l->n, want[i]);
	}
	assert_null(l);
	assert_int_equal(f->diag.list.n, 0);
	fx_free(f);
}

/* One past 2^64 - 1 in each base wraps, with a -Wnumber-overflow warning
 * at the number. */
static void test_number_wrap(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\n"
				"objects {\n"
				"  t = tcb (init: [18446744073709551616, 0x10000000000000000,\n"
				"    0o2000000000000000000000, 18446744073709551617])\n"
				"}\n");
	assert_true(f->parsed);
	static const uint64_t want[] = {0, 0, 0, 1};
	const struct ast_numlist *l = nth_param(nth_object(f, 0), 0)->list;
	for (size_t i = 0; i < 4; i++, l = l->next)
		assert_int_equal(l->n, want[i]);
	assert_int_equal(fx_count(f, CHK_NUMBER_OVERFLOW), 4);
	static const struct loc where[] = {{3, 19}, {3, 41}, {4, 5}, {4, 31}};
	for (size_t i = 0; i < 4; i++) {
		const struct diag *d = fx_diag(f, CHK_NUMBER_OVERFLOW, i);
		assert_int_equal(d->sev, SEV_WARNING);
		assert_loc(d->loc, where[i].line, where[i].col);
	}
	assert_string_equal(fx_diag(f, CHK_NUMBER_OVERFLOW, 3)->msg,
			    "number '18446744073709551617' does not fit in 64 bits; it wraps to 1");
	fx_free(f);
}

/* Ranges: ".." in every position. */
static void test_ranges(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\n"
				"caps { c { 0: x[]  1: x[3]  2: x[2..5, 5..2, ..3, 4..] } }\n");
	assert_true(f->parsed);
	const struct ast_mapping *m = f->spec.caps.first->maps;
	assert_true(m->target.bracket);
	assert_null(m->target.ranges);
	m = m->next;
	assert_int_equal(m->target.ranges->kind, RANGE_ONE);
	assert_int_equal(m->target.ranges->lo, 3);
	assert_null(m->target.ranges->next);
	const struct ast_range *r = m->next->target.ranges;
	static const struct { enum range_kind k; uint64_t lo, hi; uint32_t col; } want[] = {
		{RANGE_SPAN, 2, 5, 34}, {RANGE_SPAN, 5, 2, 40}, {RANGE_TO, 0, 3, 46},
		{RANGE_FROM, 4, 0, 51},
	};
	for (size_t i = 0; i < 4; i++, r = r->next) {
		assert_non_null(r);
		assert_int_equal(r->kind, want[i].k);
		assert_int_equal(r->lo, want[i].lo);
		if (want[i].k != RANGE_FROM)
			assert_int_equal(r->hi, want[i].hi);
		assert_loc(r->loc, 2, want[i].col);
	}
	assert_null(r);
	fx_free(f);
}

/* Fill entries: raw words split at blanks and '}', across lines; the line
 * count goes on after them. */
static void test_fill(void **state)
{
	(void)state;
	struct fx *f = fx_parse(
		"arch aarch64\n"
		"objects {\n"
		"  f = frame (4k, fill: [{0 4096 CDL_FrameFill_FileData \"app.elf\" 0x10000},\n"
		"    {  1 2\n"
		"       x}, {a,b}])\n"
		"  g = ep\n"
		"}\n");
	assert_true(f->parsed);
	const struct ast_objdecl *fr = nth_object(f, 0);
	const struct ast_param *size = nth_param(fr, 0), *fill = nth_param(fr, 1);
	assert_int_equal(size->kind, PARAM_SIZE);
	assert_int_equal(size->n[0], 4);
	assert_string_equal(size->word->s, "k");
	assert_int_equal(fill->kind, PARAM_FILL);
	assert_string_equal(fill->key->s, "fill");
	assert_loc(fill->loc, 3, 18);

	static const char *const e0[] = {"0", "4096", "CDL_FrameFill_FileData", "\"app.elf\"",
					 "0x10000"};
	static const char *const e1[] = {"1", "2", "x"};
	const struct ast_fill *e = fill->fills;
	assert_int_equal(e->ntok, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(e->tok[i], e0[i]);
	assert_loc(e->loc, 3, 25);
	e = e->next;
	assert_int_equal(e->ntok, 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(e->tok[i], e1[i]);
	assert_loc(e->loc, 4, 5);
	e = e->next;
	assert_int_equal(e->ntok, 1);
	assert_string_equal(e->tok[0], "a,b");
	assert_loc(e->loc, 5, 12);
	assert_null(e->next);

	const struct ast_objdecl *g = nth_object(f, 1);
	assert_string_equal(g->qname.ref.name->s, "g");
	assert_loc(g->qname.ref.loc, 6, 3);
	fx_free(f);
}

/* An empty fill list is a list, not fill entries; an empty entry "{}" is
 * an entry without words. */
static void test_fill_empty(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\nobjects { f = frame (4k, fill: [ ]) }\n");
	assert_true(f->parsed);
	const struct ast_param *fill = nth_param(nth_object(f, 0), 1);
	assert_int_equal(fill->kind, PARAM_LIST);
	assert_null(fill->list);
	fx_free(f);

	f = fx_parse("arch aarch64\nobjects { f = frame (4k, fill: [{}, {a}]) }\n");
	assert_true(f->parsed);
	fill = nth_param(nth_object(f, 0), 1);
	assert_int_equal(fill->kind, PARAM_FILL);
	assert_int_equal(fill->fills->ntok, 0);
	assert_loc(fill->fills->loc, 2, 33);
	assert_int_equal(fill->fills->next->ntok, 1);
	assert_string_equal(fill->fills->next->tok[0], "a");
	fx_free(f);
}

/* An unterminated fill entry is reported at its '{'. */
static void test_fill_unterminated(void **state)
{
	(void)state;
	struct fx *f = fx_parse("arch aarch64\nobjects {\n  f = frame (4k, fill: [{0 1 2");
	assert_false(f->parsed);
	const struct diag *d = fx_diag(f, CHK_SYNTAX, 0);
	assert_non_null(d);
	assert_string_equal(d->msg, "unterminated fill entry: missing '}'");
	assert_loc(d->loc, 3, 25);
	fx_free(f);
}

/* The "-- Dump" first line, stripped of blanks, selects the dump form. */
static void test_dump_line(void **state)
{
	(void)state;
	static const struct { const char *text; bool dump; } cases[] = {
		{"-- Dump\narch aarch64\nobjects { }\n", true},
		{"  -- Dump \t\r\narch aarch64\nobjects { }\n", true},
		{"-- Dumps\narch aarch64\nobjects { }\n", false},
		{"\n-- Dump\narch aarch64\nobjects { }\n", false},
		{"arch aarch64 -- Dump\nobjects { }\n", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fx *f = fx_parse(cases[i].text);
		assert_true(f->parsed);
		assert_int_equal(f->spec.dump, cases[i].dump);
		fx_free(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_comments_and_crlf),
		cmocka_unit_test(test_unterminated_comment),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_number_wrap),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fill_empty),
		cmocka_unit_test(test_fill_unterminated),
		cmocka_unit_test(test_dump_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
