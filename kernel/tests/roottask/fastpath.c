/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fastpath: the IPC fast path (src/fastpath.c) gives the same results as
 * the general path, is taken when it should be, and is not taken when
 * the general path would do something else.  Booted with "user_counters":
 * PMCCNTR_EL0 counts instructions (QEMU -icount shift=0), so a round trip
 * on the fast path (about 600) is told from one on the general path
 * (over 2000).
 *
 *   * Call/ReplyRecv with 0..4 words, badges and labels: fast, correct;
 *     5 words, or an extra cap: general path, still correct;
 *   * a two-level guarded CSpace: the fast lookup finds the endpoint;
 *   * Call to a receiver of lower priority than a ready thread: the
 *     ready thread runs first (general path);
 *   * ReplyRecv to a caller of lower priority than a ready thread: the
 *     ready thread runs first;
 *   * ReplyRecv with a sender already queued: it is received at once;
 *   * ReplyRecv with a pending signal on the bound notification: the
 *     signal is received.
 */
#include <rt.h>

#define ROOT  seL4_CapInitThreadCNode
#define SLOW  1500            /* instructions per round trip */

static seL4_CPtr ut, ep, ep_badged, ep2, ntfn, go;
static struct rt_thread server, other, client, client2;
static volatile char log[16];
static volatile int nlog;
static volatile seL4_Word result[8];

static inline seL4_Word pmccntr(void)
{
	seL4_Word v;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(v) : : "memory");
	return v;
}

static void note(char c)
{
	if (nlog < (int)sizeof(log) - 1) {
		log[nlog++] = c;
		log[nlog] = 0;
	}
}

static seL4_CPtr obj(seL4_Word type, seL4_Word bits)
{
	seL4_CPtr s = rt_alloc_slot();

	seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, s, 1);
	return s;
}

/* Echo: label + 1, each MR + 1, MR0 = the badge; notes 'S'. */
static void echo(seL4_Word arg)
{
	seL4_Word badge;
	seL4_MessageInfo_t m = seL4_Recv(ep, &badge);

	(void)arg;
	for (;;) {
		seL4_Word len = seL4_MessageInfo_get_length(m);

		note('S');
		for (seL4_Word i = 1; i < len; i++)
			seL4_SetMR((int)i, seL4_GetMR((int)i) + 1);
		if (len)
			seL4_SetMR(0, badge);
		m = seL4_ReplyRecv(ep, seL4_MessageInfo_new(
		        seL4_MessageInfo_get_label(m) + 1, 0, 0, len), &badge);
	}
}

/* Runs when it can: notes 'B' each time it is woken. */
static void bystander(seL4_Word arg)
{
	(void)arg;
	for (;;) {
		seL4_Wait(go, NULL);
		note('B');
	}
}

/* Instructions per Call of a message of len words on cap. */
static seL4_Word per_call(seL4_CPtr cap, seL4_Word len, seL4_Word extra)
{
	seL4_Word p0, p1;

	p0 = pmccntr();
	for (int i = 0; i < 20; i++)
		seL4_Call(cap, seL4_MessageInfo_new(1, 0, extra, len));
	p1 = pmccntr();
	return (p1 - p0) / 20;
}

static void same_results(void)
{
	seL4_MessageInfo_t m;
	seL4_Word n;
	int ok = 1;

	for (seL4_Word len = 0; len <= 5; len++) {
		for (int i = 0; i < 6; i++)
			seL4_SetMR(i, 0x100 + i);
		m = seL4_Call(ep_badged, seL4_MessageInfo_new(0x40 + len, 0, 0, len));
		ok &= seL4_MessageInfo_get_label(m) == 0x41 + len &&
		      seL4_MessageInfo_get_length(m) == len &&
		      seL4_MessageInfo_get_extraCaps(m) == 0;
		if (len)
			ok &= seL4_GetMR(0) == 0x77;
		for (seL4_Word i = 1; i < len; i++)
			ok &= seL4_GetMR((int)i) == 0x101 + i;
	}
	CHECK(ok, "Call with 0..5 words: labels, lengths, badge, MRs right");
	n = per_call(ep_badged, 0, 0);
	CHECK(n < SLOW, "0 words: fast path (%lu instructions per round trip)",
	      (unsigned long)n);
	n = per_call(ep_badged, 4, 0);
	CHECK(n < SLOW, "4 words: fast path (%lu)", (unsigned long)n);
	n = per_call(ep_badged, 5, 0);
	CHECK(n > SLOW, "5 words: general path (%lu)", (unsigned long)n);
	seL4_SetCap(0, ep);
	n = per_call(ep_badged, 1, 1);
	CHECK(n > SLOW, "an extra cap: general path (%lu)", (unsigned long)n);
	m = seL4_Call(ep_badged, seL4_MessageInfo_new(9, 0, 1, 1));
	CHECK(seL4_MessageInfo_get_label(m) == 10 && seL4_GetMR(0) == 0x77,
	      "with an extra cap the call still works");
}

/* A client with a two-level guarded CSpace: A (guard 0x2a in 6 bits, 4
 * slots) -> slot 1: B (52-bit guard 0, 16 slots) -> slot 3: the badged
 * endpoint. */
#define TWO_LEVEL_CPTR ((0x2aul << 58) | (1ul << 56) | 3)
#define TWO_LEVEL_NTFN ((0x2aul << 58) | (1ul << 56) | 4)

static void two_level_client(seL4_Word arg)
{
	seL4_MessageInfo_t m;
	seL4_Word p0, p1;

	(void)arg;
	seL4_SetMR(0, 5);
	m = seL4_Call(TWO_LEVEL_CPTR, seL4_MessageInfo_new(3, 0, 0, 2));
	result[0] = seL4_MessageInfo_get_label(m);
	result[1] = seL4_GetMR(0);
	p0 = pmccntr();
	for (int i = 0; i < 20; i++)
		seL4_Call(TWO_LEVEL_CPTR, seL4_MessageInfo_new(0, 0, 0, 0));
	p1 = pmccntr();
	result[2] = (p1 - p0) / 20;
	result[3] = 1;
	for (;;)
		seL4_Wait(TWO_LEVEL_NTFN, NULL);
}

static void two_level(void)
{
	seL4_CPtr a = obj(seL4_CapTableObject, 2), b = obj(seL4_CapTableObject, 4);

	seL4_CNode_Mint(a, 1, 2, ROOT, b, 64, seL4_AllRights,
	                seL4_CNode_CapData_new(0, 52).words[0]);
	seL4_CNode_Copy(b, 3, 4, ROOT, ep_badged, 64, seL4_AllRights);
	seL4_CNode_Copy(b, 4, 4, ROOT, go, 64, seL4_AllRights);
	CHECK_ERR(rt_thread_start(&client, ut, two_level_client, 0, 255, 0,
	                          0x10003000), 0, "client thread");
	seL4_TCB_Suspend(client.tcb);
	CHECK_ERR(seL4_TCB_SetSpace(client.tcb, 0, a,
	                            seL4_CNode_CapData_new(0x2a, 6).words[0],
	                            seL4_CapInitThreadVSpace, 0), 0,
	          "its two-level CSpace");
	seL4_TCB_Resume(client.tcb);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK(result[3] == 1 && result[0] == 4 && result[1] == 0x77,
	      "two-level lookup: the badged endpoint answered");
	CHECK(result[2] < SLOW, "two-level lookup on the fast path (%lu)",
	      (unsigned long)result[2]);
	seL4_TCB_Suspend(client.tcb);
}

/* Call to a server of priority 100 while a thread of priority 200 is
 * ready: that thread runs first. */
static void call_priority(void)
{
	seL4_TCB_SetPriority(server.tcb, seL4_CapInitThreadTCB, 100);
	nlog = 0;
	seL4_Call(ep_badged, seL4_MessageInfo_new(0, 0, 0, 0));
	CHECK(nlog == 1 && log[0] == 'S', "(server at 100 answers)");
	nlog = 0;
	seL4_Signal(go);        /* the bystander (200) is ready, not running */
	seL4_Call(ep_badged, seL4_MessageInfo_new(0, 0, 0, 0));
	CHECK(nlog == 2 && log[0] == 'B' && log[1] == 'S',
	      "Call to a lower-priority receiver: the ready thread ran first "
	      "(%s)", log);
	seL4_TCB_SetPriority(server.tcb, seL4_CapInitThreadTCB, 255);
}

/* We are the server; clients Call us. */
static void calling_client(seL4_Word tag)
{
	seL4_Call(ep2, seL4_MessageInfo_new(tag, 0, 0, 0));
	note((char)tag);
	for (;;)
		seL4_Call(ep2, seL4_MessageInfo_new(tag, 0, 0, 0));
}

static void reply_recv_cases(void)
{
	seL4_MessageInfo_t m;
	seL4_Word badge;

	/* ep2: the echo server is not on it; we serve it */
	seL4_TCB_Suspend(server.tcb);
	CHECK_ERR(rt_thread_start(&client, ut, calling_client, 'C', 100, 0,
	                          0x10004000), 0, "client at 100");
	m = seL4_Recv(ep2, &badge);
	CHECK(seL4_MessageInfo_get_label(m) == 'C', "its call arrived");
	/* a ready thread at 200: the reply to the caller at 100 must not
	 * pass it */
	nlog = 0;
	seL4_Signal(go);
	m = seL4_ReplyRecv(ep2, seL4_MessageInfo_new(0, 0, 0, 0), &badge);
	CHECK(nlog == 2 && log[0] == 'B' && log[1] == 'C',
	      "ReplyRecv to a lower-priority caller: the ready thread ran "
	      "first (%s)", log);
	CHECK(seL4_MessageInfo_get_label(m) == 'C', "its next call arrived");
	/* now its next call is here: a second client queues behind */
	CHECK_ERR(rt_thread_start(&client2, ut, calling_client, 'D', 100, 0,
	                          0x10005000), 0, "second client at 100");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	/* (its Call is queued: we did not wait) */
	m = seL4_ReplyRecv(ep2, seL4_MessageInfo_new(0, 0, 0, 0), &badge);
	CHECK(seL4_MessageInfo_get_label(m) == 'D',
	      "ReplyRecv with a sender queued receives it at once");
	/* a pending signal on our bound notification */
	CHECK_ERR(seL4_TCB_BindNotification(seL4_CapInitThreadTCB, ntfn), 0,
	          "bind a notification to us");
	seL4_Signal(ntfn);
	m = seL4_ReplyRecv(ep2, seL4_MessageInfo_new(0, 0, 0, 0), &badge);
	CHECK(badge == 0x5, "ReplyRecv with a pending signal gets the signal "
	      "(badge 0x%lx)", (unsigned long)badge);
	seL4_TCB_UnbindNotification(seL4_CapInitThreadTCB);
	seL4_TCB_Suspend(client.tcb);
	seL4_TCB_Suspend(client2.tcb);
}

int rt_main(seL4_BootInfo *bi)
{
	seL4_CPtr n = rt_alloc_slot();

	(void)bi;
	ut = rt_find_untyped(22, 0, NULL);
	ep = obj(seL4_EndpointObject, 0);
	ep_badged = rt_alloc_slot();
	ep2 = obj(seL4_EndpointObject, 0);
	ntfn = rt_alloc_slot();
	n = obj(seL4_NotificationObject, 0);
	go = obj(seL4_NotificationObject, 0);
	seL4_CNode_Mint(ROOT, ep_badged, 64, ROOT, ep, 64, seL4_AllRights, 0x77);
	seL4_CNode_Mint(ROOT, ntfn, 64, ROOT, n, 64, seL4_AllRights, 0x5);
	CHECK_ERR(rt_thread_start(&server, ut, echo, 0, 255, 0, 0x10001000), 0,
	          "echo server at 255");
	CHECK_ERR(rt_thread_start(&other, ut, bystander, 0, 200, 0, 0x10002000),
	          0, "bystander at 200");
	same_results();
	two_level();
	call_priority();
	reply_recv_cases();
	return 0;
}
