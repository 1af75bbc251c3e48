/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * syscalls.h: system call numbers and the AArch64 system call stubs of
 * seL4 16.0.0 (non-MCS).  svc #0 with x7 = the number, x0 = cap or badge,
 * x1 = MessageInfo, x2..x5 = MR0..MR3.
 */
#ifndef SEL4_SYSCALLS_H
#define SEL4_SYSCALLS_H

#include <sel4/simple_types.h>
#include <sel4/shared_types.h>

typedef enum {
	seL4_SysCall = -1,
	seL4_SysReplyRecv = -2,
	seL4_SysSend = -3,
	seL4_SysNBSend = -4,
	seL4_SysRecv = -5,
	seL4_SysReply = -6,
	seL4_SysYield = -7,
	seL4_SysNBRecv = -8,
	seL4_SysDebugPutChar = -9,
	seL4_SysDebugDumpScheduler = -10,
	seL4_SysDebugHalt = -11,
	seL4_SysDebugCapIdentify = -12,
	seL4_SysDebugSnapshot = -13,
	seL4_SysDebugNameThread = -14,
	seL4_SysDebugSendIPI = -15,
	seL4_SysDebugGetThreadAffinity = -16,
	seL4_SysDebugRun = -17,
	seL4_SysSetTLSBase = -30,
} seL4_Syscall_ID;

/* The IPC buffer pointer: thread-local (TPIDR_EL0), as libsel4's default
 * LibSel4UseThreadLocals; the runtime sets up each thread's TLS block. */
extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

LIBSEL4_INLINE_FUNC seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
	return __sel4_ipc_buffer;
}

LIBSEL4_INLINE_FUNC void seL4_SetIPCBuffer(seL4_IPCBuffer *b)
{
	__sel4_ipc_buffer = b;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetMR(int i)
{
	return seL4_GetIPCBuffer()->msg[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetMR(int i, seL4_Word v)
{
	seL4_GetIPCBuffer()->msg[i] = v;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetUserData(void)
{
	return seL4_GetIPCBuffer()->userData;
}

LIBSEL4_INLINE_FUNC void seL4_SetUserData(seL4_Word d)
{
	seL4_GetIPCBuffer()->userData = d;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetBadge(int i)
{
	return seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC seL4_CPtr seL4_GetCap(int i)
{
	return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetCap(int i, seL4_CPtr cptr)
{
	seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

LIBSEL4_INLINE_FUNC void seL4_GetCapReceivePath(seL4_CPtr *cnode,
                                                seL4_CPtr *index,
                                                seL4_Word *depth)
{
	seL4_IPCBuffer *b = seL4_GetIPCBuffer();

	if (cnode)
		*cnode = b->receiveCNode;
	if (index)
		*index = b->receiveIndex;
	if (depth)
		*depth = b->receiveDepth;
}

LIBSEL4_INLINE_FUNC void seL4_SetCapReceivePath(seL4_CPtr cnode,
                                                seL4_CPtr index,
                                                seL4_Word depth)
{
	seL4_IPCBuffer *b = seL4_GetIPCBuffer();

	b->receiveCNode = cnode;
	b->receiveIndex = index;
	b->receiveDepth = depth;
}

/* ---- raw traps ---------------------------------------------------------- */

/* Send-only: x0 dest, x1 info, x2..x5 MRs. */
LIBSEL4_INLINE_FUNC void arm_sys_send(seL4_Word sys, seL4_Word dest,
                                      seL4_Word info, seL4_Word mr0,
                                      seL4_Word mr1, seL4_Word mr2,
                                      seL4_Word mr3)
{
	register seL4_Word x0 __asm__("x0") = dest;
	register seL4_Word x1 __asm__("x1") = info;
	register seL4_Word x2 __asm__("x2") = mr0;
	register seL4_Word x3 __asm__("x3") = mr1;
	register seL4_Word x4 __asm__("x4") = mr2;
	register seL4_Word x5 __asm__("x5") = mr3;
	register seL4_Word x7 __asm__("x7") = sys;

	__asm__ volatile("svc #0"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
	                   "+r"(x5)
	                 : "r"(x7)
	                 : "memory");
}

/* Send and/or receive: everything in and out. */
LIBSEL4_INLINE_FUNC void arm_sys_send_recv(seL4_Word sys, seL4_Word dest,
                                           seL4_Word *out_badge,
                                           seL4_Word info,
                                           seL4_Word *out_info,
                                           seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
	register seL4_Word x0 __asm__("x0") = dest;
	register seL4_Word x1 __asm__("x1") = info;
	register seL4_Word x2 __asm__("x2") = *mr0;
	register seL4_Word x3 __asm__("x3") = *mr1;
	register seL4_Word x4 __asm__("x4") = *mr2;
	register seL4_Word x5 __asm__("x5") = *mr3;
	register seL4_Word x7 __asm__("x7") = sys;

	__asm__ volatile("svc #0"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
	                   "+r"(x5)
	                 : "r"(x7)
	                 : "memory");
	*out_badge = x0;
	*out_info = x1;
	*mr0 = x2;
	*mr1 = x3;
	*mr2 = x4;
	*mr3 = x5;
}

/* No message: x0 in/out only. */
LIBSEL4_INLINE_FUNC seL4_Word arm_sys_null(seL4_Word sys, seL4_Word x0_in)
{
	register seL4_Word x0 __asm__("x0") = x0_in;
	register seL4_Word x7 __asm__("x7") = sys;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "x1", "x2", "x3",
	                 "x4", "x5", "memory");
	return x0;
}

/* ---- the API ------------------------------------------------------------ */

#define SEL4_MR(i, info) \
	(seL4_MessageInfo_get_length(info) > (i) ? seL4_GetMR(i) : 0)

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
	arm_sys_send(seL4_SysSend, dest, info.words[0], SEL4_MR(0, info),
	             SEL4_MR(1, info), SEL4_MR(2, info), SEL4_MR(3, info));
}

/* Send or NBSend with the first four message registers from the caller. */
LIBSEL4_INLINE_FUNC void arm_send_with_mrs(seL4_Word sys, seL4_CPtr dest,
                                           seL4_MessageInfo_t info,
                                           seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
	seL4_Word l = seL4_MessageInfo_get_length(info);

	arm_sys_send(sys, dest, info.words[0],
	             mr0 && l > 0 ? *mr0 : 0, mr1 && l > 1 ? *mr1 : 0,
	             mr2 && l > 2 ? *mr2 : 0, mr3 && l > 3 ? *mr3 : 0);
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest,
                                          seL4_MessageInfo_t info,
                                          seL4_Word *mr0, seL4_Word *mr1,
                                          seL4_Word *mr2, seL4_Word *mr3)
{
	arm_send_with_mrs(seL4_SysSend, dest, info, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
	arm_sys_send(seL4_SysNBSend, dest, info.words[0], SEL4_MR(0, info),
	             SEL4_MR(1, info), SEL4_MR(2, info), SEL4_MR(3, info));
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest,
                                            seL4_MessageInfo_t info,
                                            seL4_Word *mr0, seL4_Word *mr1,
                                            seL4_Word *mr2, seL4_Word *mr3)
{
	arm_send_with_mrs(seL4_SysNBSend, dest, info, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t info)
{
	arm_sys_send(seL4_SysReply, 0, info.words[0], SEL4_MR(0, info),
	             SEL4_MR(1, info), SEL4_MR(2, info), SEL4_MR(3, info));
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t info,
                                           seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
	seL4_Word l = seL4_MessageInfo_get_length(info);

	arm_sys_send(seL4_SysReply, 0, info.words[0],
	             mr0 && l > 0 ? *mr0 : 0, mr1 && l > 1 ? *mr1 : 0,
	             mr2 && l > 2 ? *mr2 : 0, mr3 && l > 3 ? *mr3 : 0);
}

LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
	arm_sys_send(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0],
	             0, 0, 0, 0);
}

/* Receive-side helper: MR0..3 go to the IPC buffer (or to the pointers). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4__recv(seL4_Word sys, seL4_CPtr src, seL4_Word *sender, seL4_Word info_in,
           seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
           int to_buffer)
{
	seL4_MessageInfo_t info;
	seL4_Word badge, m0 = mr0 ? *mr0 : 0, m1 = mr1 ? *mr1 : 0;
	seL4_Word m2 = mr2 ? *mr2 : 0, m3 = mr3 ? *mr3 : 0;

	arm_sys_send_recv(sys, src, &badge, info_in, &info.words[0], &m0, &m1,
	                  &m2, &m3);
	if (to_buffer) {
		seL4_SetMR(0, m0);
		seL4_SetMR(1, m1);
		seL4_SetMR(2, m2);
		seL4_SetMR(3, m3);
	}
	if (mr0)
		*mr0 = m0;
	if (mr1)
		*mr1 = m1;
	if (mr2)
		*mr2 = m2;
	if (mr3)
		*mr3 = m3;
	if (sender)
		*sender = badge;
	return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src,
                                                 seL4_Word *sender)
{
	return seL4__recv(seL4_SysRecv, src, sender, 0, NULL, NULL, NULL, NULL,
	                  1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                 seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
	return seL4__recv(seL4_SysRecv, src, sender, 0, mr0, mr1, mr2, mr3, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src,
                                                   seL4_Word *sender)
{
	return seL4__recv(seL4_SysNBRecv, src, sender, 0, NULL, NULL, NULL,
	                  NULL, 1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src,
                                                 seL4_Word *sender)
{
	return seL4_Recv(src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src,
                                                 seL4_Word *sender)
{
	return seL4_NBRecv(src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest,
                                                 seL4_MessageInfo_t info)
{
	seL4_Word m0 = SEL4_MR(0, info), m1 = SEL4_MR(1, info);
	seL4_Word m2 = SEL4_MR(2, info), m3 = SEL4_MR(3, info);

	return seL4__recv(seL4_SysCall, dest, NULL, info.words[0], &m0, &m1,
	                  &m2, &m3, 1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                 seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
	seL4_Word l = seL4_MessageInfo_get_length(info);
	seL4_Word m0 = mr0 && l > 0 ? *mr0 : 0, m1 = mr1 && l > 1 ? *mr1 : 0;
	seL4_Word m2 = mr2 && l > 2 ? *mr2 : 0, m3 = mr3 && l > 3 ? *mr3 : 0;
	seL4_MessageInfo_t r;

	r = seL4__recv(seL4_SysCall, dest, NULL, info.words[0], &m0, &m1,
	               &m2, &m3, 0);
	if (mr0)
		*mr0 = m0;
	if (mr1)
		*mr1 = m1;
	if (mr2)
		*mr2 = m2;
	if (mr3)
		*mr3 = m3;
	return r;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender)
{
	seL4_Word m0 = SEL4_MR(0, info), m1 = SEL4_MR(1, info);
	seL4_Word m2 = SEL4_MR(2, info), m3 = SEL4_MR(3, info);

	return seL4__recv(seL4_SysReplyRecv, src, sender, info.words[0], &m0,
	                  &m1, &m2, &m3, 1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t
seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t info,
                      seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                      seL4_Word *mr2, seL4_Word *mr3)
{
	return seL4__recv(seL4_SysReplyRecv, src, sender, info.words[0], mr0,
	                  mr1, mr2, mr3, 0);
}

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
	arm_sys_null(seL4_SysYield, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
	arm_sys_null(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
	arm_sys_null(seL4_SysDebugDumpScheduler, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
	arm_sys_null(seL4_SysDebugHalt, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
	arm_sys_null(seL4_SysDebugSnapshot, 0);
}

LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
	return (seL4_Uint32)arm_sys_null(seL4_SysDebugCapIdentify, cap);
}

/* The name goes in the IPC buffer from msg[0] on, NUL-terminated. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
	char *dst = (char *)&seL4_GetIPCBuffer()->msg[0];
	unsigned i;

	for (i = 0; name[i] && i < seL4_MsgMaxLength * sizeof(seL4_Word) - 1;
	     i++)
		dst[i] = name[i];
	dst[i] = 0;
	arm_sys_null(seL4_SysDebugNameThread, tcb);
}

#endif
