/* SPDX-License-Identifier: BSD-2-Clause */
/* irq.h: interrupt dispatch (src/irq.c). */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdbool.h>

/* Set once user space runs: interrupts other than the tick go to their
 * IRQHandler caps, and the tick drives the scheduler. */
extern bool irq_user_mode;

/* Take one interrupt from the interrupt controller and handle it.
 * Interrupts the kernel does not own yet are fatal. */
void irq_handle(void);

/*
 * A preemption point of a long operation (Revoke, Retype's zeroing): is
 * an interrupt waiting?  Then the operation stops where it is, with its
 * progress kept in the objects, and its system call is restarted once
 * the interrupt has been handled (seL4's preemptionPoint).
 */
bool irq_preemption_pending(void);

/* Sleep until an interrupt has been handled (interrupts are masked in
 * the kernel except inside this call). */
void irq_wait(void);

#endif
