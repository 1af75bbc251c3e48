/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pgtable.h: AArch64 stage-1 translation tables, 4 KiB granule, 48-bit VA,
 * four levels (0..3).  Pure arithmetic and table edits on memory that the
 * caller can address: no system registers, no barriers.  The same code runs
 * at the physical address before the MMU is on, in the kernel afterwards, and
 * in host unit tests.
 *
 *   level  VA bits   one entry maps      leaf allowed
 *     0    47..39    512 GiB             no (4 KiB granule)
 *     1    38..30      1 GiB             block
 *     2    29..21      2 MiB             block
 *     3    20..12      4 KiB             page
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <kernel/compiler.h>

/*
 * MAIR_EL1: memory types by AttrIndx.  The values follow what seL4's
 * elfloader programs, so user mappings made later agree with it:
 * 0 Device-nGnRnE, 1 Device-nGnRE, 2 Device-GRE, 3 Normal non-cacheable,
 * 4 Normal write-back (read/write-allocate), 5 Normal write-through.
 */
#define MAIR_VALUE       UL(0x0000aaff440c0400)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t pte_t;

#define PT_LEVELS        4
#define PT_ENTRIES       512
#define PAGE_SHIFT       12
#define PAGE_SIZE        (UINT64_C(1) << PAGE_SHIFT)
#define PA_BITS_MAX      48
#define IS_PAGE_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

/* Descriptor fields. */
#define PTE_VALID        (UINT64_C(1) << 0)
#define PTE_NONBLOCK     (UINT64_C(1) << 1)   /* table (L0-2) or page (L3) */
#define PTE_ATTRINDX(i)  ((uint64_t)(i) << 2)
#define PTE_ATTRINDX_MASK (UINT64_C(7) << 2)
#define PTE_AP_EL0       (UINT64_C(1) << 6)   /* AP[1]: EL0 may access */
#define PTE_AP_RO        (UINT64_C(1) << 7)   /* AP[2]: read-only */
#define PTE_SH_INNER     (UINT64_C(3) << 8)
#define PTE_AF           (UINT64_C(1) << 10)
#define PTE_NG           (UINT64_C(1) << 11)
#define PTE_PXN          (UINT64_C(1) << 53)
#define PTE_UXN          (UINT64_C(1) << 54)
#define PTE_ADDR_MASK    UINT64_C(0x0000fffffffff000)

/* Memory types: the index into MAIR_EL1 (see MAIR_VALUE). */
enum mem_type {
	MT_DEVICE_nGnRnE = 0,
	MT_DEVICE_nGnRE = 1,
	MT_DEVICE_GRE = 2,
	MT_NORMAL_NC = 3,
	MT_NORMAL = 4,
	MT_NORMAL_WT = 5,
};

/* Access permissions requested for a mapping. */
#define PT_R             1u
#define PT_W             2u
#define PT_X             4u
#define PT_USER          8u

/* Errors returned (negated) by pt_map and pt_lookup. */
enum pt_error {
	PT_OK = 0,
	PT_EINVAL = 1,   /* misaligned, non-canonical, bad attributes */
	PT_ENOMEM = 2,   /* table pool exhausted */
	PT_EEXIST = 3,   /* part of the range is already mapped */
	PT_ENOENT = 4,   /* lookup: nothing mapped there */
};

static inline unsigned pt_level_shift(unsigned level)
{
	return 39 - 9 * level;
}

static inline uint64_t pt_level_size(unsigned level)
{
	return UINT64_C(1) << pt_level_shift(level);
}

static inline unsigned pt_index(uint64_t va, unsigned level)
{
	return (unsigned)(va >> pt_level_shift(level)) & (PT_ENTRIES - 1);
}

static inline uint64_t pte_address(pte_t pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline bool pte_is_valid(pte_t pte)
{
	return (pte & PTE_VALID) != 0;
}

/* A valid entry that points to a next-level table (never true at level 3). */
static inline bool pte_is_table(pte_t pte, unsigned level)
{
	return level < 3 && (pte & (PTE_VALID | PTE_NONBLOCK)) ==
	       (PTE_VALID | PTE_NONBLOCK);
}

bool va_is_canonical(uint64_t va);

/*
 * Leaf attribute bits for a memory type and PT_* permissions, or 0 if the
 * combination is refused: no read permission, kernel write+execute, execute
 * on device memory, or an unknown type.
 */
pte_t pte_leaf_attrs(enum mem_type type, unsigned perms);

/* Block (level 1, 2) or page (level 3) descriptor; pa must be aligned. */
pte_t pte_make_leaf(uint64_t pa, unsigned level, pte_t attrs);
pte_t pte_make_table(uint64_t table_pa);

/*
 * A translation table tree being edited.  Tables hold physical addresses;
 * the code that edits them reaches a table at physical address pa through
 * the pointer pa + pa_to_ptr (0 with the MMU off, KERNEL_VOFFSET in the
 * kernel window, anything in host tests).  New tables come from a pool of
 * zeroed tables.
 */
struct pt_ctx {
	pte_t *root;
	uintptr_t pa_to_ptr;
	pte_t (*pool)[PT_ENTRIES];
	size_t pool_size;
	size_t pool_used;
};

/*
 * Map [va, va + size) to [pa, pa + size), all page aligned, with the largest
 * blocks alignment allows.  Fails with -PT_EEXIST if an entry it needs is
 * already a leaf; on any error the range may be left partly mapped.
 */
int pt_map(struct pt_ctx *ctx, uint64_t va, uint64_t pa, uint64_t size,
           enum mem_type type, unsigned perms);

struct pt_translation {
	uint64_t pa;      /* physical address of va itself */
	unsigned level;   /* level of the leaf descriptor */
	pte_t pte;        /* the leaf descriptor */
};

int pt_lookup(const struct pt_ctx *ctx, uint64_t va,
              struct pt_translation *out);

#endif /* !__ASSEMBLER__ */
#endif
