/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * objects.c: the component of objects.cdl. Checks that every slot of its
 * CNode holds a cap of the kernel type the spec asks for (cap-type tags:
 * sel4-abi-aarch64.md §6.5) and uses each object: frames by address and
 * size, CNodes by their radix, untypeds by retyping them, the spec's ASID
 * pool by assigning to it, the IRQ handlers by acking them, and the three
 * control caps by making an IRQ handler, an ASID pool and setting its own
 * domain.
 */
#include "lt.h"

enum { TCB = 1, CNODE = 2, PGD = 3, PUD = 4, PD = 5, PT = 6, EP = 7, NTFN = 8, SMALL = 9,
       LARGE = 10, C1 = 11, C4 = 12, C12 = 13, UT12 = 14, UT16 = 15, POOL = 16,
       IRQ_LEVEL = 17, IRQ_EDGE = 18, IRQ_CONTROL = 19, ASID_CONTROL = 20, DOMAIN = 21,
       FIN_TCB = 22, FREE = 23 };
#define DEPTH 64 /* the CNode cap in slot 2 has guard size 58 + radix 6 */

/* kernel cap-type tags, sel4-abi-aarch64.md §6.5 */
enum { T_NULL = 0, T_FRAME = 1, T_UNTYPED = 2, T_PT = 3, T_EP = 4, T_NTFN = 6, T_VSPACE = 9,
       T_CNODE = 10, T_ASID_CONTROL = 11, T_TCB = 12, T_ASID_POOL = 13, T_IRQ_CONTROL = 14,
       T_IRQ_HANDLER = 16, T_DOMAIN = 20 };

static void tag(seL4_CPtr slot, const char *what, unsigned want)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "slot %lu (%s) cap type", (unsigned long)slot, what);
	LT_EQ(buf, seL4_DebugCapIdentify(slot), want);
}

/* A CNode of radix r: index 2^r - 1 at depth r is a slot; at depth r - 1
 * the lookup needs r bits and finds r - 1: FailedLookup, DepthMismatch
 * (MR1 = 3), bits left MR2 = r - 1, bits found MR3 = r (§5, §6.3). */
static void radix(seL4_CPtr cnode, unsigned r, const char *name)
{
	char buf[80];
	snprintf(buf, sizeof(buf), "Copy into %s slot %lu (depth %u)", name, (1ul << r) - 1, r);
	LT_EQ(buf, seL4_CNode_Copy(cnode, (1ul << r) - 1, (seL4_Uint8)r, CNODE, EP, DEPTH,
				   seL4_AllRights), 0);
	if (r < 2)
		return;
	snprintf(buf, sizeof(buf), "Copy into %s at depth %u", name, r - 1);
	LT_EQ(buf, seL4_CNode_Copy(cnode, 0, (seL4_Uint8)(r - 1), CNODE, EP, DEPTH, seL4_AllRights),
	      seL4_FailedLookup);
	LT_EQ("  MR1 (lookup failure DepthMismatch + 1)", seL4_GetMR(1), 3);
	LT_EQ("  MR2 (bits left)", seL4_GetMR(2), r - 1);
	LT_EQ("  MR3 (bits found = radix)", seL4_GetMR(3), r);
}

static void test(void)
{
	lt_name("objects");
	tag(TCB, "tcb", T_TCB);
	tag(FIN_TCB, "tcb", T_TCB);
	tag(CNODE, "cnode", T_CNODE);
	tag(PGD, "pgd", T_VSPACE);
	tag(PUD, "pud", T_PT);
	tag(PD, "pd", T_PT);
	tag(PT, "pt", T_PT);
	tag(EP, "ep", T_EP);
	tag(NTFN, "notification", T_NTFN);
	tag(SMALL, "frame 4k", T_FRAME);
	tag(LARGE, "frame 2M", T_FRAME);
	tag(C1, "cnode 1 bit", T_CNODE);
	tag(C4, "cnode 4 bits", T_CNODE);
	tag(C12, "cnode 12 bits", T_CNODE);
	tag(UT12, "ut 12 bits", T_UNTYPED);
	tag(UT16, "ut 16 bits", T_UNTYPED);
	tag(POOL, "asid_pool", T_ASID_POOL);
	tag(IRQ_LEVEL, "arm_irq level", T_IRQ_HANDLER);
	tag(IRQ_EDGE, "arm_irq edge", T_IRQ_HANDLER);
	tag(IRQ_CONTROL, "irq_control", T_IRQ_CONTROL);
	tag(ASID_CONTROL, "asid_control", T_ASID_CONTROL);
	tag(DOMAIN, "domain", T_DOMAIN);
	tag(FREE, "free", T_NULL);

	/* TCBs: the finisher has not run yet; its registers are the spec's */
	seL4_UserContext regs;
	LT_EQ("ReadRegisters of the finisher", seL4_TCB_ReadRegisters(FIN_TCB, 0, 0, 4, &regs), 0);
	LT_EQ("  finisher pc (spec ip)", regs.pc, 0x400000);
	LT_EQ("  finisher sp (spec sp)", regs.sp, 0x5f5000);
	LT_EQ("ReadRegisters of itself (IllegalOperation, §3.4)",
	      seL4_TCB_ReadRegisters(TCB, 0, 0, 4, &regs), seL4_IllegalOperation);

	/* frames: physical address aligned to the size; mapped where the spec says */
	seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(SMALL);
	LT_EQ("GetAddress of the 4k frame", a.error, 0);
	LT_EQ("  4k frame address mod 4 KiB", a.paddr & 0xfff, 0);
	a = seL4_ARM_Page_GetAddress(LARGE);
	LT_EQ("GetAddress of the 2M frame", a.error, 0);
	LT_EQ("  2M frame address mod 2 MiB", a.paddr & 0x1fffff, 0);
	volatile seL4_Word *small = (seL4_Word *)0x5ff000, *lo = (seL4_Word *)0x800000,
			   *hi = (seL4_Word *)(0x800000 + 0x200000 - 8);
	LT_EQ("4k frame at 0x5ff000 reads zero", small[0] | small[511], 0);
	LT_EQ("2M frame at 0x800000 reads zero (first and last word)", *lo | *hi, 0);
	*lo = 0x1111, *hi = 0x2222, small[3] = 0x3333;
	LT_EQ("2M frame: written words read back", *lo + *hi, 0x3333);

	/* notification: the badged cap signals its badge */
	seL4_Word badge = 0;
	seL4_Signal(NTFN);
	seL4_Poll(NTFN, &badge);
	LT_EQ("Signal + Poll on the notification (badge 8)", badge, 8);

	/* CNodes of 1, 4 and 12 bits */
	radix(C1, 1, "c1");
	radix(C4, 4, "c4");
	radix(C12, 12, "c12");

	/* untyped of 2^16 bytes: retype objects out of it */
	LT_EQ("Retype an endpoint from ut16", seL4_Untyped_Retype(UT16, seL4_EndpointObject, 0,
								   CNODE, 0, 0, FREE, 1), 0);
	tag(FREE, "endpoint from ut16", T_EP);
	LT_EQ("Retype two VSpaces from ut16", seL4_Untyped_Retype(UT16, seL4_ARM_VSpaceObject, 0,
								   CNODE, 0, 0, FREE + 1, 2), 0);
	LT_EQ("Retype 16 4k frames from ut16 (no room: NotEnoughMemory)",
	      seL4_Untyped_Retype(UT16, seL4_ARM_SmallPageObject, 0, CNODE, 0, 0, FREE + 3, 16),
	      seL4_NotEnoughMemory);

	/* the spec's ASID pool holds the component's own VSpace, and has room */
	LT_EQ("ASIDPool_Assign of its own pgd again (assigned: InvalidCapability)",
	      seL4_ARM_ASIDPool_Assign(POOL, PGD), seL4_InvalidCapability);
	LT_EQ("  MR0 (the VSpace cap)", seL4_GetMR(0), 1);
	LT_EQ("ASIDPool_Assign of a new VSpace to the spec's pool",
	      seL4_ARM_ASIDPool_Assign(POOL, FREE + 1), 0);

	/* asid_control + ut12: a new pool */
	LT_EQ("ASIDControl_MakePool from ut12",
	      seL4_ARM_ASIDControl_MakePool(ASID_CONTROL, UT12, CNODE, FREE + 3, DEPTH), 0);
	tag(FREE + 3, "pool made from ut12", T_ASID_POOL);
	LT_EQ("ASIDPool_Assign to the new pool", seL4_ARM_ASIDPool_Assign(FREE + 3, FREE + 2), 0);

	/* IRQ handlers: level (40) and edge (41) are taken, their caps work */
	LT_EQ("IRQHandler_Ack (level)", seL4_IRQHandler_Ack(IRQ_LEVEL), 0);
	LT_EQ("IRQHandler_Ack (edge)", seL4_IRQHandler_Ack(IRQ_EDGE), 0);
	LT_EQ("IRQControl_Get of IRQ 40, which the spec's handler holds (RevokeFirst)",
	      seL4_IRQControl_Get(IRQ_CONTROL, 40, CNODE, FREE + 4, DEPTH), seL4_RevokeFirst);
	LT_EQ("IRQControl_Get of IRQ 42", seL4_IRQControl_Get(IRQ_CONTROL, 42, CNODE, FREE + 4,
							       DEPTH), 0);
	tag(FREE + 4, "handler made for IRQ 42", T_IRQ_HANDLER);
	LT_EQ("IRQHandler_SetNotification (IRQ 42)",
	      seL4_IRQHandler_SetNotification(FREE + 4, NTFN), 0);

	/* domain */
	LT_EQ("DomainSet_Set(0) of its own TCB", seL4_DomainSet_Set(DOMAIN, 0, TCB), 0);
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	if (role == 9)
		lt_finish();
	test();
	lt_stop(TCB);
}
