/* SPDX-License-Identifier: BSD-2-Clause */
/* syscall.h: system call entry (src/syscall.c). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>
#include <kernel/compiler.h>

/* The current thread made system call n (x7). */
void handle_syscall(int64_t n);

/* Schedule, switch address space and FP state, and eret to the chosen
 * thread (arch/aarch64/trap.c). */
NORETURN void kernel_return_to_user(void);

#endif
