/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irqs.h: interrupts handed to user space (src/irqs.c): IRQControl and
 * IRQHandler caps, delivery to the bound notification.
 */
#ifndef KERNEL_IRQS_H
#define KERNEL_IRQS_H

#include <stdbool.h>

#define MAX_IRQ 159

/* An interrupt arrived for user space: signal, mask until Ack. */
void irq_deliver(unsigned irq);
/* The last IRQHandler cap for irq was deleted. */
void irq_handler_deleted(unsigned irq);
/* Reserve an IRQ for the kernel (the timer). */
void irq_reserve(unsigned irq);

#endif
