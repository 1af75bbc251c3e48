/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exception.c: C side of the vector table (vectors.S).
 *
 * exception_fatal() reports anything the kernel does not expect yet and
 * exits; it is part of the panic path and may run with the MMU off, so it
 * uses no tables of pointers (switches returning literals instead).
 */
#include <stdint.h>
#include <arch/esr.h>
#include <arch/trapframe.h>
#include <kernel/boot.h>
#include <kernel/console.h>
#include <kernel/irq.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>

static const char *slot_kind(unsigned slot)
{
	switch (slot & 3) {
	case VEC_SYNC: return "sync";
	case VEC_IRQ:  return "IRQ";
	case VEC_FIQ:  return "FIQ";
	default:       return "SError";
	}
}

static const char *slot_source(unsigned slot)
{
	switch (slot & ~3u) {
	case VEC_EL1T:   return "EL1t";
	case VEC_EL1H:   return "EL1h";
	case VEC_EL0_64: return "EL0 (AArch64)";
	default:         return "EL0 (AArch32)";
	}
}

static void dump_registers(const struct trap_frame *tf)
{
	for (unsigned i = 0; i < 31; i += 3) {
		kprintf(" ");
		for (unsigned j = i; j < i + 3 && j < 31; j++)
			kprintf(" x%-2u=0x%016lx", j, tf->x[j]);
		kprintf("\n");
	}
	kprintf("  sp =0x%016lx spsr=0x%08lx\n", tf->sp, tf->spsr);
}

void exception_fatal(struct trap_frame *tf, unsigned slot)
{
	char what[112];
	uintptr_t guard = (uintptr_t)__stack_guard;
	uintptr_t guard_end = (uintptr_t)__stack_bottom;

	if (panic_begin() > 1)
		panic_nested();
	console_newline_if_needed();

	if ((slot & 3) == VEC_SYNC || (slot & 3) == VEC_SERROR)
		esr_describe(tf->esr, what, sizeof(what));
	else
		ksnprintf(what, sizeof(what), "unexpected %s", slot_kind(slot));

	kprintf("PANIC %s [%s from %s] ESR=0x%08lx ELR=0x%016lx FAR=0x%016lx\n",
	        what, slot_kind(slot), slot_source(slot), tf->esr, tf->elr,
	        tf->far);
	if ((slot & 3) == VEC_SYNC && tf->far >= guard && tf->far < guard_end)
		kprintf("  FAR is in the boot stack's guard page: "
		        "kernel stack overflow\n");
	dump_registers(tf);
	panic_exit(KEXIT_EXCEPTION);
}

void exception_irq(struct trap_frame *tf)
{
	(void)tf;
	irq_handle();
}
