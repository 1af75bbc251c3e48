/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fastpath.h: the IPC fast path (src/fastpath.c).  Each function either
 * performs the whole system call and returns to user mode in the thread
 * it switched to, or returns without having changed anything, and the
 * general path (handle_syscall) runs.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

struct tcb;

/* seL4_Call, x7 = seL4_SysCall */
void fastpath_call(struct tcb *t);
/* seL4_ReplyRecv, x7 = seL4_SysReplyRecv */
void fastpath_reply_recv(struct tcb *t);

#endif
