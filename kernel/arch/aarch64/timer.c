/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * timer.c: periodic kernel tick from the EL1 virtual timer.
 *
 * Deadlines advance by exactly one period from the previous deadline (not
 * from "now"), so ticks do not drift; if the kernel was away for longer
 * than a period, the timer fires again at once and each missed period is
 * still counted.
 */
#include <arch/sysreg.h>
#include <arch/timer.h>
#include <kernel/panic.h>

#define CNTV_CTL_ENABLE  (1u << 0)
#define CNTV_CTL_IMASK   (1u << 1)

static uint64_t freq, period, deadline;
static volatile uint64_t ticks;

uint64_t timer_counter(void)
{
	isb();                              /* no early (speculative) read */
	return read_sysreg(cntvct_el0);
}

void timer_init(unsigned tick_us)
{
	freq = read_sysreg(cntfrq_el0);
	if (freq == 0)
		panic("timer: CNTFRQ_EL0 is 0 (firmware did not set it)");
	period = freq * tick_us / 1000000;
	if (period == 0)
		panic("timer: tick of %u us is below the counter resolution",
		      tick_us);
	ticks = 0;
	deadline = timer_counter() + period;
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

void timer_handle_irq(void)
{
	ticks++;
	deadline += period;
	write_sysreg(cntv_cval_el0, deadline);
	isb();
}

#define CNTKCTL_EL0VCTEN   (1u << 1)
#define PMCR_E             (1u << 0)
#define PMCR_C             (1u << 2)       /* reset the cycle counter */
#define PMCNTEN_C          (1u << 31)
#define PMUSERENR_EN       (1u << 0)
#define PMUSERENR_CR       (1u << 2)

void timer_export_user_counters(void)
{
	write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) | CNTKCTL_EL0VCTEN);
	write_sysreg(pmccfiltr_el0, 0);         /* count at EL0 and EL1 */
	write_sysreg(pmcr_el0, read_sysreg(pmcr_el0) | PMCR_E | PMCR_C);
	write_sysreg(pmcntenset_el0, PMCNTEN_C);
	write_sysreg(pmuserenr_el0, PMUSERENR_EN | PMUSERENR_CR);
	isb();
}

uint64_t timer_ticks(void)
{
	return ticks;
}

uint64_t timer_frequency(void)
{
	return freq;
}

uint64_t timer_period(void)
{
	return period;
}
