/* SPDX-License-Identifier: BSD-2-Clause */
/* names.c: the identifier table (open hashing, doubling). */
#include "names.h"

#include <stdlib.h>
#include <string.h>

void symtab_init(struct symtab *t, struct arena *a)
{
	t->nbucket = 1 << 12;
	t->bucket = xcalloc(t->nbucket, sizeof(*t->bucket));
	t->count = 0;
	t->arena = a;
}

void symtab_free(struct symtab *t)
{
	free(t->bucket);
	t->bucket = NULL;
	t->nbucket = t->count = 0;
}

static void rehash(struct symtab *t)
{
	size_t nb = t->nbucket * 2;
	struct sym **b = xcalloc(nb, sizeof(*b));
	for (size_t i = 0; i < t->nbucket; i++) {
		struct sym *s = t->bucket[i];
		while (s) {
			struct sym *next = s->chain;
			size_t h = s->hash & (nb - 1);
			s->chain = b[h];
			b[h] = s;
			s = next;
		}
	}
	free(t->bucket);
	t->bucket = b;
	t->nbucket = nb;
}

struct sym *sym_lookup(const struct symtab *t, const char *s, size_t len)
{
	uint32_t h = hash_bytes(s, len);
	for (struct sym *p = t->bucket[h & (t->nbucket - 1)]; p; p = p->chain)
		if (p->hash == h && p->len == len && !memcmp(p->s, s, len))
			return p;
	return NULL;
}

struct sym *sym_intern(struct symtab *t, const char *s, size_t len)
{
	uint32_t h = hash_bytes(s, len);
	size_t i = h & (t->nbucket - 1);
	for (struct sym *p = t->bucket[i]; p; p = p->chain)
		if (p->hash == h && p->len == len && !memcmp(p->s, s, len))
			return p;
	struct sym *p = arena_zalloc(t->arena, sizeof(*p));
	p->s = arena_strndup(t->arena, s, len);
	p->len = (uint32_t)len;
	p->hash = h;
	p->chain = t->bucket[i];
	t->bucket[i] = p;
	if (++t->count > t->nbucket)
		rehash(t);
	return p;
}
