/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot.h: what the early boot code (running at the physical address, MMU
 * off) learned and set up, handed over to kernel_main().
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/compiler.h>
#include <kernel/fdt.h>

#define BOOT_MAX_MEM_REGIONS 8

struct boot_info {
	unsigned entry_el;              /* exception level at _start */
	uint64_t entry_x0;              /* x0 at _start (DTB pointer, if any) */

	uint64_t dtb_paddr;             /* 0 if no valid DTB was found */
	uint64_t dtb_size;
	int dtb_error;                  /* fdt_error why not, if dtb_paddr == 0 */

	int mem_count;                  /* RAM regions, from the DTB ... */
	int mem_dropped;                /* ... beyond BOOT_MAX_MEM_REGIONS */
	bool mem_from_dtb;              /* ... or the platform fallback */
	struct fdt_region mem[BOOT_MAX_MEM_REGIONS];

	uint64_t kernel_paddr_start;    /* [start, end): the whole image, */
	uint64_t kernel_paddr_end;      /* including bss, guard and stacks */
};

extern struct boot_info boot_info;

/* arch/aarch64/boot_mmu.c, called from start.S with the MMU off; returns
 * the TCR_EL1 value to use. */
uint64_t boot_mmu_init(uint64_t entry_el, uint64_t x0);

/* src/main.c: the boot sequence once the kernel runs in the high half. */
NORETURN void kernel_main(void);

/* Symbols from the linker script (their addresses). */
extern char __kernel_start[], __kernel_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_end[];
extern char __stack_guard[], __stack_bottom[], __stack_top[];

#endif
