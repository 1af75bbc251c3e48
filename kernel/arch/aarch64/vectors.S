/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vectors.S: the EL1 exception vector table.
 *
 * 16 slots of 0x80 bytes: {sync, irq, fiq, serror} taken from {EL1 with
 * SP_EL0, EL1 with SP_EL1, EL0 AArch64, EL0 AArch32}.  For now the only
 * expected exception is an IRQ while the kernel waits (EL1h): it is handled
 * and returns; synchronous exceptions and IRQs from EL0 (AArch64) go to
 * entry.S.  Everything else is fatal: the registers are saved on a
 * dedicated panic stack (so a kernel stack overflow is still reported) and
 * exception_fatal() prints them and exits.
 *
 * Only PC-relative addressing: the same table is used at the physical
 * address before the MMU is on and at the virtual address after.
 */
#include <arch/trapframe.h>
#include <arch/vmlayout.h>

/* Store x2..x30 into the frame at sp (x0, x1 are saved by the caller). */
.macro save_x2_x30
	stp	x2, x3, [sp, #TF_X(2)]
	stp	x4, x5, [sp, #TF_X(4)]
	stp	x6, x7, [sp, #TF_X(6)]
	stp	x8, x9, [sp, #TF_X(8)]
	stp	x10, x11, [sp, #TF_X(10)]
	stp	x12, x13, [sp, #TF_X(12)]
	stp	x14, x15, [sp, #TF_X(14)]
	stp	x16, x17, [sp, #TF_X(16)]
	stp	x18, x19, [sp, #TF_X(18)]
	stp	x20, x21, [sp, #TF_X(20)]
	stp	x22, x23, [sp, #TF_X(22)]
	stp	x24, x25, [sp, #TF_X(24)]
	stp	x26, x27, [sp, #TF_X(26)]
	stp	x28, x29, [sp, #TF_X(28)]
	str	x30, [sp, #TF_X(30)]
.endm

/* Save the exception syndrome registers into the frame at sp. */
.macro save_sysregs
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #TF_ELR]
	mrs	x2, esr_el1
	mrs	x3, far_el1
	stp	x2, x3, [sp, #TF_ESR]
.endm

/* A fatal slot: switch to the panic stack, keeping every register. */
.macro vfatal slot
	.balign	0x80
	msr	tpidr_el1, x0                 /* scratch: we never return */
	adrp	x0, panic_stack_top
	add	x0, x0, :lo12:panic_stack_top
	sub	x0, x0, #TF_SIZE
	str	x1, [x0, #TF_X(1)]
	mov	x1, sp
	str	x1, [x0, #TF_SP]
	mov	sp, x0
	mrs	x1, tpidr_el1
	str	x1, [sp, #TF_X(0)]
	mov	x1, #\slot
	b	fatal_common
.endm

/* IRQ while in the kernel (SP_EL1): full frame on the current stack. */
.macro virq_el1h
	.balign	0x80
	sub	sp, sp, #TF_SIZE
	stp	x0, x1, [sp, #TF_X(0)]
	b	irq_el1h_common
.endm

/* From user mode (AArch64): SP_EL1 points at the thread's saved context
 * (see entry.S). */
.macro vel0 kind
	.balign	0x80
	stp	x0, x1, [sp, #0]
	mov	x0, #\kind
	b	el0_entry
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	exception_vectors
exception_vectors:
	vfatal	VEC_EL1T + VEC_SYNC
	vfatal	VEC_EL1T + VEC_IRQ
	vfatal	VEC_EL1T + VEC_FIQ
	vfatal	VEC_EL1T + VEC_SERROR
	vfatal	VEC_EL1H + VEC_SYNC
	virq_el1h
	vfatal	VEC_EL1H + VEC_FIQ
	vfatal	VEC_EL1H + VEC_SERROR
	vel0	0
	vel0	1
	vfatal	VEC_EL0_64 + VEC_FIQ
	vfatal	VEC_EL0_64 + VEC_SERROR
	vfatal	VEC_EL0_32 + VEC_SYNC
	vfatal	VEC_EL0_32 + VEC_IRQ
	vfatal	VEC_EL0_32 + VEC_FIQ
	vfatal	VEC_EL0_32 + VEC_SERROR

/* x0 = frame, x1 = slot; x0 and x1 of the interrupted code are saved. */
fatal_common:
	save_x2_x30
	save_sysregs
	mov	x0, sp
	bl	exception_fatal
	b	.                             /* exception_fatal does not return */

irq_el1h_common:
	save_x2_x30
	add	x2, sp, #TF_SIZE
	str	x2, [sp, #TF_SP]
	save_sysregs
	mov	x0, sp
	bl	exception_irq
	ldp	x2, x3, [sp, #TF_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x0, x1, [sp, #TF_X(0)]
	ldp	x2, x3, [sp, #TF_X(2)]
	ldp	x4, x5, [sp, #TF_X(4)]
	ldp	x6, x7, [sp, #TF_X(6)]
	ldp	x8, x9, [sp, #TF_X(8)]
	ldp	x10, x11, [sp, #TF_X(10)]
	ldp	x12, x13, [sp, #TF_X(12)]
	ldp	x14, x15, [sp, #TF_X(14)]
	ldp	x16, x17, [sp, #TF_X(16)]
	ldp	x18, x19, [sp, #TF_X(18)]
	ldp	x20, x21, [sp, #TF_X(20)]
	ldp	x22, x23, [sp, #TF_X(22)]
	ldp	x24, x25, [sp, #TF_X(24)]
	ldp	x26, x27, [sp, #TF_X(26)]
	ldp	x28, x29, [sp, #TF_X(28)]
	ldr	x30, [sp, #TF_X(30)]
	add	sp, sp, #TF_SIZE
	eret

	.bss
	.balign	16
panic_stack:
	.skip	PANIC_STACK_SIZE
	.globl	panic_stack_top
panic_stack_top:
