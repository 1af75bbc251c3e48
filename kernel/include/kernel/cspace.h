/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cspace.h: capability slots (CTEs), the capability derivation tree and
 * CSpace address resolution.  Pure C, host-tested.
 *
 * A CTE is 32 bytes, as seL4's (seL4_SlotBits = 5): the cap and the two
 * links of the derivation tree.  The tree is seL4's "MDB": one doubly
 * linked list in derivation order, where every cap is followed by its
 * descendants; a cap's children are the following entries for which it
 * is an MDB parent (cdt_is_parent).  The prev word also carries three
 * flags: revocable (the cap may be a parent), first-badged, and root.
 *
 * The trees of the forest are chained into one list behind a sentinel
 * (a new tree goes to the front), so that every cap in the system can be
 * visited in one walk (DebugSnapshot) without a second data structure.
 * The first entry of each tree carries CDT_ROOT; cdt_prev() of a root
 * and cdt_next() of the last entry of a tree are NULL, so the tree
 * operations see exactly seL4's forest.  CTEs are 32-byte aligned, which
 * leaves the low bits of the links free for the flags.
 */
#ifndef KERNEL_CSPACE_H
#define KERNEL_CSPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/cap.h>

#define CDT_REVOCABLE    UINT64_C(1)
#define CDT_FIRST_BADGED UINT64_C(2)
#define CDT_ROOT         UINT64_C(4)
#define CDT_FLAGS        UINT64_C(7)

struct cte {
	struct cap cap;
	uint64_t prev;          /* struct cte * | flags */
	uint64_t next;          /* struct cte * */
} __attribute__((aligned(32)));

_Static_assert(sizeof(struct cte) == 32, "CTE is 2^seL4_SlotBits bytes");

/* The neighbours in the whole chain (across trees; the sentinel first). */
static inline struct cte *cdt_raw_prev(const struct cte *c)
{
	return (struct cte *)(uintptr_t)(c->prev & ~CDT_FLAGS);
}

static inline struct cte *cdt_raw_next(const struct cte *c)
{
	return (struct cte *)(uintptr_t)c->next;
}

static inline bool cdt_is_root(const struct cte *c)
{
	return c->prev & CDT_ROOT;
}

/* The neighbours within c's tree (NULL at either end). */
static inline struct cte *cdt_prev(const struct cte *c)
{
	return cdt_is_root(c) ? NULL : cdt_raw_prev(c);
}

static inline struct cte *cdt_next(const struct cte *c)
{
	struct cte *n = cdt_raw_next(c);

	return n && !cdt_is_root(n) ? n : NULL;
}

static inline bool cdt_revocable(const struct cte *c)
{
	return c->prev & CDT_REVOCABLE;
}

static inline bool cdt_first_badged(const struct cte *c)
{
	return c->prev & CDT_FIRST_BADGED;
}

/* ---- derivation tree (src/cdt.c) ---- */

/* Empty the chain of trees (the kernel starts so; host tests reset). */
void cdt_init(void);
/* The first cap of the whole chain (NULL if there is none); follow it
 * with cdt_raw_next().  Every non-null cap in the system is on it once. */
struct cte *cdt_first(void);

/* Is b a child of a (seL4 isMDBParentOf)? */
bool cdt_is_parent(const struct cte *a, const struct cte *b);
/* Does the cap in slot have children? */
bool cdt_has_children(const struct cte *slot);
/* Is slot's cap the last one to its object (no neighbour is the same
 * object)? */
bool cdt_is_final(const struct cte *slot);

/* Put new_cap, derived from the cap in src, into the empty dest, as its
 * child (seL4 cteInsert; an untyped copy marks the source full). */
void cdt_insert(struct cap new_cap, struct cte *src, struct cte *dest);
/* Put a freshly created object's cap into dest right after its untyped
 * parent (seL4 insertNewCap): revocable and first-badged. */
void cdt_insert_new(struct cte *parent, struct cte *dest, struct cap cap);
/* Put a cap with no parent (boot caps, master reply caps) into the empty
 * dest: a new tree, at the front of the chain. */
void cdt_insert_root(struct cte *dest, struct cap cap, bool revocable);
/* Move the cap and its tree position from src to the empty dest, storing
 * new_cap there (seL4 cteMove). */
void cdt_move(struct cap new_cap, struct cte *src, struct cte *dest);
/* Exchange two slots' caps and tree positions, storing cap1 into slot2
 * and cap2 into slot1 (seL4 cteSwap). */
void cdt_swap(struct cap cap1, struct cte *slot1, struct cap cap2,
              struct cte *slot2);
/* Unlink the slot from the tree and null it (seL4 emptySlot, without the
 * object cleanup). */
void cdt_remove(struct cte *slot);

/* ---- address resolution (src/cspace.c) ---- */

/* Lookup failures, numbered as user space sees them (FailedLookup MR1,
 * CapFault MR3). */
enum lookup_fault_type {
	LF_INVALID_ROOT = 1,
	LF_MISSING_CAP = 2,
	LF_DEPTH_MISMATCH = 3,
	LF_GUARD_MISMATCH = 4,
};

struct lookup_fault {
	enum lookup_fault_type type;
	unsigned bits_left;
	uint64_t guard_found;    /* guard mismatch */
	unsigned bits_found;     /* depth and guard mismatch */
};

/* Number of message words a lookup fault adds after its type (0..3). */
unsigned lookup_fault_words(const struct lookup_fault *lf, uint64_t out[3]);

/*
 * seL4 resolveAddressBits: resolve n_bits of cptr from the CNode cap root.
 * On success stores the slot and the bits not consumed (a non-CNode cap
 * reached before n_bits ran out stops the walk) and returns true; on
 * failure fills *lf and returns false.
 */
bool resolve_address_bits(struct cap root, uint64_t cptr, unsigned n_bits,
                          struct cte **slot, unsigned *bits_left,
                          struct lookup_fault *lf);

#endif
