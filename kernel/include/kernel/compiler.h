/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * compiler.h: small helpers shared by C, assembly and the linker script.
 * Everything here must stay usable from host unit tests as well.
 */
#ifndef KERNEL_COMPILER_H
#define KERNEL_COMPILER_H

/* Integer constants usable from both C and assembly/linker scripts. */
#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#ifndef __ASSEMBLER__

#define NORETURN        __attribute__((noreturn))
#define UNUSED          __attribute__((unused))
#define PRINTF(f, a)    __attribute__((format(printf, f, a)))
#define ALIGNED(n)      __attribute__((aligned(n)))
#define SECTION(s)      __attribute__((section(s)))

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define ALIGN_UP(x, a)  ALIGN_DOWN((x) + (a) - 1, (a))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#endif /* !__ASSEMBLER__ */
#endif
