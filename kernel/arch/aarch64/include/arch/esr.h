/* SPDX-License-Identifier: BSD-2-Clause */
/* esr.h: decoding the exception syndrome register (ESR_ELx).  Pure. */
#ifndef ARCH_ESR_H
#define ARCH_ESR_H

#include <stddef.h>
#include <stdint.h>

#define ESR_EC(esr)       ((unsigned)((esr) >> 26) & 0x3f)
#define ESR_IL            (UINT64_C(1) << 25)
#define ESR_ISS(esr)      ((esr) & 0x1ffffff)
#define ESR_WNR           (UINT64_C(1) << 6)    /* data abort: write */

#define EC_UNKNOWN        0x00
#define EC_WFX            0x01
#define EC_FP_ACCESS      0x07
#define EC_ILLEGAL_STATE  0x0e
#define EC_SVC64          0x15
#define EC_HVC64          0x16
#define EC_SMC64          0x17
#define EC_SYSREG         0x18
#define EC_IABT_LOWER     0x20
#define EC_IABT_CUR       0x21
#define EC_PC_ALIGN       0x22
#define EC_DABT_LOWER     0x24
#define EC_DABT_CUR       0x25
#define EC_SP_ALIGN       0x26
#define EC_FP_EXC64       0x2c
#define EC_SERROR         0x2f
#define EC_BRK64          0x3c

/* Short name of an exception class ("data abort, same EL", ...). */
const char *esr_class_name(unsigned ec);

/* Name of an abort's fault status code (DFSC/IFSC, ESR bits 5..0),
 * without the level ("translation fault"); NULL if unknown. */
const char *esr_fault_status_name(unsigned fsc);

/*
 * One-line description of a syndrome into buf, e.g.
 * "data abort, same EL: translation fault, level 0, write".
 * Returns what ksnprintf returns.
 */
int esr_describe(uint64_t esr, char *buf, size_t size);

#endif
