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
/* Before returning to t: its address space and FP state. */
void arch_activate(struct tcb *t);
void arch_tcb_deleted(struct tcb *t);
void arch_finalise(struct cap c, bool final);

#endif
