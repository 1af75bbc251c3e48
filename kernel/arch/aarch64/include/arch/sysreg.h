/* SPDX-License-Identifier: BSD-2-Clause */
/* sysreg.h: system register access and barriers (target only). */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

#define read_sysreg(reg) ({                                          \
	uint64_t __val;                                              \
	__asm__ volatile("mrs %0, " #reg : "=r"(__val));             \
	__val;                                                       \
})

#define write_sysreg(reg, val)                                       \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(val)) : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" : : : "memory");
}

static inline void dsb_ishst(void)
{
	__asm__ volatile("dsb ishst" : : : "memory");
}

static inline void tlbi_all_el1(void)
{
	__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\tdsb ish\n\tisb"
	                 : : : "memory");
}

/* Interrupt masking (PSTATE.I). */
static inline void irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

/* CurrentEL: 0..3 */
static inline unsigned current_el(void)
{
	return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3;
}

/* SCTLR_EL1 bits the kernel sets (see start.S). */
#define SCTLR_M         (1u << 0)
#define SCTLR_C         (1u << 2)
#define SCTLR_SA        (1u << 3)
#define SCTLR_SA0       (1u << 4)
#define SCTLR_I         (1u << 12)
#define SCTLR_WXN       (1u << 19)

/* TCR_EL1 */
#define TCR_EPD0        (UINT64_C(1) << 7)

#endif
