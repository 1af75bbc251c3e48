/* SPDX-License-Identifier: BSD-2-Clause */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

struct fx *fx_parse(const char *text)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	size_t len = strlen(text);
	char *buf = xmalloc(len + 2);
	memcpy(buf, text, len);
	buf[len] = buf[len + 1] = 0;
	diag_init(&f->diag, "t.cdl");
	symtab_init(&f->syms, &f->arena);
	struct parse_ctx p = {&f->arena, &f->syms, &f->diag, &f->spec, false};
	f->parsed = parse_buffer(&p, buf, len);
	free(buf);
	return f;
}

struct fx *fx_build(const char *text, bool *built)
{
	struct fx *f = fx_parse(text);
	assert_true(f->parsed);
	f->model.arena = &f->arena;
	f->model.syms = &f->syms;
	f->model.diag = &f->diag;
	*built = model_build(&f->model, &f->spec);
	return f;
}

void fx_free(struct fx *f)
{
	model_free(&f->model);
	diag_free(&f->diag);
	symtab_free(&f->syms);
	arena_free(&f->arena);
	free(f);
}

const struct diag *fx_diag(const struct fx *f, enum check_id id, size_t n)
{
	for (size_t i = 0; i < f->diag.list.n; i++)
		if (f->diag.list.v[i].check == id && n-- == 0)
			return &f->diag.list.v[i];
	return NULL;
}

size_t fx_count(const struct fx *f, enum check_id id)
{
	size_t n = 0;
	for (size_t i = 0; i < f->diag.list.n; i++)
		n += f->diag.list.v[i].check == id;
	return n;
}

struct sym *fx_sym(struct fx *f, const char *name)
{
	struct sym *s = sym_lookup(&f->syms, name, strlen(name));
	assert_non_null(s);
	return s;
}
