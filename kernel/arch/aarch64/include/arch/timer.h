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

/*
 * Let user mode read the virtual counter (CNTVCT_EL0) and the PMU cycle
 * counter (PMCCNTR_EL0, which QEMU's -icount shift=0 makes an instruction
 * counter), running and reset.  Off by default, as in seL4's default
 * configuration (EXPORT_VCNT_USER, EXPORT_PMU_USER off); the boot argument
 * "user_counters" turns it on for benchmarks.
 */
void timer_export_user_counters(void);

#endif
