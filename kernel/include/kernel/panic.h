/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * panic.h: stopping the machine.
 *
 * Under QEMU the kernel leaves through semihosting SYS_EXIT, so the exit
 * status tells a test what happened.  Codes stay below 256 (QEMU reports
 * them modulo 256) and away from 1, which QEMU itself uses for its errors.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/compiler.h>

#define KEXIT_OK         0    /* kernel_halt() */
#define KEXIT_PANIC      10   /* panic() */
#define KEXIT_EXCEPTION  11   /* unexpected exception (fault, SError...) */
#define KEXIT_NESTED     12   /* panicked while panicking */
#define KEXIT_EL2        13   /* exception taken to EL2 after the drop */
#define KEXIT_BAD_EL     14   /* entered at an EL we cannot run from */

#ifndef __ASSEMBLER__

/* Print "KRN|PANIC <message>" and exit with KEXIT_PANIC. */
NORETURN void panic(const char *fmt, ...) PRINTF(1, 2);

/* Clean stop: flush the console, exit 0. */
NORETURN void kernel_halt(void);

/*
 * For fatal paths that print their own report: returns how many panics are
 * in progress, including this one.  1 means print normally; anything more
 * means a fault happened while reporting, and panic_nested() should be used.
 */
int panic_begin(void);
NORETURN void panic_nested(void);
NORETURN void panic_exit(unsigned code);

/* Platform exit (semihosting on QEMU); does not return. */
NORETURN void plat_exit(unsigned code);

#endif /* !__ASSEMBLER__ */
#endif
