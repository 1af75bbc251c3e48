/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * platform.h: facts about QEMU's "virt" machine (GICv2, 1 core used).
 * Included by C, assembly and the linker script.
 */
#ifndef PLAT_PLATFORM_H
#define PLAT_PLATFORM_H

#include <kernel/compiler.h>

#define PLAT_NAME           "qemu-virt"

/* Physical addresses of the devices the kernel drives. */
#define PLAT_GICD_PADDR     UL(0x08000000)
#define PLAT_GICC_PADDR     UL(0x08010000)
#define PLAT_UART_PADDR     UL(0x09000000)

/*
 * RAM starts at 1 GiB.  QEMU puts the DTB at the start of RAM when the
 * -kernel ELF leaves room there (it reserves 1 MiB for it), so the kernel is
 * linked 2 MiB further up.  128 MiB is QEMU's default -m, assumed if the DTB
 * cannot be read.
 */
#define PLAT_RAM_BASE       UL(0x40000000)
#define PLAT_RAM_FALLBACK   UL(0x08000000)
#define PLAT_DTB_PADDR      PLAT_RAM_BASE
#define PLAT_DTB_MAX_SIZE   UL(0x00200000)
#define PLAT_KERNEL_PADDR   UL(0x40200000)

/*
 * The root task's ELF file, put there verbatim by QEMU:
 *   -device loader,file=roottask.elf,addr=0x41000000,force-raw=on
 * (16 MiB into RAM: above the DTB and the kernel image, inside even the
 * smallest -m 128M).
 */
#define PLAT_ROOTTASK_PADDR UL(0x41000000)

/* Interrupt IDs the kernel keeps for itself. */
#define PLAT_GICD_SIZE      UL(0x1000)
#define PLAT_GICC_SIZE      UL(0x2000)
#define PLAT_DEVICE_TOP     (UL(1) << 40)   /* device untypeds end here */

/* GIC interrupt IDs (INTID): PPIs are 16..31, SPI n is 32 + n. */
#define PLAT_TIMER_IRQ      27u   /* EL1 virtual timer PPI, as in seL4 */
#define PLAT_UART_IRQ       33u   /* SPI 1 (not used by the kernel yet) */

/* Kernel tick: seL4's default CONFIG_TIMER_TICK_MS is 2 ms. */
#define PLAT_TICK_US        2000u

#endif
