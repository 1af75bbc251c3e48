/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vspace.c: user address spaces on AArch64 (reference sections 4.3, 10.4,
 * 10.5): 48-bit VA, 4 KiB granule, four levels; the VSpace object is the
 * level-0 table, PageTable objects are every lower level.  ASIDs are
 * seL4's: 128 pools of 512, the VSpace's ASID is also the hardware ASID
 * (TTBR0_EL1[63:48]).
 */
#include <stddef.h>
#include <arch/pgtable.h>
#include <arch/sysreg.h>
#include <arch/vspace.h>
#include <kernel/invoke.h>
#include <kernel/string.h>

static uint64_t *asid_table[NUM_ASID_POOLS];      /* pool pointers */
static pte_t empty_root[PT_ENTRIES] ALIGNED(PAGE_SIZE);
static struct tcb *fpu_owner;
static uint64_t cur_ttbr, cur_cpacr;      /* TTBR0_EL1, CPACR_EL1 now */
static bool asid16;

void vspace_init(void)
{
	/* 16-bit hardware ASIDs if the CPU has them (TCR.AS was set so). */
	asid16 = ((read_sysreg(id_aa64mmfr0_el1) >> 4) & 0xf) == 2;
	/* User mappings from now on: TTBR0 walks on, an empty table. */
	cur_ttbr = virt_to_phys((uintptr_t)empty_root);
	write_sysreg(ttbr0_el1, cur_ttbr);
	cur_cpacr = read_sysreg(cpacr_el1);
	write_sysreg(tcr_el1, read_sysreg(tcr_el1) & ~TCR_EPD0);
	/* The root task's image is RWX, so writable must not imply XN;
	 * kernel mappings are W^X by construction (pte_leaf_attrs). */
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(uint64_t)SCTLR_WXN);
	isb();
	tlbi_all_el1();
}

static uint64_t *pa_ptr(uint64_t pa)
{
	return (uint64_t *)phys_to_virt(pa);
}

void arch_zero_memory(uint64_t pa, uint64_t size)
{
	uint64_t dczid = read_sysreg(dczid_el0);
	uint64_t line = UINT64_C(4) << (dczid & 0xf);
	char *p = (char *)pa_ptr(pa);
	uint64_t *w;

	if (!(dczid & 0x10) && !(size & (line - 1)) &&
	    !((uintptr_t)p & (line - 1))) {
		for (uint64_t off = 0; off < size; off += line)
			__asm__ volatile("dc zva, %0" : : "r"(p + off) : "memory");
		return;
	}
	w = (uint64_t *)p;
	for (uint64_t i = 0; i < size / 8; i++)
		w[i] = 0;
	memset(p + (size & ~UINT64_C(7)), 0, size & 7);
}

uint64_t vspace_for_asid(unsigned asid)
{
	uint64_t *pool;

	if (asid == 0 || asid >= (NUM_ASID_POOLS << ASID_POOL_BITS))
		return 0;
	pool = asid_table[asid >> ASID_POOL_BITS];
	return pool ? pool[asid & ((1u << ASID_POOL_BITS) - 1)] : 0;
}

void asid_pool_install(unsigned i, uint64_t pool_pa)
{
	asid_table[i] = pa_ptr(pool_pa);
}

unsigned asid_pool_assign(uint64_t pool_pa, unsigned base, uint64_t vs_pa)
{
	uint64_t *pool = pa_ptr(pool_pa);

	for (unsigned i = 0; i < (1u << ASID_POOL_BITS); i++) {
		if (base + i == 0 || pool[i])
			continue;
		pool[i] = vs_pa;
		return base + i;
	}
	return 0;
}

static void tlb_flush_page(unsigned asid, uint64_t vaddr)
{
	uint64_t arg = (uint64_t)asid << 48 | ((vaddr >> 12) & 0xfffffffffffUL);

	__asm__ volatile("dsb ishst\n\ttlbi vae1is, %0\n\tdsb ish\n\tisb"
	                 : : "r"(arg) : "memory");
}

static void tlb_flush_asid(unsigned asid)
{
	uint64_t arg = (uint64_t)asid << 48;

	__asm__ volatile("dsb ishst\n\ttlbi aside1is, %0\n\tdsb ish\n\tisb"
	                 : : "r"(arg) : "memory");
}

uint64_t *vspace_lookup_slot(uint64_t vs_pa, uint64_t vaddr,
                             unsigned *bits_left)
{
	uint64_t *table = pa_ptr(vs_pa);

	for (unsigned level = 0;; level++) {
		uint64_t *e = &table[pt_index(vaddr, level)];

		if (level == 3 || !pte_is_table(*e, level)) {
			*bits_left = pt_level_shift(level);
			return e;
		}
		table = pa_ptr(pte_address(*e));
	}
}

void vspace_install_table(uint64_t *slot, uint64_t pt_pa)
{
	*slot = pte_make_table(pt_pa);
	dsb_ishst();
}

static uint64_t user_pte(unsigned bits, uint64_t pa, unsigned vm,
                         unsigned attr)
{
	uint64_t pte = (pa & PTE_ADDR_MASK) | PTE_AF | PTE_NG | PTE_PXN |
	               PTE_ATTRINDX((attr & VMATTR_CACHEABLE) ? MT_NORMAL :
	                            MT_DEVICE_nGnRnE) | PTE_VALID;

	if (bits == 12)
		pte |= PTE_NONBLOCK;
	if (vm == (VM_READ | VM_WRITE))
		pte |= PTE_AP_EL0;
	else if (vm == VM_READ)
		pte |= PTE_AP_EL0 | PTE_AP_RO;
	if (attr & VMATTR_XN)
		pte |= PTE_UXN;
	return pte;
}

void vspace_install_frame(uint64_t *slot, unsigned bits, uint64_t pa,
                          unsigned vm_rights, unsigned attr, unsigned asid,
                          uint64_t vaddr)
{
	bool was_valid = pte_is_valid(*slot);

	*slot = user_pte(bits, pa, vm_rights, attr);
	if (was_valid)
		tlb_flush_page(asid, vaddr);
	else
		dsb_ishst();
}

/* ---- switching ---- */

/*
 * FP/SIMD registers stay with the thread that used them last (fpu_owner).
 * Any other thread runs with EL0 FP access trapped (CPACR_EL1.FPEN =
 * 0b01; the kernel never uses FP); its first FP instruction traps and
 * arch_fpu_trap() moves the registers over.  Threads that never use FP
 * cost nothing on a switch.  A thread with fpuDisabled always traps and
 * gets a UserException instead.
 */
#define CPACR_FPEN_MASK (UINT64_C(3) << 20)
#define CPACR_FPEN_EL1  (UINT64_C(1) << 20)     /* EL0 traps */
#define CPACR_FPEN_ALL  (UINT64_C(3) << 20)

void arch_activate(struct tcb *t)
{
	struct cap vs = t->slots[TCB_VTABLE].cap;
	uint64_t ttbr = virt_to_phys((uintptr_t)empty_root), cpacr;

	if (vspace_cap_active(vs))
		ttbr = cap_paddr(vs) | (uint64_t)cap_mapped_asid(vs) << 48;
	if (cur_ttbr != ttbr) {
		write_sysreg(ttbr0_el1, ttbr);
		cur_ttbr = ttbr;
		if (!asid16) {
			isb();
			tlbi_all_el1();
		}
	}
	cpacr = (cur_cpacr & ~CPACR_FPEN_MASK) |
	        (fpu_owner == t && !(t->flags & seL4_TCBFlag_fpuDisabled) ?
	         CPACR_FPEN_ALL : CPACR_FPEN_EL1);
	if (cpacr != cur_cpacr) {
		write_sysreg(cpacr_el1, cpacr);
		cur_cpacr = cpacr;
	}
	isb();
}

bool arch_fpu_trap(struct tcb *t)
{
	if (t->flags & seL4_TCBFlag_fpuDisabled)
		return false;
	if (fpu_owner != t) {
		if (fpu_owner)
			fpu_save(&fpu_owner->ctx);
		fpu_restore(&t->ctx);
		fpu_owner = t;
	}
	cur_cpacr = (cur_cpacr & ~CPACR_FPEN_MASK) | CPACR_FPEN_ALL;
	write_sysreg(cpacr_el1, cur_cpacr);
	isb();
	return true;
}

void arch_tcb_deleted(struct tcb *t)
{
	if (fpu_owner == t)
		fpu_owner = NULL;
}

/* A frame cap's mapping is still the one in the tables? */
static uint64_t *frame_mapping(struct cap c)
{
	uint64_t vs = vspace_for_asid(cap_mapped_asid(c));
	unsigned bits;
	uint64_t *slot;

	if (!cap_is_mapped(c) || !vs)
		return NULL;
	slot = vspace_lookup_slot(vs, cap_mapped_vaddr(c), &bits);
	if (bits != cap_frame_size_bits(c) || !pte_is_valid(*slot) ||
	    pte_address(*slot) != cap_paddr(c))
		return NULL;
	return slot;
}

static void frame_unmap(struct cap c)
{
	uint64_t *slot = frame_mapping(c);

	if (slot) {
		*slot = 0;
		tlb_flush_page(cap_mapped_asid(c), cap_mapped_vaddr(c));
	}
}

/* The entry of the table above a mapped page table, or NULL; *level_out
 * (if given) gets the level of that table. */
static uint64_t *pt_parent_entry(struct cap c, unsigned *level_out)
{
	uint64_t vs = vspace_for_asid(cap_mapped_asid(c));
	uint64_t vaddr = cap_mapped_vaddr(c), *table;

	if (!cap_is_mapped(c) || !vs)
		return NULL;
	table = pa_ptr(vs);
	for (unsigned level = 0; level < 3; level++) {
		uint64_t *e = &table[pt_index(vaddr, level)];

		if (!pte_is_table(*e, level))
			return NULL;
		if (pte_address(*e) == cap_paddr(c)) {
			if (level_out)
				*level_out = level;
			return e;
		}
		table = pa_ptr(pte_address(*e));
	}
	return NULL;
}

static void pt_unmap(struct cap c)
{
	uint64_t *e = pt_parent_entry(c, NULL);

	if (e) {
		*e = 0;
		tlb_flush_asid(cap_mapped_asid(c));
	}
}

void arch_finalise(struct cap c, bool final)
{
	switch (cap_type(c)) {
	case CAP_FRAME:
		frame_unmap(c);
		break;
	case CAP_PAGE_TABLE:
		if (final)
			pt_unmap(c);
		break;
	case CAP_VSPACE:
		if (final && vspace_cap_active(c)) {
			unsigned asid = cap_mapped_asid(c);

			asid_table[asid >> ASID_POOL_BITS]
			          [asid & ((1u << ASID_POOL_BITS) - 1)] = 0;
			tlb_flush_asid(asid);
		}
		break;
	case CAP_ASID_POOL:
		if (final && asid_table[c.w1 >> ASID_POOL_BITS] ==
		    pa_ptr(cap_paddr(c))) {
			for (unsigned i = 0; i < (1u << ASID_POOL_BITS); i++)
				if (asid_table[c.w1 >> ASID_POOL_BITS][i])
					tlb_flush_asid((unsigned)c.w1 + i);
			asid_table[c.w1 >> ASID_POOL_BITS] = NULL;
		}
		break;
	default:
		break;
	}
}

/* ---- reading address spaces (DebugSnapshot) ---- */

bool vspace_entry(uint64_t table_pa, unsigned level, unsigned i,
                  struct vs_entry *e)
{
	uint64_t pte = pa_ptr(table_pa)[i];

	if (!pte_is_valid(pte) || level > 3 || i >= PT_ENTRIES)
		return false;
	e->pa = pte_address(pte);
	e->table = level < 3 && pte_is_table(pte, level);
	if (level == 0 && !e->table)
		return false;
	e->vm_rights = !(pte & PTE_AP_EL0) ? 0 :
	               (pte & PTE_AP_RO) ? VM_READ : VM_READ | VM_WRITE;
	e->exec = !(pte & PTE_UXN);
	e->cached = (pte & PTE_ATTRINDX_MASK) == PTE_ATTRINDX(MT_NORMAL);
	return true;
}

bool vspace_cap_active(struct cap c)
{
	return cap_type(c) == CAP_VSPACE && cap_is_mapped(c) &&
	       vspace_for_asid(cap_mapped_asid(c)) == cap_paddr(c);
}

unsigned vspace_pt_level(struct cap c)
{
	unsigned level;

	if (cap_type(c) != CAP_PAGE_TABLE || !pt_parent_entry(c, &level))
		return 0;
	return level + 1;
}

bool vspace_frame_slot(struct cap c, uint64_t *table_pa, unsigned *level,
                       unsigned *index)
{
	uint64_t *slot = frame_mapping(c);
	uintptr_t table;

	if (!slot)
		return false;
	table = ALIGN_DOWN((uintptr_t)slot, PAGE_SIZE);
	*table_pa = virt_to_phys(table);
	*index = (unsigned)(((uintptr_t)slot - table) / sizeof(*slot));
	*level = (39 - cap_frame_size_bits(c)) / 9;
	return true;
}

uint64_t asid_pool_entry(struct cap pool, unsigned i)
{
	uint64_t *p = pa_ptr(cap_paddr(pool));

	if (cap_type(pool) != CAP_ASID_POOL || i >= (1u << ASID_POOL_BITS) ||
	    asid_table[pool.w1 >> ASID_POOL_BITS] != p)
		return 0;
	return p[i];
}

/* ---- invocations ---- */

/* The VSpace an invocation names (extra cap or the invoked one), checked
 * as seL4 does: an assigned VSpace whose ASID still maps to it. */
static int check_vspace(struct invocation *inv, struct cap vs, unsigned idx,
                        uint64_t *vs_pa)
{
	struct lookup_fault lf = { .type = LF_INVALID_ROOT };
	uint64_t found;

	if (cap_type(vs) != CAP_VSPACE || !cap_is_mapped(vs))
		return inv_invalid_cap(inv, idx);
	found = vspace_for_asid(cap_mapped_asid(vs));
	if (!found)
		return inv_failed_lookup(inv, false, &lf);
	if (found != cap_paddr(vs))
		return inv_invalid_cap(inv, idx);
	*vs_pa = found;
	return 0;
}

static int decode_page_table(struct invocation *inv)
{
	uint64_t vaddr, vs_pa, *slot;
	unsigned bits;
	struct cap c = inv->cap;
	int err;

	if (inv->label == ARMPageTableUnmap) {
		if (!cdt_is_final(inv->slot))
			return seL4_RevokeFirst;
		if (cap_is_mapped(c)) {
			pt_unmap(c);
			arch_zero_memory(cap_paddr(c), PAGE_SIZE);
			inv->slot->cap = cap_clear_mapping(c);
		}
		return 0;
	}
	if (inv->label != ARMPageTableMap)
		return seL4_IllegalOperation;
	if (inv->length < 2 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	if (cap_is_mapped(c))
		return inv_invalid_cap(inv, 0);
	err = check_vspace(inv, inv_extra(inv, 0), 1, &vs_pa);
	if (err)
		return err;
	vaddr = inv_mr(inv, 0);
	if (vaddr > USER_TOP)
		return inv_invalid_arg(inv, 0);
	slot = vspace_lookup_slot(vs_pa, vaddr, &bits);
	if (bits == PAGE_SHIFT || pte_is_valid(*slot))
		return seL4_DeleteFirst;
	vspace_install_table(slot, cap_paddr(c));
	inv->slot->cap = cap_set_mapping(c, cap_mapped_asid(inv_extra(inv, 0)),
	                                 vaddr & ~((UINT64_C(1) << bits) - 1));
	return 0;
}

static void cache_op(uint64_t label, uint64_t pa, uint64_t len)
{
	uint64_t line = UINT64_C(4) << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	uintptr_t start = phys_to_virt(pa), end = start + len;

	for (uintptr_t a = ALIGN_DOWN(start, line); a < end; a += line) {
		switch (label) {
		case ARMPageClean_Data:
		case ARMVSpaceClean_Data:
			__asm__ volatile("dc cvac, %0" : : "r"(a) : "memory");
			break;
		case ARMPageInvalidate_Data:
		case ARMVSpaceInvalidate_Data:
		case ARMPageCleanInvalidate_Data:
		case ARMVSpaceCleanInvalidate_Data:
			/* the kernel's alias is cacheable: clean it too */
			__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
			break;
		default: /* Unify_Instruction */
			__asm__ volatile("dc cvau, %0" : : "r"(a) : "memory");
			break;
		}
	}
	dsb_ish();
	if (label == ARMPageUnify_Instruction ||
	    label == ARMVSpaceUnify_Instruction)
		__asm__ volatile("ic iallu\n\tdsb ish\n\tisb" : : : "memory");
}

static int decode_frame(struct invocation *inv)
{
	struct cap c = inv->cap;
	unsigned fbits = cap_frame_size_bits(c), bits, vm;
	uint64_t vaddr, vs_pa, *slot, start, end;
	struct cap vs;
	int err;

	switch (inv->label) {
	case ARMPageMap:
		if (inv->length < 3 || inv->n_extra < 1)
			return seL4_TruncatedMessage;
		vs = inv_extra(inv, 0);
		err = check_vspace(inv, vs, 1, &vs_pa);
		if (err)
			return err;
		vaddr = inv_mr(inv, 0);
		vm = cap_frame_vm_rights(cap_mask_rights(c,
		                         (unsigned)inv_mr(inv, 1)));
		if (vaddr & ((UINT64_C(1) << fbits) - 1))
			return seL4_AlignmentError;
		if (cap_is_mapped(c)) {
			if (cap_mapped_asid(c) != cap_mapped_asid(vs))
				return inv_invalid_cap(inv, 1);
			if (cap_mapped_vaddr(c) != vaddr)
				return inv_invalid_arg(inv, 0);
		} else if (vaddr + (UINT64_C(1) << fbits) - 1 > USER_TOP) {
			return inv_invalid_arg(inv, 0);
		}
		slot = vspace_lookup_slot(vs_pa, vaddr, &bits);
		if (bits != fbits)
			return inv_missing_cap(inv, false, bits);
		vspace_install_frame(slot, fbits, cap_paddr(c), vm,
		                     (unsigned)inv_mr(inv, 2),
		                     cap_mapped_asid(vs), vaddr);
		inv->slot->cap = cap_set_mapping(c, cap_mapped_asid(vs), vaddr);
		return 0;
	case ARMPageUnmap:
		if (cap_is_mapped(c)) {
			frame_unmap(c);
			inv->slot->cap = cap_clear_mapping(c);
		}
		return 0;
	case ARMPageGetAddress:
		inv->reply[0] = cap_paddr(c);
		inv->reply_len = 1;
		return 0;
	case ARMPageClean_Data:
	case ARMPageInvalidate_Data:
	case ARMPageCleanInvalidate_Data:
	case ARMPageUnify_Instruction:
		if (inv->length < 2)
			return seL4_TruncatedMessage;
		if (!cap_is_mapped(c))
			return seL4_IllegalOperation;
		if (!frame_mapping(c))
			return inv_invalid_cap(inv, 0);
		start = inv_mr(inv, 0);
		end = inv_mr(inv, 1);
		if (end <= start)
			return inv_invalid_arg(inv, 1);
		if (end > (UINT64_C(1) << fbits))
			return inv_invalid_arg(inv, 1);
		if (inv->label == ARMPageInvalidate_Data &&
		    cap_frame_vm_rights(c) != (VM_READ | VM_WRITE))
			return seL4_IllegalOperation;
		cache_op(inv->label, cap_paddr(c) + start, end - start);
		return 0;
	default:
		return seL4_IllegalOperation;
	}
}

static int decode_vspace(struct invocation *inv)
{
	uint64_t start, end, vs_pa, *slot;
	unsigned bits;
	int err;

	if (inv->label < ARMVSpaceClean_Data ||
	    inv->label > ARMVSpaceUnify_Instruction)
		return seL4_IllegalOperation;
	if (inv->length < 2)
		return seL4_TruncatedMessage;
	start = inv_mr(inv, 0);
	end = inv_mr(inv, 1);
	if (end <= start)
		return inv_invalid_arg(inv, 1);
	if (end > USER_TOP)
		return seL4_IllegalOperation;
	err = check_vspace(inv, inv->cap, 0, &vs_pa);
	if (err)
		return err;
	slot = vspace_lookup_slot(vs_pa, start, &bits);
	if (!pte_is_valid(*slot) || pte_is_table(*slot, 0))
		return 0;
	if ((start >> bits) != ((end - 1) >> bits))
		return inv_invalid_arg(inv, 1);
	cache_op(inv->label, pte_address(*slot) +
	         (start & ((UINT64_C(1) << bits) - 1)), end - start);
	return 0;
}

static int decode_asid_control(struct invocation *inv)
{
	struct cap ut;
	struct cte *dest;
	unsigned i;
	int err;

	if (inv->label != ARMASIDControlMakePool)
		return seL4_IllegalOperation;
	if (inv->length < 2 || inv->n_extra < 2)
		return seL4_TruncatedMessage;
	for (i = 0; i < NUM_ASID_POOLS && asid_table[i]; i++)
		;
	if (i == NUM_ASID_POOLS)
		return seL4_DeleteFirst;
	ut = inv_extra(inv, 0);
	if (cap_type(ut) != CAP_UNTYPED || cap_untyped_bits(ut) != 12 ||
	    cap_untyped_device(ut))
		return inv_invalid_cap(inv, 1);
	if (cdt_has_children(inv->extra[0]))
		return seL4_RevokeFirst;
	err = inv_lookup_slot(inv, false, inv_extra(inv, 1), inv_mr(inv, 0),
	                      inv_mr(inv, 1), &dest);
	if (err)
		return err;
	if (cap_type(dest->cap) != CAP_NULL)
		return seL4_DeleteFirst;
	inv->extra[0]->cap.w1 = (UINT64_C(1) << 12) >> UT_MIN_BITS;
	arch_zero_memory(cap_paddr(ut), PAGE_SIZE);
	cdt_insert_new(inv->extra[0], dest,
	               cap_asid_pool(cap_paddr(ut), i << ASID_POOL_BITS));
	asid_pool_install(i, cap_paddr(ut));
	return 0;
}

static int decode_asid_pool(struct invocation *inv)
{
	struct lookup_fault lf = { .type = LF_INVALID_ROOT };
	struct cap vs, pool = inv->cap;
	unsigned asid;

	if (inv->label != ARMASIDPoolAssign)
		return seL4_IllegalOperation;
	if (inv->n_extra < 1)
		return seL4_TruncatedMessage;
	vs = inv_extra(inv, 0);
	if (cap_type(vs) != CAP_VSPACE || cap_is_mapped(vs))
		return inv_invalid_cap(inv, 1);
	if (!asid_table[pool.w1 >> ASID_POOL_BITS])
		return inv_failed_lookup(inv, false, &lf);
	if (asid_table[pool.w1 >> ASID_POOL_BITS] != pa_ptr(cap_paddr(pool)))
		return inv_invalid_cap(inv, 0);
	asid = asid_pool_assign(cap_paddr(pool), (unsigned)pool.w1,
	                        cap_paddr(vs));
	if (!asid)
		return seL4_DeleteFirst;
	inv->extra[0]->cap = cap_set_mapping(vs, asid, 0);
	return 0;
}

int decode_arch(struct invocation *inv)
{
	switch (cap_type(inv->cap)) {
	case CAP_FRAME:        return decode_frame(inv);
	case CAP_PAGE_TABLE:   return decode_page_table(inv);
	case CAP_VSPACE:       return decode_vspace(inv);
	case CAP_ASID_CONTROL: return decode_asid_control(inv);
	case CAP_ASID_POOL:    return decode_asid_pool(inv);
	default:               return seL4_IllegalOperation;
	}
}
