/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * names.h: interned identifiers. Every identifier in a spec is stored once;
 * the symbol carries its bindings in both CapDL namespaces (objects and
 * cap names), so name resolution is one hash lookup at lex time.
 */
#ifndef CAPDLC_NAMES_H
#define CAPDLC_NAMES_H

#include <stdint.h>

#include "util.h"

struct obj_binding;
struct capname_binding;
struct symslot;

struct sym {
	const char *s;
	uint32_t len;
	uint32_t hash;
	uint16_t kw;	/* enum keyword, KW_NONE if none */
	int8_t objtype; /* enum obj_type if an object type keyword, else -1 */
	int8_t slot;	/* symbolic slot number (cspace = 0, ...), else -1 */
	struct obj_binding *obj;	 /* object namespace (model.c) */
	struct capname_binding *capname; /* cap-name namespace (model.c) */
};

struct symtab {
	struct symslot *slot; /* open addressing, at most half full */
	size_t nslot, count;
	struct arena *arena;
};

/* Creates the table with every keyword, object type and slot name. */
void symtab_init(struct symtab *t, struct arena *a);
void symtab_free(struct symtab *t);
struct sym *sym_intern(struct symtab *t, const char *s, size_t len);
struct sym *sym_lookup(const struct symtab *t, const char *s, size_t len);

#endif
