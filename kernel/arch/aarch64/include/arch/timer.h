/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * timer.h: the kernel tick from the EL1 virtual generic timer (CNTV_*).
 * The later scheduler's preemption timer.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <stdint.h>

/* Start periodic ticks every tick_us microseconds (the caller enables the
 * timer's interrupt at the interrupt controller). */
void timer_init(unsigned tick_us);
/* The timer interrupt fired: count a tick, program the next deadline. */
void timer_handle_irq(void);

uint64_t timer_ticks(void);       /* ticks since timer_init */
uint64_t timer_frequency(void);   /* counter Hz (CNTFRQ_EL0) */
uint64_t timer_period(void);      /* counter increments per tick */
uint64_t timer_counter(void);     /* CNTVCT_EL0 */

#endif
