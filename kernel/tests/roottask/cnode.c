/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cnode: CNode Copy, Mint, Move, Mutate, Rotate, Delete, Revoke,
 * SaveCaller, CancelBadgedSends; guards and depth addressing with every
 * lookup-failure detail; derivation rules; deleting final caps (reference
 * sections 5, 6 and 10.2).
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode

static seL4_CPtr ut;

static seL4_CPtr make(seL4_Word type, seL4_Word bits)
{
	seL4_CPtr s = rt_alloc_slot();
	seL4_Error e = seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, s, 1);

	if (e)
		printf("# retype of type %lu failed: %d\n", (unsigned long)type, e);
	return s;
}

static void lookups(void)
{
	seL4_CPtr ep = make(seL4_EndpointObject, 0);
	seL4_CPtr cn = make(seL4_CapTableObject, 4);
	seL4_CPtr gcn = rt_alloc_slot(), dst = rt_alloc_slot();
	seL4_Error e;

	e = seL4_CNode_Copy(ROOT, dst, 64, ROOT, rt_alloc_slot(), 64,
	                    seL4_AllRights);
	CHECK_ERR(e, seL4_FailedLookup, "copy from an empty slot");
	CHECK_MR(0, 1, "copy from an empty slot");
	CHECK_MR(1, 2, "copy from an empty slot");
	CHECK_MR(2, 64, "copy from an empty slot");
	e = seL4_CNode_Copy(ROOT, dst, 0, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_RangeError, "dest depth 0");
	CHECK_MR(0, 1, "dest depth 0");
	CHECK_MR(1, 64, "dest depth 0");
	e = seL4_CNode_Copy(ROOT, dst, 12, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_FailedLookup, "depth 12 through the root CNode");
	CHECK_MR(0, 0, "depth 12 through the root");
	CHECK_MR(1, 4, "depth 12 through the root: guard mismatch");
	CHECK_MR(2, 12, "depth 12 through the root: bits left");
	CHECK_MR(3, 0, "depth 12 through the root: guard found");
	CHECK_MR(4, 52, "depth 12 through the root: bits found");
	e = seL4_CNode_Copy(ROOT, dst, 64, ROOT, ep, 63, seL4_AllRights);
	CHECK_ERR(e, seL4_FailedLookup, "source depth 63");
	CHECK_MR(0, 1, "source depth 63 is on the source side");

	/* a CNode cap with guard 0x5a of 8 bits: radix 4, 12 bits a level */
	e = seL4_CNode_Mint(ROOT, gcn, 64, ROOT, cn, 64, seL4_AllRights,
	                    seL4_CNode_CapData_new(0x5a, 8).words[0]);
	CHECK_ERR(e, seL4_NoError, "mint a CNode cap with guard 0x5a/8");
	e = seL4_CNode_Copy(gcn, 0x5a3, 12, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_NoError, "copy through the guarded CNode");
	e = seL4_CNode_Copy(gcn, 0x4b3, 12, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_FailedLookup, "wrong guard");
	CHECK_MR(1, 4, "wrong guard: guard mismatch");
	CHECK_MR(2, 12, "wrong guard: bits left");
	CHECK_MR(3, 0x5a, "wrong guard: guard found");
	CHECK_MR(4, 8, "wrong guard: bits found");
	e = seL4_CNode_Copy(gcn, 0x5a, 8, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_FailedLookup, "depth 8 through guard 8 + radix 4");
	CHECK_MR(1, 3, "depth mismatch");
	CHECK_MR(2, 8, "depth mismatch: bits left");
	CHECK_MR(3, 12, "depth mismatch: bits found");
	e = seL4_CNode_Copy(gcn, 0x5a3, 12, ROOT, ep, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_DeleteFirst, "copy into an occupied slot");
	/* the child CNode is reached with its own cap, not through the root */
	e = seL4_CNode_Copy(ROOT, dst, 64, cn, 3, 4, seL4_AllRights);
	CHECK_ERR(e, seL4_NoError, "copy out of the child CNode");
	CHECK(seL4_DebugCapIdentify(dst) == 4, "it is the endpoint");
	/* Mutate a CNode cap: sets the guard */
	e = seL4_CNode_Mutate(ROOT, rt_alloc_slot(), 64, ROOT, gcn, 64,
	                      seL4_CNode_CapData_new(0, 60).words[0]);
	CHECK_ERR(e, seL4_NoError, "mutate a CNode cap to guard 60");
	CHECK(seL4_DebugCapIdentify(gcn) == 0, "mutate moved it");
	/* guard + radix > 64 */
	e = seL4_CNode_Mint(ROOT, rt_alloc_slot(), 64, ROOT, cn, 64,
	                    seL4_AllRights, 61);
	CHECK_ERR(e, seL4_IllegalOperation, "guard size 61 + radix 4");
}

static void badges_and_rights(void)
{
	seL4_CPtr ep = make(seL4_EndpointObject, 0);
	seL4_CPtr nt = make(seL4_NotificationObject, 0);
	seL4_CPtr b1 = rt_alloc_slot(), b2 = rt_alloc_slot();
	seL4_CPtr c1 = rt_alloc_slot(), c2 = rt_alloc_slot();
	seL4_CPtr ro = rt_alloc_slot(), x = rt_alloc_slot();
	seL4_MessageInfo_t tag;
	seL4_Error e;

	CHECK_ERR(seL4_CNode_Mint(ROOT, b1, 64, ROOT, ep, 64, seL4_AllRights,
	                          0x99), seL4_NoError, "mint badge 0x99");
	CHECK_ERR(seL4_CNode_Mint(ROOT, b2, 64, ROOT, b1, 64, seL4_AllRights,
	                          0x77), seL4_IllegalOperation,
	          "mint from a badged endpoint");
	CHECK_ERR(seL4_CNode_Copy(ROOT, c1, 64, ROOT, b1, 64, seL4_AllRights),
	          seL4_NoError, "copy the badged cap");
	CHECK_ERR(seL4_CNode_Mint(ROOT, b2, 64, ROOT, ep, 64, seL4_AllRights,
	                          0x55), seL4_NoError, "mint badge 0x55");
	CHECK_ERR(seL4_CNode_Copy(ROOT, c2, 64, ROOT, b2, 64, seL4_AllRights),
	          seL4_NoError, "copy that");
	e = seL4_CNode_Mutate(ROOT, x, 64, ROOT, ep, 64, 0);
	CHECK_ERR(e, seL4_IllegalOperation, "mutate an endpoint (badge 0)");
	e = seL4_CNode_Mutate(ROOT, x, 64, ROOT, nt, 64, 5);
	CHECK_ERR(e, seL4_IllegalOperation, "mutate a notification");
	e = seL4_CNode_Rotate(ROOT, x, 64, 0, ROOT, ep, 64, 0, ROOT, nt, 64);
	CHECK_ERR(e, seL4_IllegalOperation, "rotate endpoint caps");

	/* CancelBadgedSends rights */
	e = seL4_CNode_CancelBadgedSends(ROOT, b1, 64);
	CHECK_ERR(e, seL4_NoError, "CancelBadgedSends on an all-rights ep");
	CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT, ep, 64), seL4_NoError,
	          "CancelBadgedSends with badge 0 does nothing");
	CHECK_ERR(seL4_CNode_Copy(ROOT, ro, 64, ROOT, b1, 64, seL4_CanRead),
	          seL4_NoError, "read-only copy");
	CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT, ro, 64),
	          seL4_IllegalOperation, "CancelBadgedSends without all rights");
	CHECK_ERR(seL4_CNode_CancelBadgedSends(ROOT, nt, 64),
	          seL4_IllegalOperation, "CancelBadgedSends on a notification");
	/* a read-only endpoint cap cannot send: invoking it is an error */
	tag = seL4_Call(ro, seL4_MessageInfo_new(0, 0, 0, 0));
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_InvalidCapability,
	          "Call on a receive-only endpoint cap");
	CHECK_MR(0, 0, "Call on a receive-only endpoint cap");

	/* Revoke the original: every minted cap and copy goes */
	CHECK_ERR(seL4_CNode_Revoke(ROOT, ep, 64), seL4_NoError, "revoke");
	CHECK(seL4_DebugCapIdentify(b1) == 0 && seL4_DebugCapIdentify(b2) == 0 &&
	      seL4_DebugCapIdentify(c1) == 0 && seL4_DebugCapIdentify(c2) == 0 &&
	      seL4_DebugCapIdentify(ro) == 0,
	      "revoke deleted the badged caps and their copies");
	CHECK(seL4_DebugCapIdentify(ep) == 4, "but not the endpoint itself");
	/* Revoke a badged cap: only its copies */
	seL4_CNode_Mint(ROOT, b1, 64, ROOT, ep, 64, seL4_AllRights, 1);
	seL4_CNode_Copy(ROOT, c1, 64, ROOT, b1, 64, seL4_AllRights);
	seL4_CNode_Mint(ROOT, b2, 64, ROOT, ep, 64, seL4_AllRights, 2);
	CHECK_ERR(seL4_CNode_Revoke(ROOT, b1, 64), seL4_NoError,
	          "revoke a badged cap");
	CHECK(seL4_DebugCapIdentify(c1) == 0 && seL4_DebugCapIdentify(b1) == 4 &&
	      seL4_DebugCapIdentify(b2) == 4, "only its copy went");
}

static void moves_and_rotate(void)
{
	seL4_CPtr a = make(seL4_TCBObject, 0), b = make(seL4_CapTableObject, 2);
	seL4_CPtr c = rt_alloc_slot(), d = rt_alloc_slot();
	seL4_Error e;

	CHECK_ERR(seL4_CNode_Move(ROOT, c, 64, ROOT, a, 64), seL4_NoError,
	          "move");
	CHECK(seL4_DebugCapIdentify(a) == 0 && seL4_DebugCapIdentify(c) == 12,
	      "the source is empty, the destination holds the TCB");
	/* swap (src == dest): c <-> b through pivot b */
	e = seL4_CNode_Rotate(ROOT, c, 64, 0, ROOT, b, 64, 0, ROOT, c, 64);
	CHECK_ERR(e, seL4_NoError, "rotate with src == dest swaps");
	CHECK(seL4_DebugCapIdentify(c) == 10 && seL4_DebugCapIdentify(b) == 12,
	      "swapped");
	/* dest <- pivot, pivot <- src */
	e = seL4_CNode_Rotate(ROOT, d, 64, 0, ROOT, b, 64, 0, ROOT, c, 64);
	CHECK_ERR(e, seL4_NoError, "rotate into an empty dest");
	CHECK(seL4_DebugCapIdentify(d) == 12 && seL4_DebugCapIdentify(b) == 10 &&
	      seL4_DebugCapIdentify(c) == 0, "d=TCB, b=CNode, c empty");
	e = seL4_CNode_Rotate(ROOT, b, 64, 0, ROOT, b, 64, 0, ROOT, d, 64);
	CHECK_ERR(e, seL4_IllegalOperation, "pivot == dest");
	e = seL4_CNode_Rotate(ROOT, c, 64, 0, ROOT, d, 64, 0, ROOT, d, 64);
	CHECK_ERR(e, seL4_IllegalOperation, "pivot == src");
	e = seL4_CNode_Rotate(ROOT, d, 64, 0, ROOT, b, 64, 0, ROOT, a, 64);
	CHECK_ERR(e, seL4_DeleteFirst, "occupied dest");
	e = seL4_CNode_Rotate(ROOT, c, 64, 0, ROOT, b, 64, 0, ROOT, a, 64);
	CHECK_ERR(e, seL4_FailedLookup, "empty src");
	CHECK_MR(0, 1, "empty src is on the source side");
	CHECK_MR(2, 64, "empty src: bits left");
	e = seL4_CNode_Rotate(ROOT, c, 64, 0, ROOT, a, 64, 0, ROOT, d, 64);
	CHECK_ERR(e, seL4_FailedLookup, "empty pivot");
	CHECK_MR(0, 0, "empty pivot is not the source");
}

static void derivation(void)
{
	seL4_CPtr x = rt_alloc_slot(), pt = make(seL4_ARM_PageTableObject, 0);
	seL4_CPtr vs = make(seL4_ARM_VSpaceObject, 0);

	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, seL4_CapIRQControl, 64,
	                          seL4_AllRights), seL4_IllegalOperation,
	          "copy IRQControl");
	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, pt, 64, seL4_AllRights),
	          seL4_IllegalOperation, "copy an unmapped page table");
	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, vs, 64, seL4_AllRights),
	          seL4_IllegalOperation, "copy an unassigned VSpace");
	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, seL4_CapASIDControl, 64,
	                          seL4_AllRights), seL4_NoError,
	          "copy ASIDControl");
	CHECK_ERR(seL4_CNode_Delete(ROOT, x, 64), seL4_NoError, "delete it");
	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, seL4_CapDomain, 64,
	                          seL4_AllRights), seL4_NoError, "copy Domain");
	CHECK_ERR(seL4_CNode_Delete(ROOT, x, 64), seL4_NoError, "delete it");
	CHECK_ERR(seL4_CNode_Delete(ROOT, x, 64), seL4_NoError,
	          "delete an empty slot");
	CHECK_ERR(seL4_CNode_SaveCaller(ROOT, x, 64), seL4_NoError,
	          "SaveCaller without a reply cap");
	CHECK(seL4_DebugCapIdentify(x) == 0, "left the slot empty");
	CHECK_ERR(seL4_CNode_SaveCaller(ROOT, seL4_CapDomain, 64),
	          seL4_DeleteFirst, "SaveCaller into an occupied slot");
}

/* Deleting the last cap to a CNode deletes what it holds. */
static void final_delete(void)
{
	seL4_CPtr sub = rt_alloc_slot(), cn = rt_alloc_slot();
	seL4_CPtr ep = rt_alloc_slot(), fr = rt_alloc_slot();
	seL4_ARM_Page_GetAddress_t a0, a1;
	seL4_Error e;

	seL4_Untyped_Retype(ut, seL4_UntypedObject, 16, ROOT, 0, 0, sub, 1);
	seL4_Untyped_Retype(sub, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, fr, 1);
	a0 = seL4_ARM_Page_GetAddress(fr);
	seL4_CNode_Revoke(ROOT, sub, 64);
	e = seL4_Untyped_Retype(sub, seL4_CapTableObject, 2, ROOT, 0, 0, cn, 1);
	CHECK_ERR(e, seL4_NoError, "a CNode");
	seL4_Untyped_Retype(sub, seL4_EndpointObject, 0, ROOT, 0, 0, ep, 1);
	CHECK_ERR(seL4_CNode_Copy(cn, 1, 2, ROOT, ep, 64, seL4_AllRights),
	          seL4_NoError, "an endpoint copy inside it");
	CHECK_ERR(seL4_CNode_Delete(ROOT, cn, 64), seL4_NoError,
	          "delete the CNode's only cap");
	CHECK_ERR(seL4_CNode_Delete(ROOT, ep, 64), seL4_NoError,
	          "delete the endpoint");
	/* no children left: the untyped resets, a frame lands at its base */
	seL4_Untyped_Retype(sub, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, fr, 1);
	a1 = seL4_ARM_Page_GetAddress(fr);
	CHECK(a1.paddr == a0.paddr,
	      "the copy inside the CNode went with it (untyped reset)");
}

static void truncated(void)
{
	seL4_MessageInfo_t tag;
	seL4_Word m0 = 5, m1 = 64, m2 = 0, m3 = 0;

	tag = seL4_CallWithMRs(ROOT, seL4_MessageInfo_new(CNodeDelete, 0, 0, 1),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "CNode op with length 1");
	tag = seL4_CallWithMRs(ROOT, seL4_MessageInfo_new(UntypedRetype, 0, 0, 2),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_IllegalOperation,
	          "unknown label on a CNode");
	m0 = rt_alloc_slot();
	m1 = 64;
	tag = seL4_CallWithMRs(ROOT, seL4_MessageInfo_new(CNodeCopy, 0, 0, 5),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "Copy without the source root cap");
	m0 = rt_alloc_slot();
	m1 = 64;
	m2 = seL4_CapInitThreadTCB;
	m3 = 64;
	seL4_SetCap(0, ROOT);
	tag = seL4_CallWithMRs(ROOT, seL4_MessageInfo_new(CNodeCopy, 0, 1, 4),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "Copy without the rights word");
}

int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	ut = rt_find_untyped(20, 0, NULL);
	lookups();
	badges_and_rights();
	moves_and_rotate();
	derivation();
	final_delete();
	truncated();
	return 0;
}
