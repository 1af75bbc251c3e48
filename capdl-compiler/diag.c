/* SPDX-License-Identifier: BSD-2-Clause */
/* diag.c: collecting, tuning and printing diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const struct check_info check_table[CHK_COUNT] = {
#define CHECK(id, name, sev, fatal, summary) [CHK_##id] = {name, sev, fatal, summary},
#include "checks.def"
#undef CHECK
};

void diag_init(struct diag_ctx *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = file;
	for (int i = 0; i < CHK_COUNT; i++)
		d->sev[i] = check_table[i].def;
	d->limit = 100000;
}

static void diag_free_list(struct diag_ctx *d)
{
	for (size_t i = 0; i < d->list.n; i++) {
		struct diag *g = &d->list.v[i];
		free(g->msg);
		for (size_t j = 0; j < g->notes.n; j++)
			free(g->notes.v[j].msg);
		VEC_FREE(&g->notes);
	}
	d->list.n = 0;
	d->last = NULL;
}

void diag_free(struct diag_ctx *d)
{
	diag_free_list(d);
	VEC_FREE(&d->list);
}

static int find_check(const char *name)
{
	for (int i = 0; i < CHK_COUNT; i++)
		if (!strcmp(check_table[i].name, name))
			return i;
	return -1;
}

bool diag_option(struct diag_ctx *d, const char *opt)
{
	if (!strcmp(opt, "error")) {
		d->werror = true;
		return true;
	}
	if (!strcmp(opt, "no-error")) {
		d->werror = false;
		return true;
	}
	enum { ENABLE, DISABLE, ERROR, NO_ERROR } what = ENABLE;
	const char *name = opt;
	if (!strncmp(opt, "error=", 6)) {
		what = ERROR;
		name = opt + 6;
	} else if (!strncmp(opt, "no-error=", 9)) {
		what = NO_ERROR;
		name = opt + 9;
	} else if (!strncmp(opt, "no-", 3)) {
		what = DISABLE;
		name = opt + 3;
	}
	int id = find_check(name);
	if (id < 0) {
		fprintf(stderr, "capdlc: unknown check '%s' in -W%s (see --list-checks)\n",
			name, opt);
		return false;
	}
	if (check_table[id].fatal && (what == DISABLE || what == NO_ERROR)) {
		fprintf(stderr, "capdlc: check '%s' guards the model and cannot be "
			"disabled or demoted\n", name);
		return false;
	}
	/* As in gcc: -Wname turns a check on at its own severity, -Werror=name
	 * makes it an error, -Wno-error=name a warning even under -Werror. */
	switch (what) {
	case ENABLE:
		if (d->sev[id] == SEV_OFF)
			d->sev[id] = d->no_error[id] ? SEV_WARNING
				     : check_table[id].def == SEV_OFF ? SEV_WARNING
				     : check_table[id].def;
		break;
	case DISABLE:
		d->sev[id] = SEV_OFF;
		break;
	case ERROR:
		d->sev[id] = SEV_ERROR;
		d->no_error[id] = false;
		break;
	case NO_ERROR:
		d->no_error[id] = true;
		if (d->sev[id] == SEV_ERROR)
			d->sev[id] = SEV_WARNING;
		break;
	}
	return true;
}

enum severity diag_severity(const struct diag_ctx *d, enum check_id id)
{
	if (id >= CHK_COUNT)
		return SEV_ERROR;
	enum severity s = d->sev[id];
	if (s == SEV_WARNING && d->werror && !d->no_error[id])
		s = SEV_ERROR;
	return s;
}

static char *vformat(const char *fmt, va_list ap)
{
	struct strbuf sb = {0};
	sb_vprintf(&sb, fmt, ap);
	return sb.s ? sb.s : xstrdup("");
}

void diag(struct diag_ctx *d, enum check_id id, struct loc loc,
	  const char *fmt, ...)
{
	enum severity s = diag_severity(d, id);
	d->last = NULL;
	if (s == SEV_OFF)
		return;
	if (s == SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->limit && d->list.n >= d->limit) {
		d->dropped++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	struct diag g = {.loc = loc, .sev = s, .check = id,
			 .msg = vformat(fmt, ap), .seq = d->list.n};
	va_end(ap);
	VEC_PUSH(&d->list, g);
	d->last = &d->list.v[d->list.n - 1];
}

void diag_note(struct diag_ctx *d, struct loc loc, const char *fmt, ...)
{
	if (!d->last)
		return;
	va_list ap;
	va_start(ap, fmt);
	struct diag_note n = {.loc = loc, .msg = vformat(fmt, ap)};
	va_end(ap);
	VEC_PUSH(&d->last->notes, n);
}

static int diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = loc_cmp(x->loc, y->loc);
	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void print_loc(FILE *out, const char *file, struct loc loc)
{
	if (loc.line)
		fprintf(out, "%s:%u:%u: ", file, loc.line, loc.col);
	else
		fprintf(out, "%s: ", file);
}

void diag_flush(struct diag_ctx *d, FILE *out)
{
	if (d->list.n > 1)
		qsort(d->list.v, d->list.n, sizeof(d->list.v[0]), diag_cmp);
	for (size_t i = 0; i < d->list.n; i++) {
		struct diag *g = &d->list.v[i];
		print_loc(out, d->file, g->loc);
		fprintf(out, "%s: %s", g->sev == SEV_ERROR ? "error" : "warning",
			g->msg);
		if (g->check < CHK_COUNT) {
			const char *name = check_table[g->check].name;
			if (g->sev == SEV_ERROR && check_table[g->check].def != SEV_ERROR)
				fprintf(out, " [-Werror=%s]\n", name);
			else
				fprintf(out, " [-W%s]\n", name);
		} else {
			fputc('\n', out);
		}
		for (size_t j = 0; j < g->notes.n; j++) {
			print_loc(out, d->file, g->notes.v[j].loc);
			fprintf(out, "note: %s\n", g->notes.v[j].msg);
		}
	}
	if (d->dropped)
		fprintf(out, "%s: note: %zu more diagnostics not shown\n",
			d->file, d->dropped);
	diag_free_list(d);
	d->dropped = 0;
}

void diag_list_checks(FILE *out)
{
	for (int i = 0; i < CHK_COUNT; i++) {
		const struct check_info *c = &check_table[i];
		fprintf(out, "  %-18s %-7s %s%s\n", c->name,
			c->def == SEV_ERROR ? "error" : c->def == SEV_WARNING ? "warning" : "off",
			c->summary, c->fatal ? " (cannot be disabled)" : "");
	}
}
