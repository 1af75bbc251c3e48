/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * console.c: kprintf() onto the UART, each line prefixed with "KRN|".
 * Part of the panic path (may run with the MMU off).
 */
#include <kernel/console.h>
#include <kernel/kprintf.h>
#include <plat/uart.h>

#define LINE_PREFIX "KRN|"

/* What the current line holds: nothing yet, kernel output (with the
 * prefix), or user output (seL4_DebugPutChar, no prefix).  A line is
 * ended before the other kind starts, so the two never mix on a line. */
static enum { LINE_EMPTY, LINE_KERNEL, LINE_USER } line;

void console_init(uintptr_t uart_base)
{
	uart_init(uart_base);
}

void console_putc(char c)
{
	if (line == LINE_USER) {
		uart_putc('\r');
		uart_putc('\n');
		line = LINE_EMPTY;
	}
	if (line == LINE_EMPTY) {
		for (const char *p = LINE_PREFIX; *p; p++)
			uart_putc(*p);
		line = LINE_KERNEL;
	}
	if (c == '\n') {
		uart_putc('\r');
		line = LINE_EMPTY;
	}
	uart_putc(c);
}

void console_user_putc(char c)
{
	if (line == LINE_KERNEL) {
		uart_putc('\r');
		uart_putc('\n');
	}
	line = LINE_USER;
	if (c == '\n') {
		uart_putc('\r');
		line = LINE_EMPTY;
	}
	uart_putc(c);
}

void console_user_end(void)
{
	if (line == LINE_USER) {
		uart_putc('\r');
		uart_putc('\n');
		line = LINE_EMPTY;
	}
}

void console_newline_if_needed(void)
{
	console_user_end();
	if (line == LINE_KERNEL)
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
