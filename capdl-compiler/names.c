/* SPDX-License-Identifier: BSD-2-Clause */
/* names.c: the identifier table: open addressing with linear probing,
 * kept at most half full; each entry caches the hash. */
#include "names.h"

#include <string.h>

#include "keywords.h"
#include "model.h"

const char *const keyword_names[KW_COUNT] = {
	[KW_NONE] = "",
#define X(id, s) [KW_##id] = s,
	KEYWORDS(X)
#undef X
};

static const char *const slot_names[] = {
	"cspace", "vspace", "reply_slot", "caller_slot", "ipc_buffer_slot",
	"fault_ep_slot", "sc_slot", "temp_fault_ep_slot", "bound_notification",
	"bound_vcpu",
};

struct symslot {
	uint32_t hash;
	struct sym *sym;
};

void symtab_init(struct symtab *t, struct arena *a)
{
	t->nslot = 1 << 12;
	t->slot = big_alloc(t->nslot * sizeof(*t->slot));
	t->count = 0;
	t->arena = a;
	for (int i = 1; i < KW_COUNT; i++)
		sym_intern(t, keyword_names[i], strlen(keyword_names[i]))->kw = (uint16_t)i;
	for (int i = 0; i < OBJ_TYPE_COUNT; i++)
		sym_intern(t, obj_types[i].kw, strlen(obj_types[i].kw))->objtype = (int8_t)i;
	for (size_t i = 0; i < ARRAY_SIZE(slot_names); i++)
		sym_intern(t, slot_names[i], strlen(slot_names[i]))->slot = (int8_t)i;
}

void symtab_free(struct symtab *t)
{
	big_free(t->slot, t->nslot * sizeof(*t->slot));
	t->slot = NULL;
	t->nslot = t->count = 0;
}

static void grow(struct symtab *t)
{
	size_t n = t->nslot * 2, mask = n - 1;
	struct symslot *s = big_alloc(n * sizeof(*s));
	for (size_t i = 0; i < t->nslot; i++) {
		if (!t->slot[i].sym)
			continue;
		size_t j = t->slot[i].hash & mask;
		while (s[j].sym)
			j = (j + 1) & mask;
		s[j] = t->slot[i];
	}
	big_free(t->slot, t->nslot * sizeof(*t->slot));
	t->slot = s;
	t->nslot = n;
}

static struct symslot *probe(const struct symtab *t, const char *s, size_t len,
			     uint32_t h)
{
	size_t mask = t->nslot - 1, i = h & mask;
	for (;; i = (i + 1) & mask) {
		struct symslot *e = &t->slot[i];
		if (!e->sym || (e->hash == h && e->sym->len == len && !memcmp(e->sym->s, s, len)))
			return e;
	}
}

struct sym *sym_lookup(const struct symtab *t, const char *s, size_t len)
{
	return probe(t, s, len, hash_bytes(s, len))->sym;
}

struct sym *sym_intern(struct symtab *t, const char *s, size_t len)
{
	uint32_t h = hash_bytes(s, len);
	struct symslot *e = probe(t, s, len, h);
	if (e->sym)
		return e->sym;
	struct sym *p = arena_zalloc(t->arena, sizeof(*p));
	p->s = arena_strndup(t->arena, s, len);
	p->len = (uint32_t)len;
	p->hash = h;
	p->objtype = -1;
	p->slot = -1;
	e->hash = h;
	e->sym = p;
	if (++t->count * 2 > t->nslot)
		grow(t);
	return p;
}
