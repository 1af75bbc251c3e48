/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ast.h: the syntax tree the parser builds: what was written, in the order
 * it was written, with positions. Nothing is resolved here; model.c turns
 * this into objects and caps.
 */
#ifndef CAPDLC_AST_H
#define CAPDLC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "names.h"

/* A list built in source order: first/last of a singly linked chain. */
#define AST_LIST(T) struct { T *first, *last; }
#define AST_APPEND(list, node)                                                 \
	do {                                                                   \
		(node)->next = NULL;                                           \
		if ((list)->last)                                              \
			(list)->last->next = (node);                           \
		else                                                           \
			(list)->first = (node);                                \
		(list)->last = (node);                                         \
	} while (0)

enum range_kind {
	RANGE_ONE,  /* [n]     */
	RANGE_SPAN, /* [a..b]  (descending if a > b) */
	RANGE_TO,   /* [..b]   = 0..b */
	RANGE_FROM, /* [a..]   = a..count-1 */
};

struct ast_range {
	struct ast_range *next;
	struct loc loc;
	enum range_kind kind;
	uint64_t lo, hi;
};

/* name, name[], name[ranges] */
struct ast_nameref {
	struct sym *name;
	struct loc loc;
	bool bracket;		 /* brackets were written */
	struct ast_range *ranges; /* NULL with bracket: all elements */
};

/* Object parameters. */
enum param_kind {
	PARAM_BITS,  /* N bits */
	PARAM_SIZE,  /* N k | N M           (unit in word) */
	PARAM_NUM,   /* key: N */
	PARAM_WORD,  /* key: word           (True, level, ...) */
	PARAM_LIST,  /* key: [N, ...]       (possibly empty) */
	PARAM_RANGE, /* key: [a..b] */
	PARAM_FILL,  /* fill: [{...}, ...] */
	PARAM_PCI,   /* bus:dev.fun */
};

struct ast_numlist {
	struct ast_numlist *next;
	uint64_t n;
};

struct ast_fill {
	struct ast_fill *next;
	struct loc loc;
	uint32_t ntok;
	char **tok; /* raw tokens, as written */
};

struct ast_param {
	struct ast_param *next;
	struct loc loc;
	enum param_kind kind;
	struct sym *key;	/* PARAM_NUM/WORD/LIST/RANGE/FILL */
	struct sym *word;	/* PARAM_WORD value, PARAM_SIZE unit */
	struct loc word_loc;
	uint64_t n[3];
	struct ast_numlist *list;
	struct ast_fill *fills;
};

struct ast_qpart {
	struct ast_qpart *next;
	struct ast_nameref ref;
};

struct ast_objdecl;

struct ast_child {
	struct ast_child *next;
	struct ast_objdecl *decl; /* inline declaration, or */
	struct ast_nameref ref;	  /* a reference (decl == NULL) */
};

struct ast_objdecl {
	struct ast_objdecl *next;
	struct loc loc;
	struct ast_qpart qname; /* a/b/c: the last part is the object */
	struct sym *type;
	struct loc type_loc;
	bool has_params;
	struct ast_param *params;
	bool has_children;
	struct ast_child *children;
};

/* Caps. */
struct ast_slot {
	struct loc loc;
	struct sym *word; /* symbolic slot (cspace, ...) or NULL */
	uint64_t n;
};

struct ast_word {
	struct ast_word *next;
	struct loc loc;
	struct sym *w;
};

enum capparam_kind {
	CP_WORDS,   /* R W, RWG, reply, uncached, ... */
	CP_NUM,     /* key: N */
	CP_WORDS_V, /* key: words        (masked: RW) */
	CP_PAIR,    /* key: (N, N)       (asid) */
	CP_SLOTREF, /* key: (obj, slot)  (mapping) */
};

struct ast_slotpair {
	struct ast_nameref ref;
	struct ast_slot slot;
};

struct ast_capparam {
	struct ast_capparam *next;
	struct loc loc;
	enum capparam_kind kind;
	struct sym *key;
	struct ast_word *words;
	uint64_t n[2];
	struct ast_slotpair *pair; /* CP_SLOTREF */
};

/* (obj, slot) or a cap name */
struct ast_slotref {
	struct loc loc;
	struct sym *capname; /* non-NULL: a cap name */
	struct ast_nameref obj;
	struct ast_slot slot;
};

struct ast_mapping {
	struct ast_mapping *next;
	struct loc loc;
	struct ast_slot slot;
	struct ast_nameref target;
	struct ast_capparam *params;
	struct ast_nameref *name;   /* name = target, or NULL */
	struct ast_slotref *parent; /* - child_of ..., or NULL */
	bool has_slot;
	bool is_copy; /* <target> */
};

enum capitem_kind { CI_BLOCK, CI_NAME };

struct ast_capitem {
	struct ast_capitem *next;
	struct loc loc;
	enum capitem_kind kind;
	struct ast_nameref container; /* CI_BLOCK */
	struct ast_mapping *maps;
	struct sym *name;	/* CI_NAME: name = (obj, slot) */
	struct loc name_loc;
	struct ast_slotref *ref;
};

struct ast_cdtchild {
	struct ast_cdtchild *next;
	struct ast_slotref *ref;
};

struct ast_cdt {
	struct ast_cdt *next;
	struct ast_slotref *parent;
	struct ast_cdtchild *children;
};

struct ast_irq {
	struct ast_irq *next;
	struct loc loc;
	bool has_num;
	uint64_t num;
	struct ast_nameref ref;
};

struct ast_sched {
	struct ast_sched *next;
	struct loc loc;
	uint64_t dom, ticks;
};

enum domitem_kind { DI_SCHEDULE, DI_START, DI_SHIFT };

struct ast_domitem {
	struct ast_domitem *next;
	struct loc loc;
	enum domitem_kind kind;
	struct ast_sched *sched;
	uint64_t n;
	bool no_start;
};

struct ast_irqsection {
	struct ast_irqsection *next;
	struct loc loc;
	struct ast_irq *irqs;
};

struct ast_spec {
	struct sym *arch;
	struct loc arch_loc;
	bool dump;			/* "-- Dump" file form */
	AST_LIST(struct ast_objdecl) objects;
	AST_LIST(struct ast_capitem) caps;
	AST_LIST(struct ast_cdt) cdt;
	AST_LIST(struct ast_irqsection) irqs;
	AST_LIST(struct ast_domitem) domains;
};

/* Parsing: parse.c drives the flex lexer and the bison parser. */
struct parse_ctx {
	struct arena *arena;
	struct symtab *syms;
	struct diag_ctx *diag;
	struct ast_spec *spec;
	bool failed; /* a syntax error was reported */
};

/* Parse a NUL-terminated buffer (buf[len] == 0 and buf[len+1] == 0 must
 * hold: the lexer scans in place). Returns false on a syntax error, which
 * has been reported through ctx->diag. */
bool parse_buffer(struct parse_ctx *ctx, char *buf, size_t len);

#endif
