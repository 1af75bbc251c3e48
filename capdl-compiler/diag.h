/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * diag.h: diagnostics and the table of named checks.
 *
 * Every semantic problem capdlc reports belongs to one check in
 * check_table[] (see checks.def); each can be tuned on the command line
 * with -W<name>, -Wno-<name>, -Werror=<name>, -Wno-error=<name>.
 * Messages print as "file:line:col: error|warning: text [-W<name>]",
 * followed by "note:" lines for related positions.
 */
#ifndef CAPDLC_DIAG_H
#define CAPDLC_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

struct loc {
	uint32_t line, col; /* 1-based; line 0 = no position */
};

/* Order positions by line, then column (qsort style). */
static inline int loc_cmp(struct loc x, struct loc y)
{
	if (x.line != y.line)
		return x.line < y.line ? -1 : 1;
	return x.col < y.col ? -1 : x.col > y.col;
}

enum severity { SEV_OFF, SEV_WARNING, SEV_ERROR };

enum check_id {
#define CHECK(id, name, sev, fatal, summary) CHK_##id,
#include "checks.def"
#undef CHECK
	CHK_COUNT,
	CHK_SYNTAX = CHK_COUNT, /* syntax errors: not tunable */
};

struct check_info {
	const char *name;
	enum severity def;
	bool fatal; /* cannot be disabled or demoted: the model depends on it */
	const char *summary;
};
extern const struct check_info check_table[CHK_COUNT];

struct diag_note {
	struct loc loc;
	char *msg;
};

struct diag {
	struct loc loc;
	enum severity sev;
	enum check_id check;
	char *msg;
	VEC(struct diag_note) notes;
	size_t seq;
};

struct diag_ctx {
	const char *file;
	enum severity sev[CHK_COUNT];
	bool no_error[CHK_COUNT]; /* -Wno-error=name: a warning even with -Werror */
	bool werror;		/* -Werror: every warning is an error */
	size_t errors, warnings;
	size_t limit;		/* stop storing after this many (0 = none) */
	size_t dropped;
	VEC(struct diag) list;
	struct diag *last;	/* target of diag_note(); NULL if suppressed */
};

void diag_init(struct diag_ctx *d, const char *file);
void diag_free(struct diag_ctx *d);

/* Parse one -W option (the text after "-W"); returns false and prints a
 * message if it is not valid. */
bool diag_option(struct diag_ctx *d, const char *opt);
enum severity diag_severity(const struct diag_ctx *d, enum check_id id);
static inline bool diag_enabled(const struct diag_ctx *d, enum check_id id)
{
	return diag_severity(d, id) != SEV_OFF;
}

void diag(struct diag_ctx *d, enum check_id id, struct loc loc,
	  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_note(struct diag_ctx *d, struct loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print every stored diagnostic, sorted by position, and clear them. */
void diag_flush(struct diag_ctx *d, FILE *out);
void diag_list_checks(FILE *out);

#endif
