/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * dump.c: the "-- Dump" file form, the capDL dump old seL4 debug kernels
 * print. Its objects are named after their kernel address, TYPE@0xADDR or
 * untyped@0xADDR@BITS. capDL-tool shows a run of objects of one type and
 * size at consecutive addresses as an array named after the first one:
 * frame@0x10000000, frame@0x10100000 (1M each) become frame@0x10000000[0]
 * and frame@0x10000000[1]. Only frames and untypeds (whose size the dump
 * states) are grouped; the names in the spec still refer to the objects.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

struct addr_obj {
	uint32_t id;
	uint64_t addr, size;
	size_t plen; /* length of the "type@" prefix */
};

/* Parse "xxx@0xADDR" or "xxx@0xADDR@BITS"; returns false if not that form. */
static bool dump_address(const char *s, uint64_t *addr, size_t *plen)
{
	const char *at = strchr(s, '@');
	if (!at || at[1] != '0' || (at[2] != 'x' && at[2] != 'X'))
		return false;
	char *end;
	unsigned long long v = strtoull(at + 3, &end, 16);
	if (end == at + 3 || (*end && *end != '@'))
		return false;
	*addr = v;
	*plen = (size_t)(at - s);
	return true;
}

static int addr_cmp(const void *a, const void *b)
{
	const struct addr_obj *x = a, *y = b;
	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	if (x->size != y->size)
		return x->size < y->size ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

void dump_group_objects(struct model *m)
{
	VEC(struct addr_obj) v = {0};
	for (size_t i = 0; i < m->objs.n; i++) {
		const struct object *o = &m->objs.v[i];
		struct addr_obj a = {.id = (uint32_t)i};
		if ((o->type != OBJ_FRAME && o->type != OBJ_UNTYPED) ||
		    !(o->flags & OF_BITS) || (o->flags & OF_ELEM) || o->bits >= 64 ||
		    !dump_address(o->name->s, &a.addr, &a.plen))
			continue;
		a.size = o->type == OBJ_FRAME ? 1ull << o->bits : (1ull << o->bits) | 1;
		VEC_PUSH(&v, a);
	}
	if (v.n > 1)
		qsort(v.v, v.n, sizeof(v.v[0]), addr_cmp);
	for (size_t i = 0; i < v.n;) {
		size_t j = i + 1;
		uint64_t step = v.v[i].size & ~1ull;
		const struct object *first = &m->objs.v[v.v[i].id];
		while (j < v.n && v.v[j].plen == v.v[i].plen && v.v[j].size == v.v[i].size &&
		       !memcmp(m->objs.v[v.v[j].id].name->s, first->name->s, v.v[i].plen) &&
		       v.v[j].addr == v.v[j - 1].addr + step)
			j++;
		if (j - i > 1)
			for (size_t k = i; k < j; k++) {
				struct object *o = &m->objs.v[v.v[k].id];
				o->name = first->name;
				o->index = (uint32_t)(k - i);
				o->flags |= OF_ELEM;
			}
		i = j;
	}
	VEC_FREE(&v);
}
