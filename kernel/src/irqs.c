/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irqs.c: IRQControl_Get / GetTrigger, IRQHandler Ack / SetNotification /
 * Clear, and delivery (reference section 10.6).  An IRQ given to user
 * space is unmasked when issued, masked when it fires until Ack.  The
 * notification cap a handler signals is a copy kept in a kernel slot per
 * IRQ, in the derivation tree like seL4's IRQ node.
 */
#include <kernel/invoke.h>
#include <kernel/irqs.h>
#include <kernel/kprintf.h>
#include <plat/gic.h>

enum irq_state { IRQ_INACTIVE = 0, IRQ_SIGNAL, IRQ_RESERVED };

static enum irq_state irq_state[MAX_IRQ + 1];
static uint8_t irq_trigger[MAX_IRQ + 1];    /* 0 not set, 1 level, 2 edge */
static struct cte irq_node[MAX_IRQ + 1];

bool irq_user_state(unsigned irq, unsigned *trigger, struct cap *ntfn)
{
	if (irq > MAX_IRQ || irq_state[irq] != IRQ_SIGNAL)
		return false;
	*trigger = irq_trigger[irq];
	*ntfn = irq_node[irq].cap;
	return true;
}

void irq_reserve(unsigned irq)
{
	irq_state[irq] = IRQ_RESERVED;
}

void irq_deliver(unsigned irq)
{
	struct cap c;

	if (irq > MAX_IRQ || irq_state[irq] != IRQ_SIGNAL) {
		kprintf("spurious IRQ %u: masked\n", irq);
		gic_disable(irq);
		return;
	}
	c = irq_node[irq].cap;
	if (cap_type(c) == CAP_NOTIFICATION && (cap_rights(c) & RIGHT_WRITE))
		ntfn_signal(cap_obj_ptr(c), cap_badge(c));
	else
		kprintf("undelivered IRQ %u: no notification\n", irq);
	gic_disable(irq);
}

void irq_handler_deleted(unsigned irq)
{
	if (irq > MAX_IRQ || irq_state[irq] != IRQ_SIGNAL)
		return;
	gic_disable(irq);
	irq_state[irq] = IRQ_INACTIVE;
	cte_delete(&irq_node[irq]);
}

int decode_irq_control(struct invocation *inv)
{
	uint64_t irq, trigger = 0, index, depth;
	struct cte *dest;
	int err;

	if (inv->label == IRQIssueIRQHandler) {
		if (inv->length < 3 || inv->n_extra < 1)
			return seL4_TruncatedMessage;
		irq = inv_mr(inv, 0);
		index = inv_mr(inv, 1);
		depth = inv_mr(inv, 2);
	} else if (inv->label == ARMIRQIssueIRQHandlerTrigger) {
		if (inv->length < 4 || inv->n_extra < 1)
			return seL4_TruncatedMessage;
		irq = inv_mr(inv, 0);
		trigger = inv_mr(inv, 1);
		index = inv_mr(inv, 2);
		depth = inv_mr(inv, 3);
	} else {
		return seL4_IllegalOperation;
	}
	if (irq > MAX_IRQ)
		return inv_range(inv, 0, MAX_IRQ);
	if (irq_state[irq] != IRQ_INACTIVE)
		return seL4_RevokeFirst;
	err = inv_lookup_slot(inv, false, inv_extra(inv, 0), index, depth,
	                      &dest);
	if (err)
		return err;
	if (cap_type(dest->cap) != CAP_NULL)
		return seL4_DeleteFirst;
	if (inv->label == ARMIRQIssueIRQHandlerTrigger)
		gic_set_trigger((unsigned)irq, trigger != 0);
	irq_trigger[irq] = inv->label != ARMIRQIssueIRQHandlerTrigger ? 0 :
	                   trigger ? 2 : 1;
	irq_state[irq] = IRQ_SIGNAL;
	cdt_insert(cap_irq_handler((unsigned)irq), inv->slot, dest);
	gic_enable((unsigned)irq);
	return 0;
}

int decode_irq_handler(struct invocation *inv)
{
	unsigned irq = (unsigned)inv->cap.w1;
	struct cap n;

	switch (inv->label) {
	case IRQAckIRQ:
		gic_enable(irq);
		return 0;
	case IRQSetIRQHandler:
		if (inv->n_extra < 1)
			return seL4_TruncatedMessage;
		n = inv_extra(inv, 0);
		if (cap_type(n) != CAP_NOTIFICATION ||
		    !(cap_rights(n) & RIGHT_WRITE))
			return inv_invalid_cap(inv, 0);
		cte_delete(&irq_node[irq]);
		cdt_insert(n, inv->extra[0], &irq_node[irq]);
		return 0;
	case IRQClearIRQHandler:
		cte_delete(&irq_node[irq]);
		return 0;
	default:
		return seL4_IllegalOperation;
	}
}

int decode_domain(struct invocation *inv)
{
	struct cap t;
	uint64_t d;

	if (inv->label != DomainSetSet)
		return seL4_IllegalOperation;
	if (inv->length < 1 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	d = inv_mr(inv, 0) & 0xff;
	if (d >= 1)
		return inv_invalid_arg(inv, 0);
	t = inv_extra(inv, 0);
	if (cap_type(t) != CAP_THREAD)
		return inv_invalid_arg(inv, 1);
	((struct tcb *)cap_obj_ptr(t))->domain = (uint8_t)d;
	return 0;
}
