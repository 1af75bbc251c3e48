/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * panic.c: stopping the kernel, cleanly or not.  May run with the MMU off.
 *
 * A fault while reporting a panic must not loop: each entry bumps
 * panic_depth; the second one prints a short line and exits, the third
 * exits without printing, and if even the exit faults (no semihosting) the
 * CPU parks with interrupts masked.
 */
#include <stdarg.h>
#include <kernel/console.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>

static volatile int panic_depth;

static NORETURN void park(void)
{
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi");
}

NORETURN void panic_exit(unsigned code)
{
	console_flush();
	plat_exit(code);
}

int panic_begin(void)
{
	int depth = ++panic_depth;

	if (depth >= 4)
		park();
	if (depth == 3)
		plat_exit(KEXIT_NESTED);
	return depth;
}

NORETURN void panic_nested(void)
{
	console_newline_if_needed();
	kprintf("PANIC nested: fault while panicking\n");
	panic_exit(KEXIT_NESTED);
}

NORETURN void panic(const char *fmt, ...)
{
	va_list ap;

	if (panic_begin() > 1)
		panic_nested();
	console_newline_if_needed();
	kprintf("PANIC ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	panic_exit(KEXIT_PANIC);
}

NORETURN void kernel_halt(void)
{
	console_newline_if_needed();
	kprintf("halt\n");
	panic_exit(KEXIT_OK);
}
