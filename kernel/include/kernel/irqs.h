/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irqs.h: interrupts handed to user space (src/irqs.c): IRQControl and
 * IRQHandler caps, delivery to the bound notification.
 */
#ifndef KERNEL_IRQS_H
#define KERNEL_IRQS_H

#include <stdbool.h>
#include <kernel/cap.h>

#define MAX_IRQ 159

/* An interrupt arrived for user space: signal, mask until Ack. */
void irq_deliver(unsigned irq);
/* The last IRQHandler cap for irq was deleted. */
void irq_handler_deleted(unsigned irq);
/* For DebugSnapshot: is irq given to user space?  Then its trigger as
 * set by GetTrigger (0 not set, 1 level, 2 edge) and the notification cap
 * it signals (maybe null). */
bool irq_user_state(unsigned irq, unsigned *trigger, struct cap *ntfn);
/* Reserve an IRQ for the kernel (the timer). */
void irq_reserve(unsigned irq);

#endif
