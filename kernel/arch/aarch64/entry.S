/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * entry.S: entering the kernel from user mode and leaving it.
 *
 * While a thread runs at EL0, SP_EL1 points at its struct user_context
 * (the first member of its TCB).  The EL0 vector slots store x0, x1 there
 * and branch to el0_entry with x0 = 0 (synchronous) or 1 (IRQ), which
 * saves the rest, moves to the kernel stack and calls
 * kernel_entry_el0(kind, ctx, esr, far).  That never returns: it leaves
 * through user_return(ctx) of the thread chosen to run next.
 */
#include <arch/context.h>

	.arch	armv8-a+fp+simd
	.text

	.globl	el0_entry
el0_entry:
	stp	x2, x3, [sp, #CTX_X(2)]
	stp	x4, x5, [sp, #CTX_X(4)]
	stp	x6, x7, [sp, #CTX_X(6)]
	stp	x8, x9, [sp, #CTX_X(8)]
	stp	x10, x11, [sp, #CTX_X(10)]
	stp	x12, x13, [sp, #CTX_X(12)]
	stp	x14, x15, [sp, #CTX_X(14)]
	stp	x16, x17, [sp, #CTX_X(16)]
	stp	x18, x19, [sp, #CTX_X(18)]
	stp	x20, x21, [sp, #CTX_X(20)]
	stp	x22, x23, [sp, #CTX_X(22)]
	stp	x24, x25, [sp, #CTX_X(24)]
	stp	x26, x27, [sp, #CTX_X(26)]
	stp	x28, x29, [sp, #CTX_X(28)]
	str	x30, [sp, #CTX_X(30)]
	mrs	x2, sp_el0
	str	x2, [sp, #CTX_SP]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #CTX_ELR]
	mrs	x2, tpidr_el0
	str	x2, [sp, #CTX_TPIDR]
	mov	x1, sp
	adrp	x2, __stack_top
	add	x2, x2, :lo12:__stack_top
	mov	sp, x2
	mov	x29, #0
	mrs	x2, esr_el1
	mrs	x3, far_el1
	bl	kernel_entry_el0
	b	.

/* void user_return(struct user_context *ctx): eret to the thread. */
	.globl	user_return
user_return:
	mov	sp, x0
	ldp	x2, x3, [sp, #CTX_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [sp, #CTX_TPIDR]
	msr	tpidr_el0, x2
	msr	tpidrro_el0, x3
	ldr	x2, [sp, #CTX_SP]
	msr	sp_el0, x2
	ldp	x0, x1, [sp, #CTX_X(0)]
	ldp	x2, x3, [sp, #CTX_X(2)]
	ldp	x4, x5, [sp, #CTX_X(4)]
	ldp	x6, x7, [sp, #CTX_X(6)]
	ldp	x8, x9, [sp, #CTX_X(8)]
	ldp	x10, x11, [sp, #CTX_X(10)]
	ldp	x12, x13, [sp, #CTX_X(12)]
	ldp	x14, x15, [sp, #CTX_X(14)]
	ldp	x16, x17, [sp, #CTX_X(16)]
	ldp	x18, x19, [sp, #CTX_X(18)]
	ldp	x20, x21, [sp, #CTX_X(20)]
	ldp	x22, x23, [sp, #CTX_X(22)]
	ldp	x24, x25, [sp, #CTX_X(24)]
	ldp	x26, x27, [sp, #CTX_X(26)]
	ldp	x28, x29, [sp, #CTX_X(28)]
	ldr	x30, [sp, #CTX_X(30)]
	eret

/* FP/SIMD state: the kernel itself never touches it. */
	.globl	fpu_save
fpu_save:
	add	x1, x0, #CTX_FPREGS
	stp	q0, q1, [x1, #0]
	stp	q2, q3, [x1, #32]
	stp	q4, q5, [x1, #64]
	stp	q6, q7, [x1, #96]
	stp	q8, q9, [x1, #128]
	stp	q10, q11, [x1, #160]
	stp	q12, q13, [x1, #192]
	stp	q14, q15, [x1, #224]
	stp	q16, q17, [x1, #256]
	stp	q18, q19, [x1, #288]
	stp	q20, q21, [x1, #320]
	stp	q22, q23, [x1, #352]
	stp	q24, q25, [x1, #384]
	stp	q26, q27, [x1, #416]
	stp	q28, q29, [x1, #448]
	stp	q30, q31, [x1, #480]
	mrs	x2, fpsr
	mrs	x3, fpcr
	stp	x2, x3, [x0, #CTX_FPSR]
	ret

	.globl	fpu_restore
fpu_restore:
	add	x1, x0, #CTX_FPREGS
	ldp	q0, q1, [x1, #0]
	ldp	q2, q3, [x1, #32]
	ldp	q4, q5, [x1, #64]
	ldp	q6, q7, [x1, #96]
	ldp	q8, q9, [x1, #128]
	ldp	q10, q11, [x1, #160]
	ldp	q12, q13, [x1, #192]
	ldp	q14, q15, [x1, #224]
	ldp	q16, q17, [x1, #256]
	ldp	q18, q19, [x1, #288]
	ldp	q20, q21, [x1, #320]
	ldp	q22, q23, [x1, #352]
	ldp	q24, q25, [x1, #384]
	ldp	q26, q27, [x1, #416]
	ldp	q28, q29, [x1, #448]
	ldp	q30, q31, [x1, #480]
	ldp	x2, x3, [x0, #CTX_FPSR]
	msr	fpsr, x2
	msr	fpcr, x3
	ret
