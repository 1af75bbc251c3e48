/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * uart_pl011.c: ARM PL011 UART, transmit only, polled.
 *
 * Part of the panic path, which can run before the MMU is on: the register
 * base starts as the physical address and console_init() moves it to the
 * kernel's device mapping.  The baud rate is left as firmware (or QEMU,
 * which ignores it) set it: the DTB does not tell us the UART clock yet.
 */
#include <plat/mmio.h>
#include <plat/platform.h>
#include <plat/uart.h>

#define UARTDR     0x000
#define UARTFR     0x018
#define UARTLCR_H  0x02c
#define UARTCR     0x030
#define UARTIMSC   0x038
#define UARTICR    0x044

#define FR_BUSY    (1u << 3)
#define FR_TXFF    (1u << 5)
#define LCRH_FEN   (1u << 4)
#define LCRH_WLEN8 (3u << 5)
#define CR_UARTEN  (1u << 0)
#define CR_TXE     (1u << 8)
#define CR_RXE     (1u << 9)

static uintptr_t uart_base = PLAT_UART_PADDR;

void uart_init(uintptr_t base)
{
	uart_base = base;
	uart_flush();
	mmio_write32(uart_base + UARTCR, 0);
	mmio_write32(uart_base + UARTLCR_H, LCRH_WLEN8 | LCRH_FEN);
	mmio_write32(uart_base + UARTIMSC, 0);           /* no interrupts */
	mmio_write32(uart_base + UARTICR, 0x7ff);
	mmio_write32(uart_base + UARTCR, CR_UARTEN | CR_TXE | CR_RXE);
}

void uart_putc(char c)
{
	while (mmio_read32(uart_base + UARTFR) & FR_TXFF)
		;
	mmio_write32(uart_base + UARTDR, (uint8_t)c);
}

void uart_flush(void)
{
	while (mmio_read32(uart_base + UARTFR) & FR_BUSY)
		;
}
