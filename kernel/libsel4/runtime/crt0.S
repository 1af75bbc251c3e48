/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * crt0.S: entry of a test root task.  The kernel starts it with
 * x0 = seL4_BootInfo pointer, SP = 0 and every other register 0, as seL4
 * does; install a static stack, clear .bss and call rt_main(bootinfo).
 * SP and x1 at entry are kept in rt_entry_sp and rt_entry_x1.
 */
	.section .text.start, "ax"
	.globl	_sel4_start
_sel4_start:
	mov	x19, x0
	mov	x20, sp
	mov	x21, x1
	adrp	x1, __rt_stack_top
	add	x1, x1, :lo12:__rt_stack_top
	mov	sp, x1
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	adrp	x1, rt_entry_sp
	str	x20, [x1, :lo12:rt_entry_sp]
	adrp	x1, rt_entry_x1
	str	x21, [x1, :lo12:rt_entry_x1]
	mov	x0, x19
	bl	rt_start
1:	b	1b

	.bss
	.balign	16
	.globl	__rt_stack_bottom
__rt_stack_bottom:
	.skip	0x10000
	.globl	__rt_stack_top
__rt_stack_top:
