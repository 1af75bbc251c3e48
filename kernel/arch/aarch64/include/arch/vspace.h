/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vspace.h: user address spaces (arch/aarch64/vspace.c): ASID pools, user
 * translation tables, switching address spaces and FP state, and the
 * Frame / PageTable / VSpace / ASIDControl / ASIDPool invocations.
 */
#ifndef ARCH_VSPACE_H
#define ARCH_VSPACE_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/cap.h>

#define ASID_POOL_BITS   9
#define NUM_ASID_POOLS   128
#define USER_TOP         UINT64_C(0x00007fffffffffff)

struct tcb;
struct invocation;

/* VM attributes (seL4_ARM_VMAttributes). */
#define VMATTR_CACHEABLE 1u
#define VMATTR_XN        4u

void vspace_init(void);
/* The VSpace root registered for asid, or 0. */
uint64_t vspace_for_asid(unsigned asid);
/* Register pool at index i (boot: the root task's pool 0). */
void asid_pool_install(unsigned i, uint64_t pool_pa);
/* First free ASID in the pool for vspace: assign it (0: pool full). */
unsigned asid_pool_assign(uint64_t pool_pa, unsigned base, uint64_t vs_pa);

/*
 * Walk the user tables of vspace for vaddr: the entry where the walk
 * stops (the first non-table entry) and the VA bits it covers (39, 30,
 * 21, 12), as seL4 lookupPTSlot.
 */
uint64_t *vspace_lookup_slot(uint64_t vs_pa, uint64_t vaddr,
                             unsigned *bits_left);
/* Install a next-level table / a frame at the slot found for vaddr. */
void vspace_install_table(uint64_t *slot, uint64_t pt_pa);
void vspace_install_frame(uint64_t *slot, unsigned bits, uint64_t pa,
                          unsigned vm_rights, unsigned attr, unsigned asid,
                          uint64_t vaddr);

/* Zero physical memory through the window (fast). */
void arch_zero_memory(uint64_t pa, uint64_t size);
/* Before returning to t: its address space and FP access. */
void arch_activate(struct tcb *t);
/* t's FP/SIMD use trapped (EC 0x07): give it the FP registers and return
 * true, or false if it has fpuDisabled (a UserException). */
bool arch_fpu_trap(struct tcb *t);
void arch_tcb_deleted(struct tcb *t);
void arch_finalise(struct cap c, bool final);

/* ---- reading address spaces for DebugSnapshot (src/snapshot.c) ----
 * Table levels: 0 the VSpace root, 1..3 page tables; a level-L table
 * maps 2^(39 - 9L)-byte regions (frames of 1 GiB at 1, 2 MiB at 2, 4 KiB
 * at 3). */
struct vs_entry {
	uint64_t pa;            /* the next table or the frame */
	bool table;             /* a next-level table (else a frame) */
	unsigned vm_rights;     /* frame: VM_READ | VM_WRITE for user mode */
	bool exec;              /* frame: executable at EL0 */
	bool cached;            /* frame: normal write-back memory */
};
/* Entry i of the table at table_pa (level 0..3): false if invalid. */
bool vspace_entry(uint64_t table_pa, unsigned level, unsigned i,
                  struct vs_entry *e);
/* Is a VSpace cap assigned an ASID that still names it? */
bool vspace_cap_active(struct cap c);
/* The level (1..3) a page-table cap's table is mapped at, 0 if none. */
unsigned vspace_pt_level(struct cap c);
/* Where a frame cap's mapping is: the table, its level and the index. */
bool vspace_frame_slot(struct cap c, uint64_t *table_pa, unsigned *level,
                       unsigned *index);
/* The VSpace in slot i of a registered ASID pool (0: none). */
uint64_t asid_pool_entry(struct cap pool, unsigned i);

#endif
