/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * harness.h: what the unit tests share: a spec parsed (and optionally
 * built) from a string, and lookups into the diagnostics it produced.
 */
#ifndef CAPDLC_TEST_HARNESS_H
#define CAPDLC_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "ast.h"
#include "model.h"

struct fx {
	struct arena arena;
	struct symtab syms;
	struct diag_ctx diag;
	struct ast_spec spec;
	struct model model;
	bool parsed;
};

/* Parse text (copied: the lexer scans in place). */
struct fx *fx_parse(const char *text);
/* Parse and build the model; asserts that parsing succeeded. */
struct fx *fx_build(const char *text, bool *built);
void fx_free(struct fx *f);

/* The n-th (from 0) stored diagnostic of a check, or NULL. */
const struct diag *fx_diag(const struct fx *f, enum check_id id, size_t n);
size_t fx_count(const struct fx *f, enum check_id id);

/* The symbol of a name, which must exist. */
struct sym *fx_sym(struct fx *f, const char *name);

#define assert_loc(l, line_, col_)                                             \
	do {                                                                   \
		assert_int_equal((l).line, (line_));                           \
		assert_int_equal((l).col, (col_));                             \
	} while (0)

#endif
