/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pgtable.c: build and walk AArch64 stage-1 translation tables.
 *
 * Runs before the MMU is on, so it must only use PC-relative addressing
 * (checked by the kernel-early-pcrel test); it is also compiled for the host.
 */
#include <arch/pgtable.h>

bool va_is_canonical(uint64_t va)
{
	uint64_t top = va >> PA_BITS_MAX;

	return top == 0 || top == UINT64_C(0xffff);
}

pte_t pte_leaf_attrs(enum mem_type type, unsigned perms)
{
	bool user = (perms & PT_USER) != 0;
	bool write = (perms & PT_W) != 0;
	bool exec = (perms & PT_X) != 0;
	pte_t attrs;

	if (!(perms & PT_R) || (perms & ~(PT_R | PT_W | PT_X | PT_USER)))
		return 0;
	if ((unsigned)type > MT_NORMAL_WT)
		return 0;
	if (exec && type <= MT_DEVICE_GRE)
		return 0;
	if (exec && write && !user)
		return 0;

	attrs = PTE_ATTRINDX(type) | PTE_AF;
	if (type >= MT_NORMAL_NC)
		attrs |= PTE_SH_INNER;
	if (!write)
		attrs |= PTE_AP_RO;
	if (user) {
		/* Never executable by the kernel; per-address-space (nG). */
		attrs |= PTE_AP_EL0 | PTE_NG | PTE_PXN;
		if (!exec)
			attrs |= PTE_UXN;
	} else {
		attrs |= PTE_UXN;
		if (!exec)
			attrs |= PTE_PXN;
	}
	return attrs;
}

pte_t pte_make_leaf(uint64_t pa, unsigned level, pte_t attrs)
{
	pte_t type = level == 3 ? (PTE_VALID | PTE_NONBLOCK) : PTE_VALID;

	return (pa & PTE_ADDR_MASK) | attrs | type;
}

pte_t pte_make_table(uint64_t table_pa)
{
	return (table_pa & PTE_ADDR_MASK) | PTE_VALID | PTE_NONBLOCK;
}

static pte_t *table_ptr(const struct pt_ctx *ctx, uint64_t pa)
{
	return (pte_t *)(uintptr_t)(pa + ctx->pa_to_ptr);
}

static pte_t *table_alloc(struct pt_ctx *ctx, uint64_t *pa)
{
	pte_t *table;

	if (ctx->pool_used >= ctx->pool_size)
		return NULL;
	table = ctx->pool[ctx->pool_used++];
	*pa = (uint64_t)((uintptr_t)table - ctx->pa_to_ptr);
	return table;
}

/* Check the arguments of pt_map; returns the leaf attributes or 0. */
static pte_t map_args_ok(uint64_t va, uint64_t pa, uint64_t size,
                         enum mem_type type, unsigned perms)
{
	uint64_t last = va + size - 1;

	if (size == 0 || !IS_PAGE_ALIGNED(va | pa | size))
		return 0;
	if (last < va || pa + size - 1 < pa)
		return 0;                      /* wraps around */
	if (!va_is_canonical(va) || !va_is_canonical(last))
		return 0;
	if ((va >> PA_BITS_MAX) != (last >> PA_BITS_MAX))
		return 0;                      /* crosses the VA hole */
	if ((pa + size - 1) >> PA_BITS_MAX)
		return 0;
	return pte_leaf_attrs(type, perms);
}

int pt_map(struct pt_ctx *ctx, uint64_t va, uint64_t pa, uint64_t size,
           enum mem_type type, unsigned perms)
{
	pte_t attrs = map_args_ok(va, pa, size, type, perms);

	if (!attrs)
		return -PT_EINVAL;

	while (size) {
		pte_t *table = ctx->root;
		uint64_t step = 0;

		for (unsigned level = 0; level < PT_LEVELS; level++) {
			pte_t *entry = &table[pt_index(va, level)];
			uint64_t bsize = pt_level_size(level);
			uint64_t next_pa;

			if (level >= 1 && ((va | pa) & (bsize - 1)) == 0 &&
			    size >= bsize) {
				if (pte_is_valid(*entry))
					return -PT_EEXIST;
				*entry = pte_make_leaf(pa, level, attrs);
				step = bsize;
				break;
			}
			if (!pte_is_valid(*entry)) {
				pte_t *fresh = table_alloc(ctx, &next_pa);

				if (!fresh)
					return -PT_ENOMEM;
				*entry = pte_make_table(next_pa);
				table = fresh;
			} else if (pte_is_table(*entry, level)) {
				table = table_ptr(ctx, pte_address(*entry));
			} else {
				return -PT_EEXIST;
			}
		}
		if (!step)
			return -PT_EINVAL;     /* not reached: level 3 always fits */
		va += step;
		pa += step;
		size -= step;
	}
	return PT_OK;
}

int pt_lookup(const struct pt_ctx *ctx, uint64_t va,
              struct pt_translation *out)
{
	const pte_t *table = ctx->root;

	if (!va_is_canonical(va))
		return -PT_EINVAL;
	for (unsigned level = 0; level < PT_LEVELS; level++) {
		pte_t pte = table[pt_index(va, level)];

		if (!pte_is_valid(pte))
			return -PT_ENOENT;
		if (pte_is_table(pte, level)) {
			table = table_ptr(ctx, pte_address(pte));
			continue;
		}
		if (level == 0 || (level == 3 && !(pte & PTE_NONBLOCK)))
			return -PT_EINVAL;     /* reserved encodings */
		out->pa = pte_address(pte) + (va & (pt_level_size(level) - 1));
		out->level = level;
		out->pte = pte;
		return PT_OK;
	}
	return -PT_ENOENT;                     /* not reached */
}
