/* SPDX-License-Identifier: BSD-2-Clause */
/* cpu_id.h: naming the CPU from MIDR_EL1.  Pure. */
#ifndef ARCH_CPU_ID_H
#define ARCH_CPU_ID_H

#include <stddef.h>
#include <stdint.h>

#define MIDR_IMPLEMENTER(m) ((unsigned)((m) >> 24) & 0xff)
#define MIDR_VARIANT(m)     ((unsigned)((m) >> 20) & 0xf)
#define MIDR_PARTNUM(m)     ((unsigned)((m) >> 4) & 0xfff)
#define MIDR_REVISION(m)    ((unsigned)(m) & 0xf)

/* "ARM Cortex-A53 r0p4"; unknown parts are shown by number.  Returns what
 * ksnprintf returns. */
int midr_describe(uint64_t midr, char *buf, size_t size);

#endif
