/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cdt.c: the capability derivation tree (see cspace.h).  Pure C,
 * host-tested.
 */
#include <stddef.h>
#include <kernel/cspace.h>

/* The head of the chain of trees: its next is the newest tree's root.
 * It holds no cap and is never returned by cdt_prev/cdt_next. */
static struct cte chain_head;

void cdt_init(void)
{
	chain_head.next = 0;
}

struct cte *cdt_first(void)
{
	return cdt_raw_next(&chain_head);
}

static void set_prev(struct cte *c, struct cte *prev)
{
	c->prev = (uint64_t)(uintptr_t)prev | (c->prev & CDT_FLAGS);
}

static void set_links(struct cte *c, struct cte *prev, struct cte *next,
                      uint64_t flags)
{
	c->prev = (uint64_t)(uintptr_t)prev | (flags & CDT_FLAGS);
	c->next = (uint64_t)(uintptr_t)next;
}

bool cdt_is_parent(const struct cte *a, const struct cte *b)
{
	if (!cdt_revocable(a) || !cap_same_region(a->cap, b->cap))
		return false;
	switch (cap_type(a->cap)) {
	case CAP_ENDPOINT:
	case CAP_NOTIFICATION:
		if (cap_badge(a->cap) == 0)
			return true;
		return cap_badge(a->cap) == cap_badge(b->cap) &&
		       !cdt_first_badged(b);
	default:
		return true;
	}
}

bool cdt_has_children(const struct cte *slot)
{
	const struct cte *next = cdt_next(slot);

	return next && cdt_is_parent(slot, next);
}

bool cdt_is_final(const struct cte *slot)
{
	const struct cte *prev = cdt_prev(slot), *next = cdt_next(slot);

	if (prev && cap_same_object(prev->cap, slot->cap))
		return false;
	if (next && cap_same_object(slot->cap, next->cap))
		return false;
	return true;
}

void cdt_insert(struct cap new_cap, struct cte *src, struct cte *dest)
{
	struct cte *next = cdt_raw_next(src);
	bool revocable = cap_is_revocable(new_cap, src->cap);

	/* A copy of an untyped takes over allocation: the source is full. */
	if (cap_type(src->cap) == CAP_UNTYPED &&
	    cap_type(new_cap) == CAP_UNTYPED &&
	    cap_paddr(src->cap) == cap_paddr(new_cap) &&
	    cap_untyped_bits(src->cap) == cap_untyped_bits(new_cap))
		src->cap.w1 = (UINT64_C(1) << cap_untyped_bits(src->cap)) >>
		              UT_MIN_BITS;

	dest->cap = new_cap;
	set_links(dest, src, next,
	          revocable ? CDT_REVOCABLE | CDT_FIRST_BADGED : 0);
	src->next = (uint64_t)(uintptr_t)dest;
	if (next)
		set_prev(next, dest);
}

void cdt_insert_new(struct cte *parent, struct cte *dest, struct cap cap)
{
	struct cte *next = cdt_raw_next(parent);

	dest->cap = cap;
	set_links(dest, parent, next, CDT_REVOCABLE | CDT_FIRST_BADGED);
	parent->next = (uint64_t)(uintptr_t)dest;
	if (next)
		set_prev(next, dest);
}

void cdt_insert_root(struct cte *dest, struct cap cap, bool revocable)
{
	struct cte *first = cdt_first();

	dest->cap = cap;
	set_links(dest, &chain_head, first,
	          CDT_ROOT | (revocable ? CDT_REVOCABLE | CDT_FIRST_BADGED : 0));
	chain_head.next = (uint64_t)(uintptr_t)dest;
	if (first)
		set_prev(first, dest);
}

void cdt_move(struct cap new_cap, struct cte *src, struct cte *dest)
{
	struct cte *prev = cdt_raw_prev(src), *next = cdt_raw_next(src);

	dest->cap = new_cap;
	dest->prev = src->prev;
	dest->next = src->next;
	src->cap = cap_null();
	src->prev = 0;
	src->next = 0;
	if (prev)
		prev->next = (uint64_t)(uintptr_t)dest;
	if (next)
		set_prev(next, dest);
}

void cdt_swap(struct cap cap1, struct cte *slot1, struct cap cap2,
              struct cte *slot2)
{
	uint64_t prev1 = slot1->prev, next1 = slot1->next, prev2, next2;
	struct cte *p, *n;

	/* The order matters when the two slots are neighbours. */
	p = (struct cte *)(uintptr_t)(prev1 & ~CDT_FLAGS);
	n = (struct cte *)(uintptr_t)next1;
	if (p)
		p->next = (uint64_t)(uintptr_t)slot2;
	if (n)
		set_prev(n, slot2);
	slot2->cap = cap1;
	slot1->cap = cap2;
	prev2 = slot2->prev;
	next2 = slot2->next;
	slot1->prev = prev2;
	slot1->next = next2;
	slot2->prev = prev1;
	slot2->next = next1;
	p = (struct cte *)(uintptr_t)(prev2 & ~CDT_FLAGS);
	n = (struct cte *)(uintptr_t)next2;
	if (p)
		p->next = (uint64_t)(uintptr_t)slot1;
	if (n)
		set_prev(n, slot1);
}

void cdt_remove(struct cte *slot)
{
	struct cte *prev = cdt_raw_prev(slot), *next = cdt_raw_next(slot);

	if (prev)
		prev->next = (uint64_t)(uintptr_t)next;
	if (next && !cdt_is_root(next)) {
		set_prev(next, prev);
		next->prev |= slot->prev & CDT_FIRST_BADGED;
		/* the rest of a tree whose root goes is a tree of its own,
		 * as in seL4, where its first entry's prev becomes null */
		next->prev |= slot->prev & CDT_ROOT;
	} else if (next) {
		set_prev(next, prev);
	}
	slot->cap = cap_null();
	slot->prev = 0;
	slot->next = 0;
}
