/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trapframe.h: registers saved by vectors.S on exception entry.
 * The offsets are used by the assembly; keep both in step.
 */
#ifndef ARCH_TRAPFRAME_H
#define ARCH_TRAPFRAME_H

#define TF_X(n)         ((n) * 8)
#define TF_SP           (31 * 8)   /* SP at the time of the exception */
#define TF_ELR          (32 * 8)
#define TF_SPSR         (33 * 8)
#define TF_ESR          (34 * 8)
#define TF_FAR          (35 * 8)
#define TF_SIZE         (36 * 8)   /* a multiple of 16 */

/* Vector table slots (VBAR_EL1 + 0x80 * slot). */
#define VEC_SYNC        0
#define VEC_IRQ         1
#define VEC_FIQ         2
#define VEC_SERROR      3
#define VEC_EL1T        0          /* current EL, SP_EL0 */
#define VEC_EL1H        4          /* current EL, SP_EL1 */
#define VEC_EL0_64      8          /* lower EL, AArch64 */
#define VEC_EL0_32      12         /* lower EL, AArch32 */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trap_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};

_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "trap frame layout");

/* exception.c, called from vectors.S */
void exception_fatal(struct trap_frame *tf, unsigned slot);
void exception_irq(struct trap_frame *tf);
#endif

#endif
