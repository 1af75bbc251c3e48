/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gic_v2.c: ARM GICv2 distributor and CPU interface, one CPU.
 *
 * QEMU virt without secure=on has no security extensions: every interrupt
 * is in group 0 and signalled as IRQ.
 */
#include <plat/gic.h>
#include <plat/mmio.h>

/* Distributor registers */
#define GICD_CTLR        0x000
#define GICD_TYPER       0x004
#define GICD_IGROUPR     0x080
#define GICD_ISENABLER   0x100
#define GICD_ICENABLER   0x180
#define GICD_ICPENDR     0x280
#define GICD_ICACTIVER   0x380
#define GICD_IPRIORITYR  0x400
#define GICD_ITARGETSR   0x800
#define GICD_ICFGR       0xc00
#define GICD_SGIR        0xf00

/* CPU interface registers */
#define GICC_CTLR        0x000
#define GICC_PMR         0x004
#define GICC_BPR         0x008
#define GICC_IAR         0x00c
#define GICC_EOIR        0x010

#define PRIORITY_DEFAULT 0xa0u
#define PRIORITY_MASK    0xf0u    /* let every PRIORITY_DEFAULT through */
#define SGIR_TO_SELF     (2u << 24)

static uintptr_t gicd, gicc;
static unsigned num_irqs;

static void dist_write_all(unsigned reg, unsigned irqs_per_word,
                           unsigned first_irq, uint32_t val)
{
	for (unsigned irq = first_irq; irq < num_irqs; irq += irqs_per_word)
		mmio_write32(gicd + reg + irq / irqs_per_word * 4, val);
}

void gic_init(uintptr_t dist_base, uintptr_t cpu_base)
{
	gicd = dist_base;
	gicc = cpu_base;
	num_irqs = 32 * ((mmio_read32(gicd + GICD_TYPER) & 0x1f) + 1);
	if (num_irqs > 1020)
		num_irqs = 1020;

	mmio_write32(gicd + GICD_CTLR, 0);
	dist_write_all(GICD_ICENABLER, 32, 0, 0xffffffffu);
	dist_write_all(GICD_ICPENDR, 32, 0, 0xffffffffu);
	dist_write_all(GICD_ICACTIVER, 32, 0, 0xffffffffu);
	dist_write_all(GICD_IGROUPR, 32, 0, 0);
	dist_write_all(GICD_IPRIORITYR, 4, 0, PRIORITY_DEFAULT * 0x01010101u);
	dist_write_all(GICD_ITARGETSR, 4, 32, 0x01010101u);   /* SPIs: CPU 0 */
	dist_write_all(GICD_ICFGR, 16, 32, 0);                /* SPIs: level */
	mmio_write32(gicd + GICD_CTLR, 1);

	mmio_write32(gicc + GICC_PMR, PRIORITY_MASK);
	mmio_write32(gicc + GICC_BPR, 0);
	mmio_write32(gicc + GICC_CTLR, 1);
}

unsigned gic_num_irqs(void)
{
	return num_irqs;
}

void gic_enable(unsigned irq)
{
	mmio_write32(gicd + GICD_ISENABLER + irq / 32 * 4, 1u << (irq % 32));
}

void gic_disable(unsigned irq)
{
	mmio_write32(gicd + GICD_ICENABLER + irq / 32 * 4, 1u << (irq % 32));
}

uint32_t gic_ack(void)
{
	return mmio_read32(gicc + GICC_IAR);
}

void gic_eoi(uint32_t iar)
{
	mmio_write32(gicc + GICC_EOIR, iar);
}

void gic_set_trigger(unsigned irq, bool edge)
{
	uintptr_t reg = gicd + GICD_ICFGR + irq / 16 * 4;
	uint32_t v = mmio_read32(reg), bit = 2u << (irq % 16 * 2);

	mmio_write32(reg, edge ? (v | bit) : (v & ~bit));
}

void gic_send_sgi_self(unsigned sgi)
{
	mmio_write32(gicd + GICD_SGIR, SGIR_TO_SELF | (sgi & 0xf));
}
