/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fastpath.c: the IPC fast path, as seL4 has one: Call and ReplyRecv with
 * a message of at most four words (all in registers) and no caps, when
 * the other side is already waiting and may run at once, switch to it
 * directly, without the general decoding, transfer and scheduler code.
 *
 * The conditions are those under which the general path would do the
 * same thing and end by running the other thread:
 *   Call:      an endpoint cap with Write and Grant or GrantReply (so the
 *              receiver gets a reply cap), a receiver waiting on it, whose
 *              priority is at least ours or at least that of every ready
 *              thread, and whose caller slot is empty;
 *   ReplyRecv: a reply cap in our caller slot to a thread waiting for the
 *              reply (not for a fault reply) whose priority is at least
 *              that of every ready thread; an endpoint cap with Read, no
 *              sender waiting on it, and no pending signal on our bound
 *              notification.
 * Anything else (lookups that fail, faults, long messages, caps, other
 * objects) takes the general path, which also reports the errors.
 */
#include <stddef.h>
#include <arch/context.h>
#include <arch/vspace.h>
#include <kernel/assert.h>
#include <kernel/fastpath.h>
#include <kernel/object.h>

#define FP_MSG_REGS 4
#define INFO_LEN(i)        ((unsigned)(i) & 0x7f)
#define INFO_EXTRA_CAPS(i) (((unsigned)(i) >> 7) & 3)
/* the receiver's info: the sender's label and length, no caps */
#define INFO_FOR_RECEIVER(i) ((i) & ~UINT64_C(0xf80))

/* resolve_address_bits without the fault details: the slot, or NULL. */
static inline struct cte *lookup_fp(const struct tcb *t, uint64_t cptr)
{
	struct cap node = t->slots[TCB_CTABLE].cap;
	unsigned n_bits = 64;

	if (unlikely(cap_type(node) != CAP_CNODE))
		return NULL;
	for (;;) {
		unsigned radix = cap_cnode_radix(node);
		unsigned gbits = cap_cnode_guard_size(node);
		unsigned level = radix + gbits;
		struct cte *s;

		if (unlikely(level > n_bits || level == 0))
			return NULL;
		if (gbits && unlikely(((cptr >> (n_bits - gbits)) &
		                       ((UINT64_C(1) << gbits) - 1)) !=
		                      cap_cnode_guard(node)))
			return NULL;
		s = (struct cte *)cap_obj_ptr(node) +
		    ((cptr >> (n_bits - level)) & ((UINT64_C(1) << radix) - 1));
		n_bits -= level;
		if (n_bits == 0 || cap_type(s->cap) != CAP_CNODE)
			return s;
		node = s->cap;
	}
}

static inline void copy_mrs(struct tcb *to, const struct tcb *from,
                            unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		to->ctx.x[2 + i] = from->ctx.x[2 + i];
}

static NORETURN void switch_to_thread(struct tcb *t)
{
	KASSERT(!t->in_sched_queue && t->state == TS_RUNNING);
	cur_thread = t;
	arch_activate(t);
	user_return(&t->ctx);
}

void fastpath_call(struct tcb *t)
{
	uint64_t info = t->ctx.x[1];
	struct endpoint *ep;
	struct tcb *dest;
	struct cte *slot;
	struct cap c;
	unsigned r;

	if (unlikely(INFO_LEN(info) > FP_MSG_REGS || INFO_EXTRA_CAPS(info)))
		return;
	slot = lookup_fp(t, t->ctx.x[0]);
	if (unlikely(!slot))
		return;
	c = slot->cap;
	r = cap_rights(c);
	if (unlikely(cap_type(c) != CAP_ENDPOINT || !(r & RIGHT_WRITE) ||
	             !(r & (RIGHT_GRANT | RIGHT_GRANT_REPLY))))
		return;
	ep = cap_obj_ptr(c);
	dest = ep->head;
	if (unlikely(!dest || dest->state != TS_BLOCKED_ON_RECEIVE))
		return;
	if (unlikely(dest->prio < t->prio &&
	             sched_highest_prio() > (int)dest->prio))
		return;
	if (unlikely(cap_type(dest->slots[TCB_CALLER].cap) != CAP_NULL))
		return;
	KASSERT(sched_idle_action() && !t->in_sched_queue &&
	        t->state == TS_RUNNING && t->fault.type == FAULT_NULL);
	KASSERT(dest->blocked_on == ep && dest->ep_prev == NULL);

	/* the receiver leaves the endpoint's queue */
	tcb_queue_remove(&ep->head, &ep->tail, dest);
	/* we wait for the reply; the receiver gets the reply cap */
	t->state = TS_BLOCKED_ON_REPLY;
	cdt_insert(cap_reply(kptr_to_paddr(t), false, dest->blocked_grant),
	           &t->slots[TCB_REPLY], &dest->slots[TCB_CALLER]);
	/* the message */
	dest->ctx.x[0] = cap_badge(c);
	dest->ctx.x[1] = INFO_FOR_RECEIVER(info);
	copy_mrs(dest, t, INFO_LEN(info));
	dest->state = TS_RUNNING;
	switch_to_thread(dest);
}

void fastpath_reply_recv(struct tcb *t)
{
	uint64_t info = t->ctx.x[1];
	struct cte *slot, *reply = &t->slots[TCB_CALLER];
	struct endpoint *ep;
	struct tcb *caller;
	struct cap c;
	unsigned r;

	if (unlikely(INFO_LEN(info) > FP_MSG_REGS || INFO_EXTRA_CAPS(info)))
		return;
	/* the reply */
	if (unlikely(cap_type(reply->cap) != CAP_REPLY ||
	             cap_reply_master(reply->cap)))
		return;
	caller = cap_obj_ptr(reply->cap);
	if (unlikely(caller->state != TS_BLOCKED_ON_REPLY ||
	             caller->fault.type != FAULT_NULL))
		return;
	if (unlikely(sched_highest_prio() > (int)caller->prio))
		return;
	/* the receive */
	slot = lookup_fp(t, t->ctx.x[0]);
	if (unlikely(!slot))
		return;
	c = slot->cap;
	r = cap_rights(c);
	if (unlikely(cap_type(c) != CAP_ENDPOINT || !(r & RIGHT_READ)))
		return;
	ep = cap_obj_ptr(c);
	if (unlikely(ep->head && ep->head->state == TS_BLOCKED_ON_SEND))
		return;
	if (unlikely(t->bound_ntfn && (t->bound_ntfn->tail_active & 1)))
		return;
	KASSERT(sched_idle_action() && !t->in_sched_queue &&
	        t->state == TS_RUNNING && t->fault.type == FAULT_NULL);
	KASSERT(!caller->in_sched_queue);

	/* we wait on the endpoint */
	t->state = TS_BLOCKED_ON_RECEIVE;
	t->blocked_on = ep;
	t->blocked_grant = r & RIGHT_GRANT;
	tcb_queue_append(&ep->head, &ep->tail, t);
	/* the reply cap is used up */
	cdt_remove(reply);
	/* the reply message */
	caller->ctx.x[0] = 0;
	caller->ctx.x[1] = INFO_FOR_RECEIVER(info);
	copy_mrs(caller, t, INFO_LEN(info));
	caller->state = TS_RUNNING;
	switch_to_thread(caller);
}
