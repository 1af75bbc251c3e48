/* SPDX-License-Identifier: BSD-2-Clause */
/* mmu.c: the kernel's translation tables once it runs in the high half. */
#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <arch/vmlayout.h>

void mmu_boot_finish(void)
{
	/* boot_mmu.c left physical pointers; reach the tables via the window. */
	kernel_pt.root = (pte_t *)phys_to_virt((uint64_t)(uintptr_t)kernel_pt.root);
	kernel_pt.pool = (pte_t (*)[PT_ENTRIES])
	                 phys_to_virt((uint64_t)(uintptr_t)kernel_pt.pool);
	kernel_pt.pa_to_ptr = KERNEL_VOFFSET;

	/* No more TTBR0 walks: the identity map is gone, low addresses fault
	 * until user address spaces are installed. */
	write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
	write_sysreg(ttbr0_el1, 0);
	isb();
	tlbi_all_el1();
}

int mmu_kernel_lookup(uint64_t va, struct pt_translation *out)
{
	return pt_lookup(&kernel_pt, va, out);
}
