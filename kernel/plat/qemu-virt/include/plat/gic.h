/* SPDX-License-Identifier: BSD-2-Clause */
/* gic.h: the interrupt controller (GICv2 on QEMU virt). */
#ifndef PLAT_GIC_H
#define PLAT_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_SPURIOUS        1023u
#define GIC_IAR_ID(iar)     ((iar) & 0x3ffu)

/* Reset the distributor and this CPU's interface: everything disabled,
 * not pending, one priority, SPIs routed to CPU 0, level triggered. */
void gic_init(uintptr_t gicd, uintptr_t gicc);
unsigned gic_num_irqs(void);
void gic_enable(unsigned irq);
void gic_disable(unsigned irq);
/* Acknowledge the highest-priority pending interrupt: returns the raw IAR
 * value (GIC_IAR_ID() gives the interrupt ID; GIC_SPURIOUS if none). */
uint32_t gic_ack(void);
void gic_eoi(uint32_t iar);
/* Level (false) or edge (true) triggered. */
void gic_set_trigger(unsigned irq, bool edge);
/* Raise software-generated interrupt sgi (0..15) on this CPU. */
void gic_send_sgi_self(unsigned sgi);

#endif
