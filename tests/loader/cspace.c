/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cspace.c: the component of cspace.cdl. Resolves caps through its
 * guarded two-level CSpace, checks that CPtrs with a wrong guard fail
 * with the guard the spec gave (CapFault GuardMismatch, sel4-abi-aarch64.md
 * §6.3, §8.2: MR3 = 4, MR4 bits left, MR5 the CNode cap's guard, MR6 its
 * guard size), and revokes the cdt parents: exactly their children go
 * (§10.2: a minted badged cap is the parent of the copies made from it).
 */
#include "lt.h"

#define GUARD 0x123456789ul /* root's guard, 36 bits */
#define R(s) (GUARD << 28 | (seL4_Word)(s) << 24)
#define L2(s) (GUARD << 28 | 1ul << 24 | 0x5ul << 8 | (seL4_Word)(s))
#define ROOT_CNODE L2(0x41) /* a lookup must end at a CNode cap with no bits left */
#define DEPTH 64

static void tag(seL4_Word cptr, const char *what, unsigned want)
{
	char buf[96];
	snprintf(buf, sizeof(buf), "cap type at 0x%lx (%s)", (unsigned long)cptr, what);
	LT_EQ(buf, seL4_DebugCapIdentify(cptr), want);
}

static void guard_fault(seL4_Word cptr, const char *what, seL4_Word bits_left, seL4_Word guard,
			seL4_Word guard_size)
{
	seL4_Word before = lt_fault.count;
	seL4_Call(cptr, seL4_MessageInfo_new(0, 0, 0, 0));
	if (!lt_ok(lt_fault.count - before == 1, "Call on 0x%lx (%s): faults", (unsigned long)cptr,
		   what))
		return;
	LT_EQ("  fault label (CapFault)", lt_fault.label, seL4_Fault_CapFault);
	LT_EQ("  fault badge", lt_fault.badge, 0xc5);
	LT_EQ("  MR1 Addr", lt_fault.mr[1], cptr);
	LT_EQ("  MR2 InRecvPhase", lt_fault.mr[2], 0);
	LT_EQ("  MR3 LookupFailureType (GuardMismatch)", lt_fault.mr[3], 4);
	LT_EQ("  MR4 bits left", lt_fault.mr[4], bits_left);
	LT_EQ("  MR5 guard of the CNode cap", lt_fault.mr[5], guard);
	LT_EQ("  MR6 guard size of the CNode cap", lt_fault.mr[6], guard_size);
}

static void test(void)
{
	seL4_Word badge;
	lt_name("cspace");
	tag(R(2), "root slot 2: main_tcb", 12);
	tag(R(3), "root slot 3: fault_ep", 4);
	tag(L2(0x10), "l2 slot 0x10: ep", 4);
	tag(L2(0x20), "l2 slot 0x20: parent ep", 4);
	tag(L2(0x21), "l2 slot 0x21: child ep", 4);
	tag(L2(0x22), "l2 slot 0x22: ep", 4);
	tag(L2(0x23), "l2 slot 0x23: masked child ep", 4);
	tag(L2(0x30), "l2 slot 0x30: parent ntfn", 6);
	tag(L2(0x31), "l2 slot 0x31: child ntfn", 6);
	tag(L2(0x32), "l2 slot 0x32: child ntfn", 6);
	tag(L2(0x40), "l2 slot 0x40: main_tcb", 12);
	tag(L2(0x41), "l2 slot 0x41: root", 10);
	tag(2, "no guard", 0);
	tag(L2(0x10) ^ 0x300, "l2 guard 0x6", 0);

	/* the caps work: signal through one child, wait on the other */
	seL4_Signal(L2(0x32));
	seL4_Poll(L2(0x31), &badge);
	LT_EQ("Signal l2 0x32, Poll l2 0x31: badge", badge, 3);

	/* wrong guards: the guards and sizes the spec gave */
	guard_fault(0x10, "no root guard", 64, GUARD, 36);
	guard_fault(L2(0x10) ^ 0x300, "l2 guard 0x6", 24, 0x5, 16);

	/* cdt: revoke the parents */
	LT_EQ("Revoke l2 0x20 (parent ep)", seL4_CNode_Revoke(ROOT_CNODE, L2(0x20), DEPTH), 0);
	tag(L2(0x20), "parent ep after the revoke", 4);
	tag(L2(0x21), "child ep after the revoke", 0);
	tag(L2(0x22), "ep (not a child) after the revoke", 4);
	tag(L2(0x23), "masked child ep after the revoke", 0);
	tag(L2(0x10), "other ep after the revoke", 4);
	LT_EQ("Revoke l2 0x30 (parent ntfn, cdt section)",
	      seL4_CNode_Revoke(ROOT_CNODE, L2(0x30), DEPTH), 0);
	tag(L2(0x30), "parent ntfn after the revoke", 6);
	tag(L2(0x31), "child ntfn after the revoke", 0);
	tag(L2(0x32), "child ntfn after the revoke", 0);
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	switch (role) {
	case 0:
		test();
		lt_stop(R(2));
	case 1:
		lt_fault_server(L2(0x11), L2(0x40));
	case 9:
		lt_finish();
	}
}
