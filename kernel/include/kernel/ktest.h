/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ktest.h: on-target self tests, only in the kernel-test.elf build
 * (CONFIG_KTEST).  Selected with the boot argument ktest=NAME (QEMU:
 * -append ktest=NAME).  A passing test prints "ktest NAME: PASS" and halts
 * (exit 0); the fault tests end in a panic report with a non-zero exit.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stddef.h>
#include <kernel/compiler.h>

NORETURN void ktest_main(const char *bootargs, size_t len);

#endif
