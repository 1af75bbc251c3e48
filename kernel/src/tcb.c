/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tcb.c: TCB invocations (reference sections 3.3, 3.4, 10.3): registers,
 * Configure / SetSpace / SetIPCBuffer, priorities with MCP checks,
 * Suspend / Resume, notification binding, TLS base, flags.
 */
#include <stddef.h>
#include <arch/vspace.h>
#include <kernel/invoke.h>

#define NUM_CONTEXT_REGS 36

/* seL4_UserContext word i of a thread. */
static uint64_t *context_reg(struct tcb *t, unsigned i)
{
	static const uint8_t frame_x[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17,
	                                   18, 29, 30 };
	static const uint8_t gp_x[] = { 9, 10, 11, 12, 13, 14, 15, 19, 20, 21,
	                                22, 23, 24, 25, 26, 27, 28 };

	if (i == 0)
		return &t->ctx.fault_ip;
	if (i == 1)
		return &t->ctx.sp;
	if (i == 2)
		return &t->ctx.spsr;
	if (i < 17)
		return &t->ctx.x[frame_x[i - 3]];
	if (i < 34)
		return &t->ctx.x[gp_x[i - 17]];
	return i == 34 ? &t->ctx.tpidr : &t->ctx.tpidrro;
}

static void write_reg(struct tcb *t, unsigned i, uint64_t v)
{
	if (i == 2)
		v = (v & 0xf0000000) | PSTATE_USER;
	*context_reg(t, i) = v;
}

static struct tcb *tcb_of(struct cap c)
{
	return cap_obj_ptr(c);
}

static int read_registers(struct invocation *inv, struct tcb *t)
{
	uint64_t flags, n;

	if (inv->length < 2)
		return seL4_TruncatedMessage;
	flags = inv_mr(inv, 0);
	n = inv_mr(inv, 1);
	if (n < 1 || n > NUM_CONTEXT_REGS)
		return inv_range(inv, 1, NUM_CONTEXT_REGS);
	if (t == inv->thread)
		return seL4_IllegalOperation;
	if (flags & 1)
		thread_suspend(t);
	for (unsigned i = 0; i < n; i++)
		inv->reply[i] = *context_reg(t, i);
	inv->reply_len = (unsigned)n;
	return 0;
}

static int write_registers(struct invocation *inv, struct tcb *t)
{
	uint64_t flags, n;

	if (inv->length < 2)
		return seL4_TruncatedMessage;
	flags = inv_mr(inv, 0);
	n = inv_mr(inv, 1);
	if (inv->length - 2 < n)
		return seL4_TruncatedMessage;
	if (t == inv->thread)
		return seL4_IllegalOperation;
	if (n > NUM_CONTEXT_REGS)
		n = NUM_CONTEXT_REGS;
	for (unsigned i = 0; i < n; i++)
		write_reg(t, i, inv_mr(inv, 2 + i));
	t->ctx.elr = t->ctx.fault_ip;
	if (flags & 1)
		thread_restart(t);
	return 0;
}

static int copy_registers(struct invocation *inv, struct tcb *t)
{
	uint64_t flags;
	struct tcb *src;

	if (inv->length < 1 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	flags = inv_mr(inv, 0);
	if (cap_type(inv_extra(inv, 0)) != CAP_THREAD)
		return inv_invalid_cap(inv, 1);
	src = tcb_of(inv_extra(inv, 0));
	if (flags & 1)
		thread_suspend(src);
	if (flags & 4) {
		for (unsigned i = 0; i < 17; i++)
			*context_reg(t, i) = *context_reg(src, i);
		t->ctx.elr = t->ctx.fault_ip;
	}
	if (flags & 8)
		for (unsigned i = 17; i < NUM_CONTEXT_REGS; i++)
			*context_reg(t, i) = *context_reg(src, i);
	if (flags & 2)
		thread_restart(t);
	if (t == cur_thread)
		reschedule_required();
	return 0;
}

/* seL4 checkValidIPCBuffer, after deriving the frame cap. */
static int check_ipc_buffer(uint64_t vaddr, struct cap frame)
{
	if (cap_type(frame) != CAP_FRAME || cap_frame_device(frame))
		return seL4_IllegalOperation;
	if (vaddr & 1023)
		return seL4_AlignmentError;
	return 0;
}

/* Replace one of the TCB's slots by a copy of the cap from src. */
static void install(struct tcb *t, enum tcb_slot s, struct cap c,
                    struct cte *src)
{
	cte_delete(&t->slots[s]);
	if (src && cap_type(c) != CAP_NULL &&
	    cap_same_object(c, src->cap))
		cdt_insert(c, src, &t->slots[s]);
}

struct space_args {
	struct cap croot, vroot;
	struct cte *croot_slot, *vroot_slot;
};

static int decode_space(struct invocation *inv, uint64_t cdata,
                        uint64_t vdata, struct space_args *a)
{
	struct cap c;
	int err;

	a->croot_slot = inv->extra[0];
	a->vroot_slot = inv->extra[1];
	c = a->croot_slot->cap;
	if (cdata)
		c = cap_update_data(false, cdata, c);
	err = derive_cap(a->croot_slot, c, &a->croot);
	if (err)
		return err;
	if (cap_type(a->croot) != CAP_CNODE)
		return seL4_IllegalOperation;
	c = a->vroot_slot->cap;
	if (vdata)
		c = cap_update_data(false, vdata, c);
	err = derive_cap(a->vroot_slot, c, &a->vroot);
	if (err)
		return err;
	if (cap_type(a->vroot) != CAP_VSPACE || !cap_is_mapped(a->vroot))
		return seL4_IllegalOperation;
	return 0;
}

static int decode_buffer(struct cte *slot, uint64_t vaddr, struct cap *out)
{
	int err;

	*out = cap_null();
	if (vaddr == 0)
		return 0;
	err = derive_cap(slot, slot->cap, out);
	if (err)
		return err;
	return check_ipc_buffer(vaddr, *out);
}

static int configure(struct invocation *inv, struct tcb *t, bool with_buffer)
{
	struct space_args a;
	struct cap buf = cap_null();
	uint64_t fault_ep = inv_mr(inv, 0), vaddr = 0;
	int err;

	if (with_buffer) {
		if (inv->length < 4 || inv->n_extra < 3)
			return seL4_TruncatedMessage;
		vaddr = inv_mr(inv, 3);
		err = decode_buffer(inv->extra[2], vaddr, &buf);
		if (err)
			return err;
	} else if (inv->length < 3 || inv->n_extra < 2) {
		return seL4_TruncatedMessage;
	}
	err = decode_space(inv, inv_mr(inv, 1), inv_mr(inv, 2), &a);
	if (err)
		return err;

	t->fault_ep = fault_ep;
	install(t, TCB_CTABLE, a.croot, a.croot_slot);
	install(t, TCB_VTABLE, a.vroot, a.vroot_slot);
	if (with_buffer) {
		t->ipc_buffer = vaddr;
		install(t, TCB_BUFFER, buf, vaddr ? inv->extra[2] : NULL);
	}
	if (t == cur_thread)
		reschedule_required();
	return 0;
}

static int set_ipc_buffer(struct invocation *inv, struct tcb *t)
{
	struct cap buf;
	uint64_t vaddr;
	int err;

	if (inv->length < 1 || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	vaddr = inv_mr(inv, 0);
	err = decode_buffer(inv->extra[0], vaddr, &buf);
	if (err)
		return err;
	t->ipc_buffer = vaddr;
	install(t, TCB_BUFFER, buf, vaddr ? inv->extra[0] : NULL);
	if (t == cur_thread)
		reschedule_required();
	return 0;
}

/* The authority's MCP bounds a priority (seL4 checkPrio). */
static int check_prio(struct invocation *inv, uint64_t prio,
                      struct tcb *auth)
{
	if (prio > auth->mcp)
		return inv_range(inv, 0, auth->mcp);
	return 0;
}

static int priorities(struct invocation *inv, struct tcb *t)
{
	unsigned need = inv->label == TCBSetSchedParams ? 2 : 1;
	struct tcb *auth;
	int err;

	if (inv->length < need || inv->n_extra < 1)
		return seL4_TruncatedMessage;
	if (cap_type(inv_extra(inv, 0)) != CAP_THREAD)
		return inv_invalid_cap(inv, 1);
	auth = tcb_of(inv_extra(inv, 0));
	for (unsigned i = 0; i < need; i++) {
		err = check_prio(inv, inv_mr(inv, i), auth);
		if (err)
			return err;
	}
	switch (inv->label) {
	case TCBSetPriority:
		thread_set_priority(t, (unsigned)inv_mr(inv, 0));
		break;
	case TCBSetMCPriority:
		t->mcp = (uint8_t)inv_mr(inv, 0);
		break;
	default:
		t->mcp = (uint8_t)inv_mr(inv, 0);
		thread_set_priority(t, (unsigned)inv_mr(inv, 1));
		break;
	}
	return 0;
}

static int bind_notification(struct invocation *inv, struct tcb *t)
{
	struct notification *n;
	struct cap c;

	if (inv->n_extra < 1)
		return seL4_TruncatedMessage;
	if (t->bound_ntfn)
		return seL4_IllegalOperation;
	c = inv_extra(inv, 0);
	if (cap_type(c) != CAP_NOTIFICATION)
		return inv_invalid_cap(inv, 1);
	if (!(cap_rights(c) & RIGHT_READ))
		return seL4_IllegalOperation;
	n = cap_obj_ptr(c);
	if (n->head || n->bound)
		return seL4_IllegalOperation;
	ntfn_bind(n, t);
	return 0;
}

int decode_tcb(struct invocation *inv)
{
	struct tcb *t = tcb_of(inv->cap);

	switch (inv->label) {
	case TCBReadRegisters:
		return read_registers(inv, t);
	case TCBWriteRegisters:
		return write_registers(inv, t);
	case TCBCopyRegisters:
		return copy_registers(inv, t);
	case TCBConfigure:
		return configure(inv, t, true);
	case TCBSetSpace:
		return configure(inv, t, false);
	case TCBSetIPCBuffer:
		return set_ipc_buffer(inv, t);
	case TCBSetPriority:
	case TCBSetMCPriority:
	case TCBSetSchedParams:
		return priorities(inv, t);
	case TCBSuspend:
		thread_suspend(t);
		return 0;
	case TCBResume:
		thread_restart(t);
		return 0;
	case TCBBindNotification:
		return bind_notification(inv, t);
	case TCBUnbindNotification:
		if (!t->bound_ntfn)
			return seL4_IllegalOperation;
		ntfn_unbind(t->bound_ntfn);
		return 0;
	case TCBSetTLSBase:
		if (inv->length < 1)
			return seL4_TruncatedMessage;
		t->ctx.tpidr = inv_mr(inv, 0);
		if (t == cur_thread)
			reschedule_required();
		return 0;
	case TCBSetFlags:
		if (inv->length < 2)
			return seL4_TruncatedMessage;
		t->flags = ((t->flags & ~inv_mr(inv, 0)) | inv_mr(inv, 1)) &
		           seL4_TCBFlag_MASK;
		inv->reply[0] = t->flags;
		inv->reply_len = 1;
		return 0;
	default:
		return seL4_IllegalOperation;
	}
}
