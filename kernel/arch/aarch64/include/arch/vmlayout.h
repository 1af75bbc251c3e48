/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vmlayout.h: the kernel's virtual address map (TTBR1, 48-bit VA).
 *
 * Included by C, by start.S and by the linker script (kernel.ld.S).
 *
 *   0xffff_ff80_0000_0000 + pa   physical-memory window: every RAM byte
 *                                at pa is visible at KERNEL_VOFFSET + pa.
 *                                The kernel image is linked inside it, so a
 *                                kernel symbol's VA - KERNEL_VOFFSET is its
 *                                physical address.  (seL4 calls this base
 *                                PPTR_BASE and uses the same value.)
 *   0xffff_ffff_ffe0_0000        KDEV_BASE: kernel device pages (4 KiB each)
 *
 * TTBR0 (user half, below 0x0001_0000_0000_0000) holds only the boot
 * identity map while the MMU is switched on, and is disabled (TCR.EPD0)
 * afterwards until user address spaces exist.
 */
#ifndef ARCH_VMLAYOUT_H
#define ARCH_VMLAYOUT_H

#include <kernel/compiler.h>

#define KERNEL_VOFFSET      UL(0xffffff8000000000)
/* End of the physical-memory window: it can hold 510 GiB of physical space. */
#define KERNEL_WINDOW_END   UL(0xffffffff80000000)

#define KDEV_BASE           UL(0xffffffffffe00000)
#define KDEV_UART           (KDEV_BASE + UL(0x0000))
#define KDEV_GICD           (KDEV_BASE + UL(0x1000))
#define KDEV_GICC           (KDEV_BASE + UL(0x2000))   /* 2 pages */

/* Boot stack size (a guard page sits below it) and panic stack size. */
#define KERNEL_STACK_SIZE   UL(0x4000)
#define PANIC_STACK_SIZE    UL(0x2000)

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline uintptr_t phys_to_virt(uint64_t pa)
{
	return (uintptr_t)(pa + KERNEL_VOFFSET);
}

static inline uint64_t virt_to_phys(uintptr_t va)
{
	return (uint64_t)va - KERNEL_VOFFSET;
}
#endif

#endif
