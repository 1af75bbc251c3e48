/* SPDX-License-Identifier: BSD-2-Clause */
/* uart.h: the platform's debug UART (PL011 on QEMU virt). */
#ifndef PLAT_UART_H
#define PLAT_UART_H

#include <stdint.h>

void uart_init(uintptr_t base);
void uart_putc(char c);
void uart_flush(void);

#endif
