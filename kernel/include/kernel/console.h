/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * console.h: the kernel console.  Every line the kernel prints starts with
 * "KRN|" (added here, at the start of each line); "\n" becomes "\r\n".
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdint.h>

/* Switch the console to the UART registers at base (a virtual address
 * once the MMU is on; the physical one before). */
void console_init(uintptr_t uart_base);
void console_putc(char c);
/* A character from user space (seL4_DebugPutChar): no prefix. */
void console_user_putc(char c);
/* End a line of user output, if one is open. */
void console_user_end(void);
/* End the current line if something was printed on it. */
void console_newline_if_needed(void);
void console_flush(void);

#endif
