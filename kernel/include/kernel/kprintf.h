/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * kprintf.h: the kernel's printf.
 *
 * kvformat() is the formatter (pure, host-tested); kprintf() sends its output
 * to the console, which starts every line with "KRN|".
 *
 * Conversions: d i u x X o c s p %.  Flags: - 0 + space #.  Width and
 * precision as digits or *.  Length: hh h l ll z t j.
 */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include <kernel/compiler.h>

typedef void (*kputc_fn)(void *arg, char c);

/* Format to put(arg, c); returns the number of characters produced. */
int kvformat(kputc_fn put, void *arg, const char *fmt, va_list ap);

/* snprintf semantics: returns the untruncated length, always terminates
 * the buffer when size > 0. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF(3, 4);

/* To the console (src/console.c). */
int kvprintf(const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) PRINTF(1, 2);

#endif
