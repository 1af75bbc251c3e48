/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * console.c: kprintf() onto the UART, each line prefixed with "KRN|".
 * Part of the panic path (may run with the MMU off).
 */
#include <stdbool.h>
#include <kernel/console.h>
#include <kernel/kprintf.h>
#include <plat/uart.h>

#define LINE_PREFIX "KRN|"

static bool mid_line;   /* something printed since the last newline */

void console_init(uintptr_t uart_base)
{
	uart_init(uart_base);
}

void console_putc(char c)
{
	if (!mid_line) {
		for (const char *p = LINE_PREFIX; *p; p++)
			uart_putc(*p);
		mid_line = true;
	}
	if (c == '\n') {
		uart_putc('\r');
		mid_line = false;
	}
	uart_putc(c);
}

void console_newline_if_needed(void)
{
	if (mid_line)
		console_putc('\n');
}

void console_flush(void)
{
	uart_flush();
}

static void console_put(void *arg, char c)
{
	(void)arg;
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvformat(console_put, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
