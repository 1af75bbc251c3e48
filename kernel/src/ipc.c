/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ipc.c: endpoints, notifications, reply caps, message and cap transfer,
 * and fault delivery (seL4 non-MCS semantics; see the reference, sections
 * 1.2, 2.2, 8 and 10.7).
 */
#include <stddef.h>
#include <kernel/assert.h>
#include <kernel/kprintf.h>
#include <kernel/object.h>
#include <kernel/string.h>
#include <sel4/constants.h>

#define MSG_MAX 120

/* ---- thread queues (endpoint and notification) ---- */

#define queue_append tcb_queue_append
#define queue_remove tcb_queue_remove

static struct tcb *ntfn_tail(struct notification *n)
{
	return (struct tcb *)(uintptr_t)(n->tail_active & ~UINT64_C(1));
}

static bool ntfn_active(struct notification *n)
{
	return n->tail_active & 1;
}

static void ntfn_set_tail(struct notification *n, struct tcb *t, bool active)
{
	n->tail_active = (uint64_t)(uintptr_t)t | (active ? 1 : 0);
}

static void ntfn_append(struct notification *n, struct tcb *t)
{
	struct tcb *tail = ntfn_tail(n);

	queue_append(&n->head, &tail, t);
	ntfn_set_tail(n, tail, false);
}

static void ntfn_remove(struct notification *n, struct tcb *t)
{
	struct tcb *tail = ntfn_tail(n);

	queue_remove(&n->head, &tail, t);
	ntfn_set_tail(n, tail, ntfn_active(n));
}

static enum ep_state ep_state(const struct endpoint *ep)
{
	if (!ep->head)
		return EP_IDLE;
	return ep->head->state == TS_BLOCKED_ON_SEND ? EP_SEND : EP_RECV;
}

/* ---- message transfer ---- */

static uint64_t info_word(uint64_t label, unsigned unwrapped, unsigned caps,
                          unsigned len)
{
	return label << 12 | (uint64_t)(unwrapped & 7) << 9 |
	       (uint64_t)(caps & 3) << 7 | (len & 0x7f);
}

/* The receiver's slot for a transferred cap, or NULL (seL4
 * getReceiveSlots). */
static struct cte *receive_slot(struct tcb *t, uint64_t *buf)
{
	struct lookup_fault lf;
	struct cte *root, *slot;
	unsigned left;
	uint64_t depth = buf[127];

	if (!lookup_cap_slot(t, buf[125], &root, &lf))
		return NULL;
	if (depth < 1 || depth > 64)
		return NULL;
	if (!resolve_address_bits(root->cap, buf[126], (unsigned)depth, &slot,
	                          &left, &lf) || left != 0)
		return NULL;
	if (cap_type(slot->cap) != CAP_NULL)
		return NULL;
	return slot;
}

static void fault_transfer(struct tcb *sender, struct tcb *rcv,
                           uint64_t *rbuf, uint64_t badge)
{
	struct fault *f = &sender->fault;
	struct user_context *c = &sender->ctx;
	uint64_t mrs[16];
	unsigned n = 0;

	switch (f->type) {
	case FAULT_CAP: {
		uint64_t extra[3];
		unsigned k = lookup_fault_words(&f->lf, extra);

		mrs[n++] = c->fault_ip;
		mrs[n++] = f->addr;
		mrs[n++] = f->in_recv;
		mrs[n++] = f->lf.type;
		for (unsigned i = 0; i < k; i++)
			mrs[n++] = extra[i];
		break;
	}
	case FAULT_UNKNOWN_SYSCALL:
		for (unsigned i = 0; i < 8; i++)
			mrs[n++] = c->x[i];
		mrs[n++] = c->fault_ip;
		mrs[n++] = c->sp;
		mrs[n++] = c->elr;
		mrs[n++] = c->spsr;
		mrs[n++] = f->syscall;
		break;
	case FAULT_USER_EXCEPTION:
		mrs[n++] = c->fault_ip;
		mrs[n++] = c->sp;
		mrs[n++] = c->spsr;
		mrs[n++] = f->fsr;
		mrs[n++] = 0;
		break;
	case FAULT_VM:
		mrs[n++] = c->fault_ip;
		mrs[n++] = f->addr;
		mrs[n++] = f->prefetch;
		mrs[n++] = f->fsr;
		break;
	default:
		break;
	}
	for (unsigned i = 0; i < n; i++)
		set_mr(rcv, rbuf, i, mrs[i]);
	if (!rbuf && n > 4)
		n = 4;
	rcv->ctx.x[1] = info_word(f->type, 0, 0, n);
	rcv->ctx.x[0] = badge;
}

/*
 * seL4 doIPCTransfer: MRs, extra caps (with grant) and the badge from
 * sender to receiver; a sender with a pending fault sends the fault.
 * ep is the endpoint the message travels on (NULL for replies).
 */
static void ipc_transfer(struct tcb *sender, struct endpoint *ep,
                         uint64_t badge, bool grant, struct tcb *rcv)
{
	uint64_t *rbuf = tcb_ipc_buffer(rcv, true);
	uint64_t *sbuf;
	uint64_t info = sender->ctx.x[1];
	unsigned len = info & 0x7f, ncaps = (info >> 7) & 3, i, done = 0;
	unsigned unwrapped = 0;
	struct cte *caps[3] = { NULL, NULL, NULL };
	struct cte *dest;

	if (sender->fault.type != FAULT_NULL) {
		fault_transfer(sender, rcv, rbuf, badge);
		return;
	}
	sbuf = tcb_ipc_buffer(sender, false);
	if (len > MSG_MAX)
		len = MSG_MAX;

	/* extra caps (only with grant); a bad CPtr drops them all */
	if (grant && sbuf) {
		for (i = 0; i < ncaps; i++) {
			struct lookup_fault lf;

			if (!lookup_cap_slot(sender, sbuf[122 + i], &caps[i],
			                     &lf)) {
				caps[0] = NULL;
				break;
			}
		}
	}

	/* message registers: 4 in registers, the rest through buffers */
	for (i = 0; i < len && i < 4; i++)
		rcv->ctx.x[2 + i] = sender->ctx.x[2 + i];
	if (sbuf && rbuf)
		for (; i < len; i++)
			rbuf[1 + i] = sbuf[1 + i];
	len = i;

	/* cap transfer (seL4 transferCaps) */
	if (caps[0] && rbuf) {
		dest = receive_slot(rcv, rbuf);
		for (i = 0; i < ncaps && caps[i]; i++) {
			struct cap c = caps[i]->cap, d;

			if (cap_type(c) == CAP_ENDPOINT && ep &&
			    cap_obj_ptr(c) == (void *)ep) {
				rbuf[122 + i] = cap_badge(c);
				unwrapped |= 1u << i;
			} else {
				if (!dest)
					break;
				if (derive_cap(caps[i], c, &d) ||
				    cap_type(d) == CAP_NULL)
					break;
				cdt_insert(d, caps[i], dest);
				dest = NULL;
			}
			done++;
		}
	}
	rcv->ctx.x[1] = info_word(info >> 12, unwrapped, done, len);
	rcv->ctx.x[0] = badge;
}

/* The receiver gets a reply cap to the caller (seL4 setupCallerCap). */
static void setup_caller_cap(struct tcb *caller, struct tcb *rcv,
                             bool can_grant)
{
	struct cte *caller_slot = &rcv->slots[TCB_CALLER];

	set_thread_state(caller, TS_BLOCKED_ON_REPLY);
	if (cap_type(caller_slot->cap) != CAP_NULL)
		cte_delete(caller_slot);
	cdt_insert(cap_reply(kptr_to_paddr(caller), false, can_grant),
	           &caller->slots[TCB_REPLY], caller_slot);
}

/* ---- endpoints ---- */

void ep_send(struct tcb *t, struct endpoint *ep, uint64_t badge,
             bool can_grant, bool can_grant_reply, bool blocking,
             bool is_call)
{
	struct tcb *dest;
	bool reply_grant;

	if (ep_state(ep) != EP_RECV) {
		if (!blocking)
			return;
		set_thread_state(t, TS_BLOCKED_ON_SEND);
		t->blocked_on = ep;
		t->blocked_badge = badge;
		t->blocked_grant = can_grant;
		t->blocked_grant_reply = can_grant_reply;
		t->blocked_call = is_call;
		queue_append(&ep->head, &ep->tail, t);
		return;
	}
	dest = ep->head;
	KASSERT(dest->state == TS_BLOCKED_ON_RECEIVE && dest->blocked_on == ep);
	queue_remove(&ep->head, &ep->tail, dest);
	ipc_transfer(t, ep, badge, can_grant, dest);
	reply_grant = dest->blocked_grant;
	set_thread_state(dest, TS_RUNNING);
	possible_switch_to(dest);
	if (is_call) {
		if (can_grant || can_grant_reply)
			setup_caller_cap(t, dest, reply_grant);
		else
			set_thread_state(t, TS_INACTIVE);
	}
}

static void complete_signal(struct notification *n, struct tcb *t)
{
	t->ctx.x[0] = n->word;
	n->word = 0;
	ntfn_set_tail(n, ntfn_tail(n), false);
}

void ep_receive(struct tcb *t, struct endpoint *ep, struct cap ep_cap,
                bool blocking)
{
	struct notification *bound = t->bound_ntfn;
	struct tcb *sender;

	if (bound && ntfn_active(bound)) {
		complete_signal(bound, t);
		return;
	}
	if (ep_state(ep) != EP_SEND) {
		if (!blocking) {
			t->ctx.x[0] = 0;
			return;
		}
		set_thread_state(t, TS_BLOCKED_ON_RECEIVE);
		t->blocked_on = ep;
		t->blocked_grant = cap_rights(ep_cap) & RIGHT_GRANT;
		queue_append(&ep->head, &ep->tail, t);
		return;
	}
	sender = ep->head;
	KASSERT(sender->state == TS_BLOCKED_ON_SEND && sender->blocked_on == ep);
	queue_remove(&ep->head, &ep->tail, sender);
	ipc_transfer(sender, ep, sender->blocked_badge, sender->blocked_grant,
	             t);
	if (sender->blocked_call) {
		if (sender->blocked_grant || sender->blocked_grant_reply)
			setup_caller_cap(sender, t,
			                 cap_rights(ep_cap) & RIGHT_GRANT);
		else
			set_thread_state(sender, TS_INACTIVE);
	} else {
		set_thread_state(sender, TS_RUNNING);
		possible_switch_to(sender);
	}
}

/* A waiter taken off its queue retries its system call. */
static void restart_waiter(struct tcb *t)
{
	t->blocked_on = NULL;
	set_thread_state(t, TS_RESTART);
	sched_enqueue(t);
}

/* Waiters are restarted: they retry the system call. */
void ep_cancel_all(struct endpoint *ep)
{
	while (ep->head) {
		struct tcb *t = ep->head;

		queue_remove(&ep->head, &ep->tail, t);
		restart_waiter(t);
	}
	reschedule_required();
}

void ep_cancel_badged_sends(struct endpoint *ep, uint64_t badge)
{
	struct tcb *t = ep->head, *next;

	if (ep_state(ep) != EP_SEND)
		return;
	for (; t; t = next) {
		next = t->ep_next;
		if (t->blocked_badge != badge)
			continue;
		queue_remove(&ep->head, &ep->tail, t);
		restart_waiter(t);
	}
	reschedule_required();
}

/* ---- notifications ---- */

void ntfn_signal(struct notification *n, uint64_t badge)
{
	struct tcb *t;

	if (n->head) {
		t = n->head;
		ntfn_remove(n, t);
		t->blocked_on = NULL;
		set_thread_state(t, TS_RUNNING);
		t->ctx.x[0] = badge;
		possible_switch_to(t);
		return;
	}
	if (!ntfn_active(n) && n->bound &&
	    n->bound->state == TS_BLOCKED_ON_RECEIVE) {
		t = n->bound;
		cancel_ipc(t);
		set_thread_state(t, TS_RUNNING);
		t->ctx.x[0] = badge;
		possible_switch_to(t);
		return;
	}
	n->word = ntfn_active(n) ? n->word | badge : badge;
	ntfn_set_tail(n, ntfn_tail(n), true);
}

void ntfn_receive(struct tcb *t, struct notification *n, bool blocking)
{
	if (ntfn_active(n)) {
		complete_signal(n, t);
		return;
	}
	if (!blocking) {
		t->ctx.x[0] = 0;
		return;
	}
	set_thread_state(t, TS_BLOCKED_ON_NOTIFICATION);
	t->blocked_on = n;
	ntfn_append(n, t);
}

void ntfn_cancel_all(struct notification *n)
{
	while (n->head) {
		struct tcb *t = n->head;

		ntfn_remove(n, t);
		restart_waiter(t);
	}
	reschedule_required();
}

void ntfn_bind(struct notification *n, struct tcb *t)
{
	n->bound = t;
	t->bound_ntfn = n;
}

void ntfn_unbind(struct notification *n)
{
	if (n->bound)
		n->bound->bound_ntfn = NULL;
	n->bound = NULL;
}

/* ---- cancelling ---- */

void cancel_ipc(struct tcb *t)
{
	switch (t->state) {
	case TS_BLOCKED_ON_SEND:
	case TS_BLOCKED_ON_RECEIVE: {
		struct endpoint *ep = t->blocked_on;

		queue_remove(&ep->head, &ep->tail, t);
		t->blocked_on = NULL;
		set_thread_state(t, TS_INACTIVE);
		break;
	}
	case TS_BLOCKED_ON_NOTIFICATION:
		ntfn_remove(t->blocked_on, t);
		t->blocked_on = NULL;
		set_thread_state(t, TS_INACTIVE);
		break;
	case TS_BLOCKED_ON_REPLY: {
		struct cte *master = &t->slots[TCB_REPLY];
		struct cte *reply = cdt_next(master);

		t->fault.type = FAULT_NULL;
		if (reply && cdt_is_parent(master, reply))
			cte_delete(reply);
		break;
	}
	default:
		break;
	}
}

/* ---- replies and faults ---- */

static bool fault_reply(struct tcb *rcv, struct tcb *replier)
{
	uint64_t info = replier->ctx.x[1];
	uint64_t label = info >> 12;
	unsigned len = info & 0x7f;
	uint64_t *buf = tcb_ipc_buffer(replier, false);
	struct user_context *c = &rcv->ctx;

	switch (rcv->fault.type) {
	case FAULT_UNKNOWN_SYSCALL:
		if (len > 12)
			len = 12;
		for (unsigned i = 0; i < len; i++) {
			uint64_t v = get_mr(replier, buf, i);

			if (i < 8)
				c->x[i] = v;
			else if (i == 8)
				c->fault_ip = v;
			else if (i == 9)
				c->sp = v;
			else if (i == 10)
				c->elr = v;
			else
				c->spsr = (v & 0xf0000000) | PSTATE_USER;
		}
		return label == 0;
	case FAULT_USER_EXCEPTION:
		if (len > 3)
			len = 3;
		for (unsigned i = 0; i < len; i++) {
			uint64_t v = get_mr(replier, buf, i);

			if (i == 0)
				c->fault_ip = v;
			else if (i == 1)
				c->sp = v;
			else
				c->spsr = (v & 0xf0000000) | PSTATE_USER;
		}
		return label == 0;
	default:
		return true;
	}
}

void do_reply(struct tcb *replier, struct cte *reply_slot)
{
	struct tcb *rcv = cap_obj_ptr(reply_slot->cap);
	bool grant = cap_reply_can_grant(reply_slot->cap);

	if (rcv->state != TS_BLOCKED_ON_REPLY)
		return;
	if (rcv->fault.type == FAULT_NULL) {
		ipc_transfer(replier, NULL, 0, grant, rcv);
		cte_delete(reply_slot);
		set_thread_state(rcv, TS_RUNNING);
		possible_switch_to(rcv);
		return;
	}
	cte_delete(reply_slot);
	if (fault_reply(rcv, replier)) {
		rcv->fault.type = FAULT_NULL;
		set_thread_state(rcv, TS_RESTART);
		sched_enqueue(rcv);
		possible_switch_to(rcv);
	} else {
		rcv->fault.type = FAULT_NULL;
		set_thread_state(rcv, TS_INACTIVE);
	}
}

static const char *lf_name(enum lookup_fault_type t)
{
	switch (t) {
	case LF_INVALID_ROOT:   return "invalid root";
	case LF_MISSING_CAP:    return "missing capability";
	case LF_DEPTH_MISMATCH: return "depth mismatch";
	case LF_GUARD_MISMATCH: return "guard mismatch";
	default:                return "?";
	}
}

static void print_fault(struct tcb *t, const char *why)
{
	struct fault *f = &t->fault;

	kprintf("FAULT %s ", tcb_name(t));
	switch (f->type) {
	case FAULT_CAP:
		kprintf("cap fault in %s phase at CPtr 0x%lx: %s, %u bits left",
		        f->in_recv ? "receive" : "send", f->addr,
		        lf_name(f->lf.type), f->lf.bits_left);
		break;
	case FAULT_UNKNOWN_SYSCALL:
		kprintf("unknown syscall %ld", (long)f->syscall);
		break;
	case FAULT_USER_EXCEPTION:
		kprintf("user exception ESR 0x%lx", f->fsr);
		break;
	case FAULT_VM:
		kprintf("VM fault on %s at 0x%lx, FSR 0x%lx",
		        f->prefetch ? "instruction" : "data", f->addr, f->fsr);
		break;
	default:
		kprintf("null fault");
	}
	kprintf(" at pc 0x%lx; %s: thread suspended\n", t->ctx.fault_ip, why);
}

void handle_fault(struct tcb *t)
{
	struct lookup_fault lf;
	struct cte *slot;
	struct cap c;
	unsigned r;

	if (!lookup_cap_slot(t, t->fault_ep, &slot, &lf)) {
		print_fault(t, "no fault handler");
		set_thread_state(t, TS_INACTIVE);
		return;
	}
	c = slot->cap;
	r = cap_rights(c);
	if (cap_type(c) != CAP_ENDPOINT || !(r & RIGHT_WRITE) ||
	    !(r & (RIGHT_GRANT | RIGHT_GRANT_REPLY))) {
		print_fault(t, "no fault handler");
		set_thread_state(t, TS_INACTIVE);
		return;
	}
	ep_send(t, cap_obj_ptr(c), cap_badge(c), r & RIGHT_GRANT, true, true,
	        true);
}
