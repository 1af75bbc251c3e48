/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * syscall.c: the system calls (seL4 handleSyscall, non-MCS), message
 * registers, and the invocation dispatch.
 */
#include <stddef.h>
#include <kernel/console.h>
#include <kernel/invoke.h>
#include <kernel/kprintf.h>
#include <kernel/panic.h>
#include <kernel/snapshot.h>
#include <kernel/string.h>
#include <kernel/syscall.h>
#include <sel4/syscalls.h>

/* ---- message registers ---- */

uint64_t *tcb_ipc_buffer(struct tcb *t, bool writing)
{
	struct cap c = t->slots[TCB_BUFFER].cap;
	unsigned vm;
	uint64_t off;

	if (cap_type(c) != CAP_FRAME || cap_frame_device(c))
		return NULL;
	vm = cap_frame_vm_rights(c);
	if (!(vm & VM_READ) || (writing && !(vm & VM_WRITE)))
		return NULL;
	off = t->ipc_buffer & ((UINT64_C(1) << cap_frame_size_bits(c)) - 1);
	return paddr_to_kptr(cap_paddr(c) + off);
}

uint64_t get_mr(struct tcb *t, uint64_t *buf, unsigned i)
{
	if (i < 4)
		return t->ctx.x[2 + i];
	return buf && i < 120 ? buf[1 + i] : 0;
}

void set_mr(struct tcb *t, uint64_t *buf, unsigned i, uint64_t v)
{
	if (i < 4)
		t->ctx.x[2 + i] = v;
	else if (buf && i < 120)
		buf[1 + i] = v;
}

bool lookup_cap_slot(struct tcb *t, uint64_t cptr, struct cte **slot,
                     struct lookup_fault *lf)
{
	unsigned left;

	return resolve_address_bits(t->slots[TCB_CTABLE].cap, cptr, 64, slot,
	                            &left, lf);
}

/* ---- invocation errors ---- */

int inv_invalid_arg(struct invocation *inv, unsigned arg)
{
	inv->err[0] = arg;
	inv->err_len = 1;
	return seL4_InvalidArgument;
}

int inv_invalid_cap(struct invocation *inv, unsigned cap)
{
	inv->err[0] = cap;
	inv->err_len = 1;
	return seL4_InvalidCapability;
}

int inv_range(struct invocation *inv, uint64_t lo, uint64_t hi)
{
	inv->err[0] = lo;
	inv->err[1] = hi;
	inv->err_len = 2;
	return seL4_RangeError;
}

int inv_failed_lookup(struct invocation *inv, bool source,
                      const struct lookup_fault *lf)
{
	inv->err[0] = source;
	inv->err[1] = lf->type;
	inv->err_len = 2 + lookup_fault_words(lf, &inv->err[2]);
	return seL4_FailedLookup;
}

int inv_missing_cap(struct invocation *inv, bool source, unsigned bits)
{
	struct lookup_fault lf = { .type = LF_MISSING_CAP, .bits_left = bits };

	return inv_failed_lookup(inv, source, &lf);
}

int inv_not_enough_memory(struct invocation *inv, uint64_t free_bytes)
{
	inv->err[0] = free_bytes;
	inv->err_len = 1;
	return seL4_NotEnoughMemory;
}

int inv_lookup_slot(struct invocation *inv, bool source, struct cap root,
                    uint64_t index, uint64_t depth, struct cte **slot)
{
	struct lookup_fault lf;
	unsigned left;

	if (cap_type(root) != CAP_CNODE) {
		lf.type = LF_INVALID_ROOT;
		return inv_failed_lookup(inv, source, &lf);
	}
	if (depth < 1 || depth > 64)
		return inv_range(inv, 1, 64);
	if (!resolve_address_bits(root, index, (unsigned)depth, slot, &left,
	                          &lf))
		return inv_failed_lookup(inv, source, &lf);
	if (left) {
		lf.type = LF_DEPTH_MISMATCH;
		lf.bits_left = left;
		lf.bits_found = 0;
		return inv_failed_lookup(inv, source, &lf);
	}
	return 0;
}

/* ---- replies ---- */

static uint64_t msg_info(uint64_t label, unsigned len)
{
	return label << 12 | (len & 0x7f);
}

static void reply_from_kernel(struct tcb *t, struct invocation *inv, int err)
{
	uint64_t *buf = tcb_ipc_buffer(t, true);
	unsigned n = err ? inv->err_len : inv->reply_len;
	uint64_t *w = err ? inv->err : inv->reply;

	for (unsigned i = 0; i < n; i++)
		set_mr(t, buf, i, w[i]);
	if (!buf && n > 4)
		n = 4;
	t->ctx.x[0] = 0;
	t->ctx.x[1] = msg_info((uint64_t)err, n);
}

/* ---- system calls ---- */

static void cap_fault(struct tcb *t, uint64_t cptr, bool in_recv,
                      const struct lookup_fault *lf)
{
	t->fault.type = FAULT_CAP;
	t->fault.addr = cptr;
	t->fault.in_recv = in_recv;
	t->fault.lf = *lf;
	handle_fault(t);
}

static int decode(struct invocation *inv)
{
	switch (cap_type(inv->cap)) {
	case CAP_NULL:
	case CAP_ZOMBIE:
	case CAP_ENDPOINT:          /* reached only without send rights */
	case CAP_NOTIFICATION:
	case CAP_REPLY:
		return inv_invalid_cap(inv, 0);
	case CAP_UNTYPED:     return decode_untyped(inv);
	case CAP_CNODE:       return decode_cnode(inv);
	case CAP_THREAD:      return decode_tcb(inv);
	case CAP_IRQ_CONTROL: return decode_irq_control(inv);
	case CAP_IRQ_HANDLER: return decode_irq_handler(inv);
	case CAP_DOMAIN:      return decode_domain(inv);
	default:              return decode_arch(inv);
	}
}

static void handle_invocation(bool is_call, bool blocking)
{
	struct tcb *t = cur_thread;
	struct invocation inv;
	struct lookup_fault lf;
	uint64_t info = t->ctx.x[1], cptr = t->ctx.x[0];
	int err;

	memset(&inv, 0, sizeof(inv));
	inv.thread = t;
	inv.call = is_call;
	inv.label = info >> 12;
	inv.length = info & 0x7f;
	inv.n_extra = (info >> 7) & 3;
	inv.buf = tcb_ipc_buffer(t, false);
	if (inv.length > 120)
		inv.length = 120;
	if (!inv.buf && inv.length > 4)
		inv.length = 4;

	if (!lookup_cap_slot(t, cptr, &inv.slot, &lf)) {
		if (blocking)
			cap_fault(t, cptr, false, &lf);
		return;
	}
	inv.cap = inv.slot->cap;
	if (!inv.buf)
		inv.n_extra = 0;
	for (unsigned i = 0; i < inv.n_extra; i++) {
		uint64_t c = inv.buf[122 + i];

		if (!lookup_cap_slot(t, c, &inv.extra[i], &lf)) {
			if (blocking)
				cap_fault(t, c, false, &lf);
			return;
		}
	}

	/* Endpoints, notifications and reply caps: IPC, not a kernel
	 * operation; without the right to send, InvalidCapability. */
	switch (cap_type(inv.cap)) {
	case CAP_ENDPOINT: {
		unsigned r = cap_rights(inv.cap);

		if (!(r & RIGHT_WRITE))
			break;
		ep_send(t, cap_obj_ptr(inv.cap), cap_badge(inv.cap),
		        r & RIGHT_GRANT, r & RIGHT_GRANT_REPLY, blocking,
		        is_call);
		return;
	}
	case CAP_NOTIFICATION:
		if (!(cap_rights(inv.cap) & RIGHT_WRITE))
			break;
		ntfn_signal(cap_obj_ptr(inv.cap), cap_badge(inv.cap));
		return;
	case CAP_REPLY:
		if (cap_reply_master(inv.cap))
			break;
		do_reply(t, inv.slot);
		return;
	default:
		break;
	}

	/* A kernel object.  While the operation runs the caller is in
	 * Restart; if it still is afterwards, it gets its reply. */
	set_thread_state(t, TS_RESTART);
	err = decode(&inv);
	if (err == INV_PREEMPTED)
		return;
	if (err && t->state == TS_RESTART) {
		if (is_call)
			reply_from_kernel(t, &inv, err);
		set_thread_state(t, TS_RUNNING);
		return;
	}
	if (t->state == TS_RESTART) {
		if (is_call)
			reply_from_kernel(t, &inv, 0);
		set_thread_state(t, TS_RUNNING);
	}
}

static void delete_caller_cap(struct tcb *t)
{
	if (cap_type(t->slots[TCB_CALLER].cap) != CAP_NULL)
		cte_delete(&t->slots[TCB_CALLER]);
}

static void handle_recv(bool blocking)
{
	struct tcb *t = cur_thread;
	uint64_t cptr = t->ctx.x[0];
	struct lookup_fault lf;
	struct cte *slot;
	struct cap c;

	if (!lookup_cap_slot(t, cptr, &slot, &lf)) {
		cap_fault(t, cptr, true, &lf);
		return;
	}
	c = slot->cap;
	switch (cap_type(c)) {
	case CAP_ENDPOINT:
		if (!(cap_rights(c) & RIGHT_READ))
			break;
		delete_caller_cap(t);
		ep_receive(t, cap_obj_ptr(c), c, blocking);
		return;
	case CAP_NOTIFICATION: {
		struct notification *n = cap_obj_ptr(c);

		if (!(cap_rights(c) & RIGHT_READ) ||
		    (n->bound && n->bound != t))
			break;
		ntfn_receive(t, n, blocking);
		return;
	}
	default:
		break;
	}
	lf.type = LF_MISSING_CAP;
	lf.bits_left = 0;
	cap_fault(t, cptr, true, &lf);
}

static void handle_reply(void)
{
	struct tcb *t = cur_thread;
	struct cte *caller = &t->slots[TCB_CALLER];

	if (cap_type(caller->cap) == CAP_REPLY &&
	    !cap_reply_master(caller->cap))
		do_reply(t, caller);
}

/* ---- debug system calls ---- */

static void debug_name_thread(struct tcb *t)
{
	struct lookup_fault lf;
	struct cte *slot;
	uint64_t *buf = tcb_ipc_buffer(t, false);
	struct tcb *target;
	const char *name;
	unsigned i;

	if (!lookup_cap_slot(t, t->ctx.x[0], &slot, &lf) ||
	    cap_type(slot->cap) != CAP_THREAD) {
		kprintf("DebugNameThread: cap is not a TCB, halting\n");
		kernel_halt();
	}
	if (!buf) {
		kprintf("DebugNameThread: no IPC buffer, halting\n");
		kernel_halt();
	}
	target = cap_obj_ptr(slot->cap);
	name = (const char *)&buf[1];
	for (i = 0; i < TCB_NAME_MAX - 1 && name[i]; i++)
		target->name[i] = name[i];
	target->name[i] = 0;
}

static void debug_putchar(char c)
{
	console_user_putc(c);
}

static uint64_t debug_cap_identify(struct tcb *t)
{
	struct lookup_fault lf;
	struct cte *slot;

	if (!lookup_cap_slot(t, t->ctx.x[0], &slot, &lf))
		return 0;
	return cap_type(slot->cap);
}

static void unknown_syscall(struct tcb *t, int64_t n)
{
	t->fault.type = FAULT_UNKNOWN_SYSCALL;
	t->fault.syscall = (uint64_t)n;
	handle_fault(t);
}

void handle_syscall(int64_t n)
{
	struct tcb *t = cur_thread;

	switch (n) {
	case seL4_SysCall:
		handle_invocation(true, true);
		break;
	case seL4_SysSend:
		handle_invocation(false, true);
		break;
	case seL4_SysNBSend:
		handle_invocation(false, false);
		break;
	case seL4_SysRecv:
		handle_recv(true);
		break;
	case seL4_SysNBRecv:
		handle_recv(false);
		break;
	case seL4_SysReply:
		handle_reply();
		break;
	case seL4_SysReplyRecv:
		handle_reply();
		handle_recv(true);
		break;
	case seL4_SysYield:
		sched_yield();
		break;
	case seL4_SysDebugPutChar:
		debug_putchar((char)t->ctx.x[0]);
		break;
	case seL4_SysDebugDumpScheduler:
		debug_dump_scheduler();
		break;
	case seL4_SysDebugHalt:
		console_user_end();
		kprintf("DebugHalt from %s\n", tcb_name(t));
		kernel_halt();
	case seL4_SysDebugCapIdentify:
		t->ctx.x[0] = debug_cap_identify(t);
		break;
	case seL4_SysDebugSnapshot:
		debug_snapshot();
		break;
	case seL4_SysDebugNameThread:
		debug_name_thread(t);
		break;
	default:
		unknown_syscall(t, n);
		break;
	}
}
