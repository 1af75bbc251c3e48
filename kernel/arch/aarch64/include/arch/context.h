/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * context.h: a thread's user-mode register state, saved and restored by
 * arch/aarch64/entry.S.  Offsets are shared with the assembly.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#define CTX_X(n)        ((n) * 8)
#define CTX_SP          (31 * 8)    /* SP_EL0 */
#define CTX_ELR         (32 * 8)    /* NextIP */
#define CTX_SPSR        (33 * 8)
#define CTX_TPIDR       (34 * 8)    /* TPIDR_EL0 */
#define CTX_TPIDRRO     (35 * 8)    /* TPIDRRO_EL0 */
#define CTX_FAULT_IP    (36 * 8)
#define CTX_FPSR        (37 * 8)
#define CTX_FPCR        (38 * 8)
#define CTX_FPREGS      (40 * 8)    /* q0..q31, 16-byte aligned */
#define CTX_SIZE        (40 * 8 + 32 * 16)

/* PSTATE for user threads: EL0t, FIQ masked (seL4 debug builds). */
#define PSTATE_USER     0x40

#ifndef __ASSEMBLER__
#include <stdint.h>

struct user_context {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	uint64_t tpidr;
	uint64_t tpidrro;
	uint64_t fault_ip;
	uint64_t fpsr;
	uint64_t fpcr;
	uint64_t pad;
	uint64_t fpregs[64] __attribute__((aligned(16)));
};

_Static_assert(sizeof(struct user_context) == CTX_SIZE, "context layout");
_Static_assert(__builtin_offsetof(struct user_context, fpregs) == CTX_FPREGS,
               "context layout");

/* entry.S */
__attribute__((noreturn)) void user_return(struct user_context *ctx);
void fpu_save(struct user_context *ctx);
void fpu_restore(struct user_context *ctx);
#endif

#endif
