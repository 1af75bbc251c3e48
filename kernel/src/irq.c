/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irq.c: interrupt dispatch.  The kernel runs with interrupts masked; it
 * takes them from user mode (the IRQ vector) and in irq_wait() when idle.
 * The timer tick drives the scheduler; once user mode is up any other IRQ
 * goes to its IRQHandler's notification (irqs.c).  Long operations poll
 * irq_preemption_pending() to stay preemptible.
 */
#include <arch/sysreg.h>
#include <arch/timer.h>
#include <kernel/irq.h>
#include <kernel/irqs.h>
#include <kernel/object.h>
#include <kernel/panic.h>
#include <plat/gic.h>
#include <plat/platform.h>

bool irq_user_mode;

void irq_handle(void)
{
	uint32_t iar = gic_ack();
	unsigned irq = GIC_IAR_ID(iar);

	if (irq >= 1020)
		return;                    /* spurious: nothing to EOI */
	if (irq == PLAT_TIMER_IRQ) {
		timer_handle_irq();
		if (irq_user_mode)
			sched_tick();
	} else if (irq_user_mode) {
		irq_deliver(irq);
	} else {
		panic("unhandled IRQ %u", irq);
	}
	gic_eoi(iar);
}

#define ISR_EL1_I (UINT64_C(1) << 7)

bool irq_preemption_pending(void)
{
	return irq_user_mode && (read_sysreg(isr_el1) & ISR_EL1_I);
}

void irq_wait(void)
{
	/*
	 * WFI wakes on a pending interrupt even while PSTATE.I masks it, so
	 * checking a condition, then waiting, with interrupts masked cannot
	 * miss a wake-up; the interrupt is taken when they are unmasked.
	 */
	__asm__ volatile("dsb sy\n\twfi" : : : "memory");
	irq_enable();
	isb();
	irq_disable();
}
