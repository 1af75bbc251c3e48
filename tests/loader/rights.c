/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rights.c: the threads of rights.cdl. The main thread uses each of its
 * endpoint and notification caps and checks what the rights the spec gave
 * them allow (sel4-abi-aarch64.md §1.2, §2.2, §6.1, §6.4, §8):
 *   no W: Call gets the error reply InvalidCapability, MR0 = 0;
 *   no R: Recv/Wait raises a CapFault (InRecvPhase 1, MissingCapability);
 *   W: the receiver gets the message and the cap's badge;
 *   G: a cap sent along is transferred; without G it is not;
 *   P (or G): Call gives the receiver a reply cap; W alone gives none.
 */
#include "lt.h"

enum { MAIN_TCB = 1, CNODE = 2, FAULT_EP_W = 3, FAULT_EP_R = 4, EP_R = 5, EP_W = 6,
       EP_WG = 7, EP_WP = 8, EP_ALL = 9, EP_MASK_R = 10, EP_MASK_WP = 11, EP_G = 12,
       NTFN_W = 13, NTFN_R = 14, NTFN_WIDE = 15, PAYLOAD = 16, CALLER_TCB = 17,
       RECV_SLOT = 30, REPLY_SLOT = 31 };
#define DEPTH 64

/* what the receiver saw last */
static volatile struct {
	seL4_Word count, badge, label, len, extra, mr0, recv_tag, reply_tag;
} rx;

static void receiver(void)
{
	lt_name("receiver");
	seL4_SetCapReceivePath(CNODE, RECV_SLOT, DEPTH);
	for (;;) {
		seL4_Word badge;
		seL4_MessageInfo_t m = seL4_Recv(EP_R, &badge);
		rx.badge = badge;
		rx.label = seL4_MessageInfo_get_label(m);
		rx.len = seL4_MessageInfo_get_length(m);
		rx.extra = seL4_MessageInfo_get_extraCaps(m);
		rx.mr0 = seL4_GetMR(0);
		rx.recv_tag = seL4_DebugCapIdentify(RECV_SLOT);
		seL4_CNode_Delete(CNODE, RECV_SLOT, DEPTH);
		seL4_CNode_SaveCaller(CNODE, REPLY_SLOT, DEPTH);
		rx.reply_tag = seL4_DebugCapIdentify(REPLY_SLOT);
		rx.count++;
		if (rx.reply_tag) {
			seL4_SetMR(0, rx.mr0 + 1);
			seL4_Send(REPLY_SLOT, seL4_MessageInfo_new(0, 0, 0, 1));
		}
		seL4_CNode_Delete(CNODE, REPLY_SLOT, DEPTH);
	}
}

/* A Call on a cap without W (§1.2, §5): the error reply. */
static void call_refused(seL4_CPtr cap, const char *what)
{
	char buf[96];
	seL4_Word before = rx.count;
	seL4_SetMR(0, 0x55);
	seL4_MessageInfo_t r = seL4_Call(cap, seL4_MessageInfo_new(0, 0, 0, 1));
	snprintf(buf, sizeof(buf), "Call on %s: error", what);
	LT_EQ(buf, seL4_MessageInfo_get_label(r), seL4_InvalidCapability);
	LT_EQ("  MR0 (the invoked cap)", seL4_GetMR(0), 0);
	LT_EQ("  messages the receiver got", rx.count - before, 0);
}

/* A receive on a cap without R: CapFault, InRecvPhase 1 (§1.2, §8.2). */
static void recv_faults(seL4_CPtr cap, const char *what, int blocking)
{
	char buf[96];
	seL4_Word before = lt_fault.count, badge;
	if (blocking)
		seL4_Wait(cap, &badge);
	else
		seL4_NBRecv(cap, &badge);
	snprintf(buf, sizeof(buf), "%s on %s: faults", blocking ? "Wait" : "NBRecv", what);
	LT_EQ(buf, lt_fault.count - before, 1);
	LT_EQ("  fault label (CapFault)", lt_fault.label, seL4_Fault_CapFault);
	LT_EQ("  fault badge (main's fault_ep cap)", lt_fault.badge, 0xfa);
	LT_EQ("  MR1 Addr (the CPtr)", lt_fault.mr[1], cap);
	LT_EQ("  MR2 InRecvPhase", lt_fault.mr[2], 1);
	LT_EQ("  MR3 LookupFailureType (MissingCapability)", lt_fault.mr[3], 2);
}

/* Send on cap (with the payload cap offered); what the receiver saw. */
static void send(seL4_CPtr cap, int call, const char *what, seL4_Word badge, seL4_Word extra,
		 seL4_Word reply)
{
	char buf[96];
	seL4_Word before = rx.count;
	seL4_SetMR(0, cap);
	seL4_SetCap(0, PAYLOAD);
	seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 1, 1), r;
	if (call)
		r = seL4_Call(cap, info);
	else
		seL4_Send(cap, info);
	snprintf(buf, sizeof(buf), "%s on %s: messages received", call ? "Call" : "Send", what);
	LT_EQ(buf, rx.count - before, 1);
	LT_EQ("  receiver's badge", rx.badge, badge);
	LT_EQ("  receiver's MR0", rx.mr0, cap);
	LT_EQ("  caps transferred (extraCaps)", rx.extra, extra);
	LT_EQ("  receive slot cap type (notification 6 if transferred)", rx.recv_tag,
	      extra ? 6 : 0);
	LT_EQ("  reply cap type after SaveCaller (reply 8 if any)", rx.reply_tag, reply);
	if (call) {
		LT_EQ("  reply label", seL4_MessageInfo_get_label(r), 0);
		LT_EQ("  reply MR0 (MR0 + 1)", seL4_GetMR(0), cap + 1);
	}
}

static void test(void)
{
	lt_name("rights");
	/* endpoints */
	call_refused(EP_G, "ep (G)");
	call_refused(EP_MASK_R, "<all> (masked: R)");
	call_refused(EP_R, "ep (R)");
	recv_faults(EP_W, "ep (W)", 0);
	recv_faults(EP_G, "ep (G)", 0);
	seL4_Word badge = 0x77, faults = lt_fault.count;
	seL4_NBRecv(EP_MASK_R, &badge);
	LT_EQ("NBRecv on <all> (masked: R): faults", lt_fault.count - faults, 0);
	LT_EQ("  badge (nothing pending)", badge, 0);
	send(EP_W, 0, "ep (W, badge 0x61)", 0x61, 0, 0);
	send(EP_WG, 0, "ep (W G, badge 0x62)", 0x62, 1, 0);
	send(EP_WP, 1, "ep (W P, badge 0x63)", 0x63, 0, 8);
	send(EP_ALL, 1, "ep (RWGP)", 0, 1, 8);
	send(EP_MASK_WP, 1, "<all> (masked: W P)", 0, 0, 8);
	/* a Call on a W-only cap: the caller gets no reply cap and stays
	 * stopped (§1.2); the caller thread does it, main watches */
	seL4_Word before = rx.count;
	LT_EQ("Resume of the caller thread (resume: False)", seL4_TCB_Resume(CALLER_TCB), 0);
	LT_EQ("  the caller's Call on ep (W) reached the receiver", rx.count - before, 1);
	LT_EQ("  receiver's badge", rx.badge, 0x61);
	LT_EQ("  reply cap type after SaveCaller (none)", rx.reply_tag, 0);

	/* notifications */
	call_refused(NTFN_R, "notification (R)");
	recv_faults(NTFN_W, "notification (W)", 1);
	seL4_Signal(NTFN_W);
	seL4_Poll(NTFN_R, &badge);
	LT_EQ("Signal (W, badge 1), Poll (R): badge", badge, 1);
	seL4_Signal(NTFN_WIDE);
	seL4_Poll(NTFN_R, &badge);
	LT_EQ("Signal (W, 64-bit badge), Poll (R): badge", badge, 0x123456789abcdef0);
	seL4_Signal(NTFN_W);
	seL4_Signal(NTFN_WIDE);
	seL4_Poll(NTFN_R, &badge);
	LT_EQ("both signalled: badge (OR)", badge, 0x123456789abcdef1);
	seL4_Poll(NTFN_R, &badge);
	LT_EQ("Poll again: nothing pending", badge, 0);
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	switch (role) {
	case 0:
		test();
		lt_stop(MAIN_TCB);
	case 1:
		lt_fault_server(FAULT_EP_R, MAIN_TCB);
	case 2:
		receiver();
		break;
	case 3: /* stays stopped after its Call (no reply cap) */
		seL4_SetMR(0, 0xca11);
		seL4_Call(EP_W, seL4_MessageInfo_new(0, 0, 0, 1));
		printf("not ok - rights: the Call on ep (W) returned\n");
		lt_stop(CALLER_TCB);
	case 9:
		lt_finish();
	}
}
