/* SPDX-License-Identifier: BSD-2-Clause */
/* mmu.h: the kernel's own translation tables (TTBR1). */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>
#include <arch/pgtable.h>

/* Translation tables built at boot; the pool also serves later additions. */
#define BOOT_PT_POOL_TABLES 16

extern pte_t boot_pt_root_lo[PT_ENTRIES];   /* TTBR0 during boot */
extern pte_t boot_pt_root_hi[PT_ENTRIES];   /* TTBR1 */

/* The TTBR1 tree; pointers are physical until mmu_boot_finish() rebases
 * them onto the kernel window. */
extern struct pt_ctx kernel_pt;

/* After the jump to the high half: rebase kernel_pt, disable TTBR0 walks
 * (drops the identity map: low addresses fault from now on). */
void mmu_boot_finish(void);

/* Translate a kernel virtual address through kernel_pt. */
int mmu_kernel_lookup(uint64_t va, struct pt_translation *out);

#endif
