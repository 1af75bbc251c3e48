/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * untyped: Untyped_Retype (reference sections 5 and 10.1): placement,
 * alignment waste, reset when the untyped has no children, device rules,
 * many objects per call, and every error path with its MRs.
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode

static seL4_Error retype(seL4_CPtr ut, seL4_Word type, seL4_Word bits,
                         seL4_CPtr slot, seL4_Word n)
{
	return seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, slot, n);
}

static seL4_Word paddr_of(seL4_CPtr frame)
{
	seL4_ARM_Page_GetAddress_t r = seL4_ARM_Page_GetAddress(frame);

	return r.error ? ~0ul : r.paddr;
}

static void errors(seL4_CPtr ut, seL4_CPtr slot)
{
	seL4_Error e;
	seL4_MessageInfo_t tag;
	seL4_Word mr0 = 7, mr1 = 1, mr2 = 0, mr3 = 0;

	e = retype(ut, seL4_EndpointObject, 0, slot, 0);
	CHECK_ERR(e, seL4_RangeError, "n = 0");
	CHECK_MR(0, 1, "n = 0");
	CHECK_MR(1, 256, "n = 0");
	e = retype(ut, seL4_EndpointObject, 0, slot, 257);
	CHECK_ERR(e, seL4_RangeError, "n = 257");
	e = retype(ut, seL4_CapTableObject, 0, slot, 1);
	CHECK_ERR(e, seL4_InvalidArgument, "CapTable of size 0");
	CHECK_MR(0, 1, "CapTable of size 0");
	e = retype(ut, 99, 0, slot, 1);
	CHECK_ERR(e, seL4_InvalidArgument, "type 99");
	CHECK_MR(0, 0, "type 99");
	e = retype(ut, seL4_ObjectTypeCount, 0, slot, 1);
	CHECK_ERR(e, seL4_InvalidArgument, "type ObjectTypeCount");
	e = retype(ut, seL4_UntypedObject, 48, slot, 1);
	CHECK_ERR(e, seL4_RangeError, "untyped of 48 bits");
	CHECK_MR(0, 0, "untyped of 48 bits");
	CHECK_MR(1, 47, "untyped of 48 bits");
	e = retype(ut, seL4_UntypedObject, 3, slot, 1);
	CHECK_ERR(e, seL4_InvalidArgument, "untyped of 3 bits");
	CHECK_MR(0, 1, "untyped of 3 bits");
	e = retype(ut, seL4_CapTableObject, 64, slot, 1);
	CHECK_ERR(e, seL4_RangeError, "size_bits 64");
	e = retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadTCB, 1);
	CHECK_ERR(e, seL4_DeleteFirst, "retype into an occupied slot");
	e = retype(ut, seL4_EndpointObject, 0, 4096, 1);
	CHECK_ERR(e, seL4_RangeError, "offset 4096");
	CHECK_MR(0, 0, "offset 4096");
	CHECK_MR(1, 4095, "offset 4096");
	e = retype(ut, seL4_EndpointObject, 0, 4090, 7);
	CHECK_ERR(e, seL4_RangeError, "window past the CNode end");
	CHECK_MR(0, 1, "window past the CNode end");
	CHECK_MR(1, 6, "window past the CNode end");
	/* node_depth != 0: the destination must be a CNode */
	e = seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT,
	                        seL4_CapInitThreadTCB, 64, 0, 1);
	CHECK_ERR(e, seL4_FailedLookup, "destination not a CNode");
	CHECK_MR(0, 0, "destination not a CNode");
	CHECK_MR(1, seL4_MissingCapability, "destination not a CNode");
	CHECK_MR(2, 64, "destination not a CNode");
	e = seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 5, 65, 0, 1);
	CHECK_ERR(e, seL4_RangeError, "node depth 65");
	CHECK_MR(0, 1, "node depth 65");
	CHECK_MR(1, 64, "node depth 65");
	/* wrong label, short message, missing extra cap */
	tag = seL4_MessageInfo_new(CNodeCopy, 0, 0, 0);
	tag = seL4_CallWithMRs(ut, tag, &mr0, &mr1, &mr2, &mr3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_IllegalOperation,
	          "CNode label on an untyped");
	CHECK(seL4_MessageInfo_get_length(tag) == 0, "IllegalOperation has no MRs");
	seL4_SetCap(0, ROOT);
	tag = seL4_MessageInfo_new(UntypedRetype, 0, 1, 5);
	tag = seL4_CallWithMRs(ut, tag, &mr0, &mr1, &mr2, &mr3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "retype with 5 words");
	tag = seL4_MessageInfo_new(UntypedRetype, 0, 0, 6);
	seL4_SetMR(4, slot);
	seL4_SetMR(5, 1);
	mr0 = seL4_EndpointObject;
	mr1 = 0;
	tag = seL4_CallWithMRs(ut, tag, &mr0, &mr1, &mr2, &mr3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "retype without the root cap");
	/* invoking an empty slot */
	e = retype(slot, seL4_EndpointObject, 0, slot, 1);
	CHECK_ERR(e, seL4_InvalidCapability, "invoking an empty slot");
	CHECK_MR(0, 0, "invoking an empty slot");
}

int rt_main(seL4_BootInfo *bi)
{
	seL4_Word big_pa, dev_pa;
	seL4_CPtr big = rt_find_untyped(20, 0, &big_pa);
	seL4_CPtr dev = rt_find_untyped(16, 1, &dev_pa);
	seL4_CPtr ut = rt_alloc_slot(), s[8];
	seL4_Word base;
	seL4_Error e;

	(void)bi;
	for (int i = 0; i < 8; i++)
		s[i] = rt_alloc_slot();
	CHECK(big != 0, "a RAM untyped of at least 1 MiB: slot %lu",
	      (unsigned long)big);
	errors(big, s[0]);

	/* a 64 KiB child: endpoint, frame, endpoint, frame */
	e = retype(big, seL4_UntypedObject, 16, ut, 1);
	CHECK_ERR(e, seL4_NoError, "retype a 64 KiB untyped");
	CHECK(seL4_DebugCapIdentify(ut) == 2, "it is an untyped cap");
	CHECK_ERR(retype(ut, seL4_EndpointObject, 0, s[0], 1), seL4_NoError,
	          "endpoint");
	CHECK_ERR(retype(ut, seL4_ARM_SmallPageObject, 0, s[1], 1),
	          seL4_NoError, "frame");
	CHECK_ERR(retype(ut, seL4_EndpointObject, 0, s[2], 1), seL4_NoError,
	          "endpoint");
	CHECK_ERR(retype(ut, seL4_ARM_SmallPageObject, 0, s[3], 1),
	          seL4_NoError, "frame");
	base = paddr_of(s[1]) - 0x1000;
	CHECK((base & 0xffff) == 0, "untyped base 0x%lx is 64 KiB aligned",
	      (unsigned long)base);
	CHECK(paddr_of(s[3]) == base + 0x3000,
	      "second frame at +0x3000 (alignment gap wasted)");
	/* 0xc000 left */
	e = retype(ut, seL4_ARM_SmallPageObject, 0, s[4], 13);
	CHECK_ERR(e, seL4_NotEnoughMemory, "13 pages in 48 KiB");
	CHECK_MR(0, 0xc000, "NotEnoughMemory free bytes");
	/* copying an untyped with children */
	e = seL4_CNode_Copy(ROOT, s[4], 64, ROOT, ut, 64, seL4_AllRights);
	CHECK_ERR(e, seL4_RevokeFirst, "copy of an untyped with children");

	/* revoke: children gone, the next retype starts at 0 again */
	CHECK_ERR(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError, "revoke");
	CHECK(seL4_DebugCapIdentify(s[0]) == 0 && seL4_DebugCapIdentify(s[3]) == 0,
	      "revoke deleted the children");
	CHECK_ERR(retype(ut, seL4_ARM_SmallPageObject, 0, s[0], 1),
	          seL4_NoError, "frame after revoke");
	CHECK(paddr_of(s[0]) == base, "placed at the base again");
	CHECK_ERR(seL4_CNode_Delete(ROOT, s[0], 64), seL4_NoError, "delete it");
	/* many objects per call */
	{
		seL4_CPtr first = rt_alloc_slot();

		for (int i = 1; i < 256; i++)
			rt_alloc_slot();
		e = retype(ut, seL4_EndpointObject, 0, first, 256);
		CHECK_ERR(e, seL4_NoError, "256 endpoints in one call");
		CHECK(seL4_DebugCapIdentify(first) == 4 &&
		      seL4_DebugCapIdentify(first + 255) == 4,
		      "slots %lu..%lu hold endpoints", (unsigned long)first,
		      (unsigned long)first + 255);
		CHECK_ERR(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError,
		          "revoke the 256");
		CHECK(seL4_DebugCapIdentify(first + 255) == 0, "all gone");
	}
	/* a zeroed frame after a reset: write, revoke, get it again */
	{
		seL4_CPtr vs = seL4_CapInitThreadVSpace;
		volatile seL4_Word *p = (void *)0x10000000;
		seL4_CPtr pt[3] = { rt_alloc_slot(), rt_alloc_slot(), rt_alloc_slot() };

		CHECK_ERR(retype(big, seL4_ARM_PageTableObject, 0, pt[0], 3),
		          seL4_NoError, "3 page tables");
		for (int i = 0; i < 3; i++)
			seL4_ARM_PageTable_Map(pt[i], vs, (seL4_Word)p,
			                       seL4_ARM_Default_VMAttributes);
		CHECK_ERR(retype(ut, seL4_ARM_SmallPageObject, 0, s[0], 1),
		          seL4_NoError, "frame");
		CHECK_ERR(seL4_ARM_Page_Map(s[0], vs, (seL4_Word)p, seL4_ReadWrite,
		                            seL4_ARM_Default_VMAttributes),
		          seL4_NoError, "map it");
		p[0] = 0x1234;
		p[511] = 0x5678;
		CHECK_ERR(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError, "revoke");
		CHECK_ERR(retype(ut, seL4_ARM_SmallPageObject, 0, s[0], 1),
		          seL4_NoError, "frame again");
		CHECK_ERR(seL4_ARM_Page_Map(s[0], vs, (seL4_Word)p, seL4_ReadWrite,
		                            seL4_ARM_Default_VMAttributes),
		          seL4_NoError, "map it again");
		CHECK(p[0] == 0 && p[511] == 0, "the reset zeroed the memory");
	}

	/* device untypeds: frames and untypeds only */
	CHECK(dev != 0, "a device untyped at 0x%lx", (unsigned long)dev_pa);
	e = retype(dev, seL4_TCBObject, 0, s[5], 1);
	CHECK_ERR(e, seL4_InvalidArgument, "TCB from device memory");
	CHECK_MR(0, 1, "TCB from device memory");
	e = retype(dev, seL4_ARM_SmallPageObject, 0, s[5], 1);
	CHECK_ERR(e, seL4_NoError, "frame from device memory");
	CHECK(paddr_of(s[5]) == dev_pa, "device frame at 0x%lx",
	      (unsigned long)paddr_of(s[5]));
	e = retype(dev, seL4_UntypedObject, 4, s[6], 1);
	CHECK_ERR(e, seL4_NoError, "untyped from device memory");
	e = retype(s[6], seL4_EndpointObject, 0, s[7], 1);
	CHECK_ERR(e, seL4_InvalidArgument, "the child untyped is device too");
	{
		seL4_CPtr zero = 0;
		seL4_BootInfo *b = rt_bootinfo;

		for (seL4_Word i = 0; i < b->untyped.end - b->untyped.start; i++)
			if (b->untypedList[i].paddr == 0 && b->untypedList[i].isDevice)
				zero = b->untyped.start + i;
		CHECK_ERR(retype(zero, seL4_ARM_SmallPageObject, 0, s[7], 1),
		          seL4_NoError, "frame from the device untyped at 0");
		CHECK(paddr_of(s[7]) == 0, "its GetAddress is 0");
	}
	return 0;
}
