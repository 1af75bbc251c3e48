/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * start.S: kernel entry.  QEMU jumps here at the physical address with the
 * MMU off, at EL1 (or EL2 with -M virt,virtualization=on).
 *
 *  1. mask interrupts; park every core but the boot core
 *  2. at EL2: configure EL2 to stay out of the way and drop to EL1
 *  3. boot stack, vector table and FP/SIMD access, .bss cleared
 *  4. boot_mmu_init() (C, still at the physical address) builds the
 *     translation tables
 *  5. MMU on, jump to the high-half address, switch stack and vectors
 *  6. kernel_main()
 */
#include <arch/pgtable.h>
#include <arch/vmlayout.h>
#include <kernel/panic.h>

/* SCTLR_EL1: RES1 bits of ARMv8.0 (11, 20, 22, 23, 28, 29) */
#define SCTLR_EL1_RES1   0x30d00800
/* ... plus M (MMU), C, I (caches), SA, SA0 (SP alignment checks), WXN
 * (writable implies execute-never), and for EL0: DZE (DC ZVA), UCT (CTR_EL0),
 * nTWI, nTWE (WFI/WFE not trapped), UCI (cache maintenance). */
#define SCTLR_EL1_ON     (SCTLR_EL1_RES1 | (1 << 0) | (1 << 2) | (1 << 3) | \
                          (1 << 4) | (1 << 12) | (1 << 14) | (1 << 15) | \
                          (1 << 16) | (1 << 18) | (1 << 19) | (1 << 26))

#define HCR_EL2_RW       (1 << 31)
#define CPTR_EL2_RES1    0x33ff        /* and TFP (bit 10) clear */
#define SPSR_EL1H_MASKED 0x3c5         /* D A I F masked, EL1h */
#define CPACR_FPEN_ALL   (3 << 20)     /* FP/SIMD untrapped at EL0 and EL1 */

#define SYS_EXIT         0x18
#define ADP_Stopped_ApplicationExit 0x20026

	.section .text.boot, "ax"
	.globl	_start
_start:
	mov	x19, x0                       /* DTB pointer, if a loader gave one */
	msr	daifset, #0xf

	/* 1. Only the core with affinity 0.0.0.0 boots. */
	mrs	x1, mpidr_el1
	ldr	x2, =0xff00ffffff
	and	x1, x1, x2
	cbnz	x1, park

	mrs	x20, CurrentEL
	lsr	x20, x20, #2
	cmp	x20, #1
	b.eq	at_el1
	cmp	x20, #2
	b.ne	bad_el

	/* 2. EL2: anything that reaches EL2 from now on is fatal; EL1 is
	 * AArch64, nothing is trapped, the timers are usable from EL1. */
	adr	x0, el2_vectors
	msr	vbar_el2, x0
	isb
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #3                    /* EL1PCTEN, EL1PCEN */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	msr	vttbr_el2, xzr
	ldr	x0, =SCTLR_EL1_RES1           /* EL1 MMU and caches off */
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	adr	x0, at_el1
	msr	elr_el2, x0
	eret

at_el1:
	/* 3. Stack and vectors at their physical addresses for now. */
	adrp	x0, __stack_top
	add	x0, x0, :lo12:__stack_top
	mov	sp, x0
	adrp	x0, exception_vectors
	add	x0, x0, :lo12:exception_vectors
	msr	vbar_el1, x0
	mov	x0, #CPACR_FPEN_ALL
	msr	cpacr_el1, x0
	isb

	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:
	/* 4. Translation tables. */
	mov	x0, x20                       /* entry EL */
	mov	x1, x19                       /* x0 at entry */
	bl	boot_mmu_init                 /* returns the TCR_EL1 value */

	/* 5. MMU on. */
	msr	tcr_el1, x0
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	adrp	x0, boot_pt_root_lo
	msr	ttbr0_el1, x0
	adrp	x0, boot_pt_root_hi
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =SCTLR_EL1_ON
	msr	sctlr_el1, x0
	isb
	ldr	x0, =high                     /* absolute: the linked address */
	br	x0
high:
	ldr	x0, =__stack_top
	mov	sp, x0
	ldr	x0, =exception_vectors
	msr	vbar_el1, x0
	isb

	/* 6. */
	bl	kernel_main
	b	park                          /* kernel_main does not return */

park:
	wfe
	b	park

/* Entered at EL3 (or EL0): nothing we can run on; leave with a code. */
bad_el:
	mov	x0, #SYS_EXIT
	adr	x1, bad_el_exit
	hlt	#0xf000
	b	park

/* EL2 vectors after the drop to EL1: every slot exits with KEXIT_EL2. */
	.balign	0x800
el2_vectors:
	.rept	16
	.balign	0x80
	b	el2_fatal
	.endr
el2_fatal:
	mov	x0, #SYS_EXIT
	adr	x1, el2_exit
	hlt	#0xf000
	b	park

	.balign	8
bad_el_exit:
	.quad	ADP_Stopped_ApplicationExit, KEXIT_BAD_EL
el2_exit:
	.quad	ADP_Stopped_ApplicationExit, KEXIT_EL2
	.ltorg
