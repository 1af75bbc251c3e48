/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * objects.c: what happens to an object when a cap to it is deleted
 * (seL4 finaliseCap), for the architecture-independent types; frames,
 * tables and ASID pools go to arch/aarch64/vspace.c.
 */
#include <stddef.h>
#include <kernel/invoke.h>
#include <kernel/irqs.h>
#include <arch/vspace.h>

static void tcb_finalise(struct tcb *t)
{
	if (t->bound_ntfn)
		ntfn_unbind(t->bound_ntfn);
	thread_suspend(t);
	arch_tcb_deleted(t);
	cte_delete(&t->slots[TCB_CTABLE]);
	cte_delete(&t->slots[TCB_VTABLE]);
	cte_delete(&t->slots[TCB_BUFFER]);
	cte_delete(&t->slots[TCB_CALLER]);
	/* every reply cap to this thread, then the master */
	cte_revoke(&t->slots[TCB_REPLY]);
	cdt_remove(&t->slots[TCB_REPLY]);
}

void obj_finalise(struct cap c, bool final)
{
	switch (cap_type(c)) {
	case CAP_ENDPOINT:
		if (final)
			ep_cancel_all(cap_obj_ptr(c));
		break;
	case CAP_NOTIFICATION:
		if (final) {
			struct notification *n = cap_obj_ptr(c);

			ntfn_unbind(n);
			ntfn_cancel_all(n);
		}
		break;
	case CAP_CNODE:
		if (final) {
			struct cte *s = cap_obj_ptr(c);

			for (uint64_t i = 0;
			     i < (UINT64_C(1) << cap_cnode_radix(c)); i++)
				cte_delete(&s[i]);
		}
		break;
	case CAP_THREAD:
		if (final)
			tcb_finalise(cap_obj_ptr(c));
		break;
	case CAP_IRQ_HANDLER:
		if (final)
			irq_handler_deleted((unsigned)c.w1);
		break;
	case CAP_FRAME:
	case CAP_PAGE_TABLE:
	case CAP_VSPACE:
	case CAP_ASID_POOL:
		arch_finalise(c, final);
		break;
	default:
		break;
	}
}
