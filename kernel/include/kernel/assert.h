/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * assert.h: kernel assertions.  The debug kernel (kernel.elf) checks them
 * and panics with the condition; the release kernel (kernel-release.elf,
 * built with KERNEL_RELEASE) compiles them out.
 */
#ifndef KERNEL_ASSERT_H
#define KERNEL_ASSERT_H

#include <kernel/panic.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#ifdef KERNEL_RELEASE
#define KASSERT(c) ((void)0)
#else
#define KASSERT(c)                                                        \
	do {                                                              \
		if (unlikely(!(c)))                                       \
			panic("assertion failed: %s at %s:%d", #c,        \
			      __FILE__, __LINE__);                        \
	} while (0)
#endif

#endif
