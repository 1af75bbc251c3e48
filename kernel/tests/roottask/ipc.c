/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ipc: Call/Reply/ReplyRecv/Send/NBSend/Recv/NBRecv on endpoints with
 * badges, long messages through the IPC buffers, cap transfer with grant
 * and unwrapping, reply rights, notifications (Signal/Wait/Poll, bound),
 * deleting an endpoint with waiters (reference sections 1.2, 2, 6.4).
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode

static seL4_CPtr ut, ep, ep_badged, ntfn, ntfn_b1, ntfn_b2, recv_slot;
static struct rt_thread server, client, waiter;
static volatile seL4_Word seen[16];

/* Echo server: replies label + 1, MRs + 1, and the badge in MR0. */
static void echo_server(seL4_Word arg)
{
	seL4_Word badge;
	seL4_MessageInfo_t m;

	(void)arg;
	m = seL4_Recv(ep, &badge);
	for (;;) {
		seL4_Word len = seL4_MessageInfo_get_length(m);

		for (seL4_Word i = 1; i < len; i++)
			seL4_SetMR((int)i, seL4_GetMR((int)i) + 1);
		seL4_SetMR(0, badge);
		m = seL4_MessageInfo_new(seL4_MessageInfo_get_label(m) + 1, 0, 0,
		                         len);
		m = seL4_ReplyRecv(ep, m, &badge);
	}
}

static void calls(void)
{
	seL4_MessageInfo_t m;
	int ok = 1;

	for (int i = 0; i < 10; i++)
		seL4_SetMR(i, 100 + i);
	m = seL4_Call(ep_badged, seL4_MessageInfo_new(0x42, 0, 0, 10));
	CHECK(seL4_MessageInfo_get_label(m) == 0x43, "reply label 0x%lx",
	      (unsigned long)seL4_MessageInfo_get_label(m));
	CHECK(seL4_MessageInfo_get_length(m) == 10, "reply length 10");
	CHECK(seL4_GetMR(0) == 0x99, "server saw badge 0x99 (MR0 0x%lx)",
	      (unsigned long)seL4_GetMR(0));
	for (int i = 1; i < 10; i++)
		ok &= seL4_GetMR(i) == (seL4_Word)(101 + i);
	CHECK(ok, "MR1..MR9 came back incremented (4+ via the buffers)");
	m = seL4_Call(ep, seL4_MessageInfo_new(7, 0, 0, 1));
	CHECK(seL4_MessageInfo_get_label(m) == 8 && seL4_GetMR(0) == 0,
	      "unbadged call: badge 0");
	/* the length is clamped to 120 */
	m = seL4_Call(ep, seL4_MessageInfo_new(1, 0, 0, 127));
	CHECK(seL4_MessageInfo_get_length(m) == 120, "length 127 clamped to 120");
}

/* Receives once with a receive slot, records what came. */
static void cap_receiver(seL4_Word arg)
{
	seL4_Word badge;
	seL4_MessageInfo_t m;

	(void)arg;
	seL4_SetCapReceivePath(ROOT, recv_slot, 64);
	m = seL4_Recv(ep, &badge);
	seen[0] = seL4_MessageInfo_get_extraCaps(m);
	seen[1] = seL4_MessageInfo_get_capsUnwrapped(m);
	seen[2] = seL4_GetBadge(0);
	seen[3] = seL4_DebugCapIdentify(recv_slot);
	seen[4] = badge;
	seen[5] = seL4_MessageInfo_get_label(m);
}

static void cap_transfer(void)
{
	seL4_CPtr no_grant = rt_alloc_slot();

	recv_slot = rt_alloc_slot();
	CHECK_ERR(rt_thread_start(&waiter, ut, cap_receiver, 0, 254, 0,
	                          0x10002000), 0, "receiver thread");
	/* it runs at 254 < 255: give it the CPU to block in Recv */
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 253);
	seL4_SetCap(0, ep_badged);
	seL4_SetCap(1, ntfn);
	seL4_Send(ep_badged, seL4_MessageInfo_new(5, 0, 2, 0));
	CHECK(seen[0] == 2 && seen[1] == 1, "extraCaps 2, capsUnwrapped 0x1 "
	      "(got %lu, 0x%lx)", (unsigned long)seen[0], (unsigned long)seen[1]);
	CHECK(seen[2] == 0x99, "unwrapped badge 0x99 in caps_or_badges[0]");
	CHECK(seen[3] == 6, "the notification cap in the receive slot");
	CHECK(seen[4] == 0x99 && seen[5] == 5, "badge and label");
	/* without Grant, no caps move */
	seL4_CNode_Mint(ROOT, no_grant, 64, ROOT, ep, 64,
	                seL4_CapRights_new(1, 0, 1, 1), 0x11);
	seL4_CNode_Delete(ROOT, recv_slot, 64);
	seen[0] = 9;
	CHECK_ERR(rt_thread_start(&waiter, ut, cap_receiver, 0, 254, 0,
	                          0x10003000), 0, "receiver thread again");
	seL4_SetCap(0, ntfn);
	seL4_Send(no_grant, seL4_MessageInfo_new(6, 0, 1, 0));
	CHECK(seen[0] == 0 && seen[3] == 0,
	      "without Grant: extraCaps 0, nothing received");
	CHECK(seen[4] == 0x11, "badge 0x11");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
}

static void nb_and_notifications(void)
{
	seL4_Word badge = 1;
	seL4_MessageInfo_t m;

	/* nobody receives: NBSend is dropped, NBRecv gets nothing */
	seL4_NBSend(ep_badged, seL4_MessageInfo_new(1, 0, 0, 0));
	m = seL4_NBRecv(ep, &badge);
	CHECK(badge == 0, "NBRecv with no sender: badge 0");
	(void)m;

	seL4_Signal(ntfn_b1);
	seL4_Signal(ntfn_b2);
	seL4_Poll(ntfn, &badge);
	CHECK(badge == 0x3, "two signals OR'ed: 0x%lx", (unsigned long)badge);
	seL4_Poll(ntfn, &badge);
	CHECK(badge == 0, "poll after that: 0");
	seL4_Signal(ntfn_b2);
	seL4_Wait(ntfn, &badge);
	CHECK(badge == 0x2, "wait on an active notification: 0x2");
}

static void bound_waiter(seL4_Word arg)
{
	seL4_Word badge;

	(void)arg;
	seL4_Recv(ep, &badge);          /* an endpoint receive ... */
	seen[6] = badge;                /* ... woken by the notification */
}

static void bound(void)
{
	seL4_CPtr tcb;

	CHECK_ERR(rt_thread_start(&waiter, ut, bound_waiter, 0, 254, 0,
	                          0x10004000), 0, "bound waiter");
	tcb = waiter.tcb;
	CHECK_ERR(seL4_TCB_BindNotification(tcb, ntfn), 0, "bind");
	CHECK_ERR(seL4_TCB_BindNotification(tcb, ntfn), seL4_IllegalOperation,
	          "bind again");
	CHECK_ERR(seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ntfn),
	          seL4_IllegalOperation, "bind a bound notification elsewhere");
	CHECK_ERR(seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ep),
	          seL4_InvalidCapability, "bind an endpoint");
	CHECK_MR(0, 1, "bind an endpoint");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 253);
	seen[6] = 0;
	seL4_Signal(ntfn_b2);
	CHECK(seen[6] == 2, "the bound thread woke from its endpoint Recv "
	      "with badge 0x%lx", (unsigned long)seen[6]);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK_ERR(seL4_TCB_UnbindNotification(tcb), 0, "unbind");
	CHECK_ERR(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation,
	          "unbind again");
}

/* A client calling through a cap without Grant/GrantReply. */
static void plain_caller(seL4_Word cap)
{
	seL4_Call(cap, seL4_MessageInfo_new(3, 0, 0, 0));
	seen[7] = 1;                    /* never: it stays inactive */
}

static void reply_rights(void)
{
	seL4_CPtr wo = rt_alloc_slot(), saved = rt_alloc_slot();
	seL4_Word badge;

	seL4_CNode_Mint(ROOT, wo, 64, ROOT, ep, 64, seL4_CanWrite, 0x5);
	seen[7] = 0;
	CHECK_ERR(rt_thread_start(&client, ut, plain_caller, wo, 254, 0,
	                          0x10005000), 0, "caller thread");
	seL4_Recv(ep, &badge);
	CHECK(badge == 0x5, "got the call");
	CHECK_ERR(seL4_CNode_SaveCaller(ROOT, saved, 64), 0, "SaveCaller");
	CHECK(seL4_DebugCapIdentify(saved) == 0,
	      "no reply cap for a Call without Grant or GrantReply");
	/* with GrantReply: a reply cap; SaveCaller moves it */
	seL4_CNode_Delete(ROOT, wo, 64);
	seL4_CNode_Mint(ROOT, wo, 64, ROOT, ep, 64,
	                seL4_CapRights_new(1, 0, 0, 1), 0x6);
	CHECK_ERR(rt_thread_start(&client, ut, plain_caller, wo, 254, 0,
	                          0x10006000), 0, "caller thread 2");
	seL4_Recv(ep, &badge);
	CHECK_ERR(seL4_CNode_SaveCaller(ROOT, saved, 64), 0, "SaveCaller");
	CHECK(seL4_DebugCapIdentify(saved) == 8, "a reply cap (tag 8)");
	seen[7] = 0;
	seL4_SetMR(0, 1);
	seL4_Send(saved, seL4_MessageInfo_new(0, 0, 0, 1));
	CHECK(seL4_DebugCapIdentify(saved) == 0, "used up by the reply");
}

static struct rt_thread s1, s2;

static void sender(seL4_Word cap)
{
	seL4_Send(cap, seL4_MessageInfo_new(1, 0, 0, 0));
}

/* Senders with the cancelled badge are restarted: they send again and
 * queue up behind the others. */
static void cancel_badged(void)
{
	seL4_CPtr c1 = rt_alloc_slot(), c2 = rt_alloc_slot();
	seL4_Word b1, b2;

	seL4_CNode_Mint(ROOT, c1, 64, ROOT, ep, 64, seL4_AllRights, 1);
	seL4_CNode_Mint(ROOT, c2, 64, ROOT, ep, 64, seL4_AllRights, 2);
	CHECK_ERR(rt_thread_start(&s1, ut, sender, c1, 254, 0, 0x10008000), 0,
	          "sender with badge 1");
	CHECK_ERR(rt_thread_start(&s2, ut, sender, c2, 254, 0, 0x10009000), 0,
	          "sender with badge 2");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 253);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT, c1, 64), 0,
	          "CancelBadgedSends badge 1");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 253);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	seL4_Recv(ep, &b1);
	seL4_Recv(ep, &b2);
	CHECK(b1 == 2 && b2 == 1, "badge 1 was cancelled and re-sent after "
	      "badge 2 (got %lu then %lu)", (unsigned long)b1, (unsigned long)b2);
}

static void delete_with_waiters(void)
{
	seL4_CPtr e2 = rt_alloc_slot();
	seL4_Word badge;

	seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, e2, 1);
	seen[8] = 0;
	CHECK_ERR(rt_thread_start(&waiter, ut, cap_receiver, 0, 254, 0,
	                          0x10007000), 0, "a waiter");
	seL4_DebugNameThread(waiter.tcb, "restarted-waiter");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 253);
	/* it now waits on ep; deleting ep's every cap restarts it, and its
	 * restarted Recv then faults (no cap): reported on the console */
	(void)badge;
	CHECK_ERR(seL4_CNode_Revoke(ROOT, ep, 64), 0, "revoke the endpoint");
	CHECK_ERR(seL4_CNode_Delete(ROOT, ep, 64), 0, "delete its last cap");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK(seL4_DebugCapIdentify(ep) == 0, "endpoint gone");
}

int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	ut = rt_find_untyped(22, 0, NULL);
	ep = rt_alloc_slot();
	ep_badged = rt_alloc_slot();
	ntfn = rt_alloc_slot();
	ntfn_b1 = rt_alloc_slot();
	ntfn_b2 = rt_alloc_slot();
	seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, ep, 1);
	seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, ROOT, 0, 0, ntfn, 1);
	seL4_CNode_Mint(ROOT, ep_badged, 64, ROOT, ep, 64, seL4_AllRights, 0x99);
	seL4_CNode_Mint(ROOT, ntfn_b1, 64, ROOT, ntfn, 64, seL4_AllRights, 1);
	seL4_CNode_Mint(ROOT, ntfn_b2, 64, ROOT, ntfn, 64, seL4_AllRights, 2);
	seL4_DebugNameThread(seL4_CapInitThreadTCB, "ipc-test");

	CHECK_ERR(rt_thread_start(&server, ut, echo_server, 0, 254, 0,
	                          0x10001000), 0, "echo server thread");
	seL4_DebugNameThread(server.tcb, "echo-server");
	calls();
	seL4_TCB_Suspend(server.tcb);
	cap_transfer();
	nb_and_notifications();
	bound();
	reply_rights();
	cancel_badged();
	delete_with_waiters();
	seL4_DebugDumpScheduler();
	return 0;
}
