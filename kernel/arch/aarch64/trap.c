/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * trap.c: the C side of entry.S.  Every entry from user mode is handled
 * to completion (the kernel is not preemptible, interrupts stay masked),
 * then the scheduler picks the thread to return to.
 */
#include <arch/context.h>
#include <arch/esr.h>
#include <arch/vspace.h>
#include <kernel/fastpath.h>
#include <kernel/irq.h>
#include <kernel/object.h>
#include <kernel/syscall.h>
#include <sel4/syscalls.h>

void kernel_entry_el0(unsigned kind, struct user_context *ctx, uint64_t esr,
                      uint64_t far);

static void vm_fault(struct tcb *t, uint64_t addr, bool prefetch,
                     uint64_t esr)
{
	t->fault.type = FAULT_VM;
	t->fault.addr = addr;
	t->fault.prefetch = prefetch;
	t->fault.fsr = esr;
	handle_fault(t);
}

NORETURN void kernel_return_to_user(void)
{
	schedule();
	arch_activate(cur_thread);
	user_return(&cur_thread->ctx);
}

void kernel_entry_el0(unsigned kind, struct user_context *ctx, uint64_t esr,
                      uint64_t far)
{
	struct tcb *t = cur_thread;
	unsigned ec = ESR_EC(esr);

	(void)ctx;              /* == &cur_thread->ctx */
	if (kind == 1) {
		t->ctx.fault_ip = t->ctx.elr;
		irq_handle();
	} else if (ec == EC_SVC64) {
		int64_t n = (int64_t)t->ctx.x[7];

		t->ctx.fault_ip = t->ctx.elr - 4;
		if (n == seL4_SysCall)
			fastpath_call(t);
		else if (n == seL4_SysReplyRecv)
			fastpath_reply_recv(t);
		handle_syscall(n);
	} else {
		t->ctx.fault_ip = t->ctx.elr;
		if (ec == EC_DABT_LOWER) {
			vm_fault(t, far, false, esr);
		} else if (ec == EC_IABT_LOWER) {
			vm_fault(t, t->ctx.elr, true, esr);
		} else if (ec == EC_FP_ACCESS && arch_fpu_trap(t)) {
			/* the FP registers are its now: retry the instruction */
		} else {
			t->fault.type = FAULT_USER_EXCEPTION;
			t->fault.fsr = esr;
			handle_fault(t);
		}
	}
	kernel_return_to_user();
}
