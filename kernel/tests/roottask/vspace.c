/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vspace: ASIDControl_MakePool, ASIDPool_Assign, PageTable_Map/Unmap,
 * Page_Map/Unmap/GetAddress and cache operations, VSpace cache
 * operations, with their error paths (reference sections 4, 9.3, 10.4,
 * 10.5), and a thread running in an address space of its own.
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode
#define VS seL4_CapInitThreadVSpace
#define ATTR seL4_ARM_Default_VMAttributes

static seL4_CPtr ut, fep;

static seL4_CPtr obj(seL4_Word type)
{
	seL4_CPtr s = rt_alloc_slot();

	seL4_Untyped_Retype(ut, type, 0, ROOT, 0, 0, s, 1);
	return s;
}

static void asids(void)
{
	seL4_CPtr vs = obj(seL4_ARM_VSpaceObject), pt = obj(seL4_ARM_PageTableObject);
	seL4_CPtr ut4k = rt_alloc_slot(), ut8k = rt_alloc_slot();
	seL4_CPtr pool = rt_alloc_slot(), x = rt_alloc_slot();
	seL4_CPtr vs2 = obj(seL4_ARM_VSpaceObject);
	seL4_Error e;

	e = seL4_ARM_PageTable_Map(pt, vs, 0x10000000, ATTR);
	CHECK_ERR(e, seL4_InvalidCapability, "map into an unassigned VSpace");
	CHECK_MR(0, 1, "map into an unassigned VSpace");
	CHECK_ERR(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs), 0,
	          "assign an ASID");
	e = seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs);
	CHECK_ERR(e, seL4_InvalidCapability, "assign again");
	CHECK_MR(0, 1, "assign again");
	e = seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pt);
	CHECK_ERR(e, seL4_InvalidCapability, "assign a page table");
	CHECK_ERR(seL4_CNode_Copy(ROOT, x, 64, ROOT, vs, 64, seL4_AllRights), 0,
	          "an assigned VSpace can be copied");

	seL4_Untyped_Retype(ut, seL4_UntypedObject, 12, ROOT, 0, 0, ut4k, 1);
	seL4_Untyped_Retype(ut, seL4_UntypedObject, 13, ROOT, 0, 0, ut8k, 1);
	e = seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut8k, ROOT, pool, 64);
	CHECK_ERR(e, seL4_InvalidCapability, "MakePool from 8 KiB");
	CHECK_MR(0, 1, "MakePool from 8 KiB");
	e = seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut4k, ROOT,
	                                  seL4_CapDomain, 64);
	CHECK_ERR(e, seL4_DeleteFirst, "MakePool into an occupied slot");
	e = seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut4k, ROOT, pool, 64);
	CHECK_ERR(e, 0, "MakePool");
	CHECK(seL4_DebugCapIdentify(pool) == 13, "an ASID pool cap");
	e = seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut4k, ROOT,
	                                  rt_alloc_slot(), 64);
	CHECK_ERR(e, seL4_RevokeFirst, "MakePool from an untyped with children");
	CHECK_ERR(seL4_ARM_ASIDPool_Assign(pool, vs2), 0,
	          "assign from the new pool");
	CHECK_ERR(seL4_ARM_PageTable_Map(pt, vs2, 0x10000000, ATTR), 0,
	          "map a table into it");
}

static void mapping_errors(void)
{
	seL4_CPtr vs = obj(seL4_ARM_VSpaceObject);
	seL4_CPtr pt[4], f = obj(seL4_ARM_SmallPageObject);
	seL4_CPtr big = obj(seL4_ARM_LargePageObject);
	seL4_Word va = 0x20000000;
	seL4_Error e;

	for (int i = 0; i < 4; i++)
		pt[i] = obj(seL4_ARM_PageTableObject);
	seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs);
	e = seL4_ARM_Page_Map(f, vs, va, seL4_ReadWrite, ATTR);
	CHECK_ERR(e, seL4_FailedLookup, "page map, no tables");
	CHECK_MR(0, 0, "page map, no tables");
	CHECK_MR(1, 2, "page map, no tables: missing capability");
	CHECK(seL4_MappingFailedLookupLevel() == 39, "bits left 39");
	seL4_ARM_PageTable_Map(pt[0], vs, va, ATTR);
	e = seL4_ARM_Page_Map(f, vs, va, seL4_ReadWrite, ATTR);
	CHECK(e == seL4_FailedLookup && seL4_GetMR(2) == 30,
	      "one table: bits left 30");
	seL4_ARM_PageTable_Map(pt[1], vs, va, ATTR);
	e = seL4_ARM_Page_Map(f, vs, va, seL4_ReadWrite, ATTR);
	CHECK(e == seL4_FailedLookup && seL4_GetMR(2) == 21,
	      "two tables: bits left 21");
	CHECK_ERR(seL4_ARM_Page_Map(big, vs, va, seL4_ReadWrite, ATTR), 0,
	          "a large page where level 3 is missing");
	CHECK_ERR(seL4_ARM_Page_Unmap(big), 0, "unmap it");
	CHECK_ERR(seL4_ARM_PageTable_Map(pt[2], vs, va, ATTR), 0,
	          "the third table goes to level 3");
	e = seL4_ARM_PageTable_Map(pt[3], vs, va, ATTR);
	CHECK_ERR(e, seL4_DeleteFirst, "a fourth table: DeleteFirst");
	e = seL4_ARM_PageTable_Map(pt[2], vs, va + 0x200000, ATTR);
	CHECK_ERR(e, seL4_InvalidCapability, "mapping a mapped table");
	CHECK_MR(0, 0, "mapping a mapped table");
	e = seL4_ARM_Page_Map(big, vs, va, seL4_ReadWrite, ATTR);
	CHECK(e == seL4_FailedLookup && seL4_GetMR(2) == 12,
	      "a large page over a level-3 table: bits left 12");
	CHECK_ERR(seL4_ARM_Page_Map(f, vs, va + 0x10, seL4_ReadWrite, ATTR),
	          seL4_AlignmentError, "misaligned vaddr");
	CHECK_ERR(seL4_ARM_Page_Map(f, vs, 0xffff000000000000ul, seL4_ReadWrite,
	                            ATTR), seL4_InvalidArgument,
	          "vaddr above UserTop");
	CHECK_MR(0, 0, "vaddr above UserTop");
	CHECK_ERR(seL4_ARM_PageTable_Map(pt[3], vs, 0x800000000000ul, ATTR),
	          seL4_InvalidArgument, "table above UserTop");
	CHECK_ERR(seL4_ARM_Page_Map(f, VS, va, seL4_ReadWrite, ATTR),
	          seL4_FailedLookup, "map into another VSpace: no tables there");
	CHECK_ERR(seL4_ARM_Page_Map(f, vs, va, seL4_ReadWrite, ATTR), 0,
	          "map the page");
	CHECK_ERR(seL4_ARM_Page_Map(f, vs, va + 0x1000, seL4_ReadWrite, ATTR),
	          seL4_InvalidArgument, "a mapped cap at another vaddr");
	CHECK_MR(0, 0, "a mapped cap at another vaddr");
	CHECK_ERR(seL4_ARM_Page_Map(f, vs, va, seL4_CanRead, ATTR), 0,
	          "remap at the same vaddr (rights)");
	CHECK_ERR(seL4_ARM_Page_Unmap(f), 0, "unmap");
	CHECK_ERR(seL4_ARM_Page_Unmap(f), 0, "unmap an unmapped frame");
	/* PageTable_Unmap needs the final cap */
	{
		seL4_CPtr c = rt_alloc_slot();

		CHECK_ERR(seL4_CNode_Copy(ROOT, c, 64, ROOT, pt[2], 64,
		                          seL4_AllRights), 0, "copy a mapped table");
		CHECK_ERR(seL4_ARM_PageTable_Unmap(pt[2]), seL4_RevokeFirst,
		          "unmap a table with copies");
		seL4_CNode_Delete(ROOT, c, 64);
		CHECK_ERR(seL4_ARM_PageTable_Unmap(pt[2]), 0, "unmap the table");
		CHECK_ERR(seL4_ARM_PageTable_Map(pt[2], vs, va, ATTR), 0,
		          "map it again");
	}
}

static void frames(void)
{
	seL4_CPtr f = obj(seL4_ARM_SmallPageObject), g = rt_alloc_slot();
	seL4_CPtr f2 = obj(seL4_ARM_SmallPageObject);
	volatile seL4_Word *a = (void *)0x30000000, *b = (void *)0x30001000;
	seL4_ARM_Page_GetAddress_t pa;

	CHECK_ERR(rt_map(ut, f, (seL4_Word)a, seL4_ReadWrite, ATTR), 0, "map");
	a[3] = 0x77;
	CHECK_ERR(seL4_CNode_Copy(ROOT, g, 64, ROOT, f, 64, seL4_AllRights), 0,
	          "copy the mapped frame cap");
	CHECK_ERR(seL4_ARM_Page_Map(g, VS, (seL4_Word)b, seL4_ReadWrite, ATTR),
	          0, "the copy comes out unmapped and maps elsewhere");
	CHECK(b[3] == 0x77, "both mappings show the same memory");
	pa = seL4_ARM_Page_GetAddress(g);
	CHECK(pa.error == 0 && pa.paddr == seL4_ARM_Page_GetAddress(f).paddr,
	      "same physical address 0x%lx", (unsigned long)pa.paddr);
	CHECK_ERR(seL4_ARM_Page_Clean_Data(f, 0, 4096), 0, "Clean_Data");
	CHECK_ERR(seL4_ARM_Page_CleanInvalidate_Data(f, 0, 64), 0,
	          "CleanInvalidate_Data");
	CHECK_ERR(seL4_ARM_Page_Unify_Instruction(f, 0, 4096), 0,
	          "Unify_Instruction");
	CHECK_ERR(seL4_ARM_VSpace_Clean_Data(VS, (seL4_Word)a, (seL4_Word)a + 64),
	          0, "VSpace Clean_Data");
	CHECK_ERR(seL4_ARM_VSpace_Clean_Data(VS, 0x5000000000ul, 0x5000000040ul),
	          0, "VSpace Clean_Data where nothing is mapped");
	CHECK_ERR(seL4_ARM_VSpace_Clean_Data(VS, 0x40, 0x40),
	          seL4_InvalidArgument, "VSpace Clean_Data, empty range");
	/* mapping over a mapped page silently replaces it */
	CHECK_ERR(seL4_ARM_Page_Map(f2, VS, (seL4_Word)b, seL4_ReadWrite, ATTR),
	          0, "map another frame over it");
	CHECK(b[3] == 0, "the new frame shows");
	CHECK_ERR(seL4_ARM_Page_Clean_Data(g, 0, 64), seL4_InvalidCapability,
	          "cache op through the stale cap");
	/* the top page of user space */
	{
		seL4_CPtr top = obj(seL4_ARM_SmallPageObject);

		CHECK_ERR(rt_map(ut, top, 0x7ffffffff000ul, seL4_ReadWrite, ATTR),
		          0, "map the page at 0x7ffffffff000");
		*(volatile seL4_Word *)0x7ffffffff008ul = 5;
	}
}

/* A thread in its own address space: image frames shared (copies mapped
 * at the same addresses), a private page at 0x50000000. */
static volatile seL4_Word shared_flag;

static void other_space(seL4_Word arg)
{
	*(volatile seL4_Word *)0x50000000 = arg;
	shared_flag = *(volatile seL4_Word *)0x50000000 + 1;
	*(volatile seL4_Word *)0x30000000 = 1;    /* not mapped here */
}

static struct rt_thread th;

static void own_space(void)
{
	seL4_BootInfo *bi = rt_bootinfo;
	seL4_CPtr vs = obj(seL4_ARM_VSpaceObject), priv = obj(seL4_ARM_SmallPageObject);
	seL4_CPtr ipc = obj(seL4_ARM_SmallPageObject), tcb = obj(seL4_TCBObject);
	seL4_Word vaddr = 0x400000, badge, mr[4];
	seL4_UserContext regs;
	seL4_MessageInfo_t m;
	int ok = 1;

	seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs);
	for (seL4_CPtr s = bi->userImageFrames.start; s < bi->userImageFrames.end;
	     s++, vaddr += 0x1000) {
		seL4_CPtr c = rt_alloc_slot();
		seL4_Error e;

		seL4_CNode_Copy(ROOT, c, 64, ROOT, s, 64, seL4_AllRights);
		while ((e = seL4_ARM_Page_Map(c, vs, vaddr, seL4_ReadWrite, ATTR)) ==
		       seL4_FailedLookup)
			seL4_ARM_PageTable_Map(obj(seL4_ARM_PageTableObject), vs,
			                       vaddr, ATTR);
		ok &= e == 0;
	}
	CHECK(ok, "image frames mapped into the new VSpace");
	while (seL4_ARM_Page_Map(priv, vs, 0x50000000, seL4_ReadWrite, ATTR) ==
	       seL4_FailedLookup)
		seL4_ARM_PageTable_Map(obj(seL4_ARM_PageTableObject), vs,
		                       0x50000000, ATTR);
	while (seL4_ARM_Page_Map(ipc, vs, 0x50001000, seL4_ReadWrite, ATTR) ==
	       seL4_FailedLookup)
		seL4_ARM_PageTable_Map(obj(seL4_ARM_PageTableObject), vs,
		                       0x50001000, ATTR);
	CHECK_ERR(seL4_TCB_Configure(tcb, fep, ROOT, 0, vs, 0, 0x50001000, ipc),
	          0, "configure the thread");
	seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, 200, 200);
	memset(&regs, 0, sizeof(regs));
	regs.pc = (seL4_Word)other_space;
	regs.sp = (seL4_Word)&th.stack[1024];
	regs.x0 = 0x4321;
	regs.tpidr_el0 = rt_tls_init(th.tls);
	CHECK_ERR(seL4_TCB_WriteRegisters(tcb, 1, 0, 36, &regs), 0, "start it");
	m = seL4_RecvWithMRs(fep, &badge, &mr[0], &mr[1], &mr[2], &mr[3]);
	CHECK(shared_flag == 0x4322, "it wrote its private page and shared memory");
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_VMFault &&
	      mr[1] == 0x30000000, "a page mapped only in our VSpace faults there");
	CHECK(((mr[3] >> 26) & 0x3f) == 0x24, "a lower-EL data abort");
	CHECK(((volatile seL4_Word *)0x30000000)[0] == 0 &&
	      ((volatile seL4_Word *)0x30000000)[3] == 0x77,
	      "our page at 0x30000000 is untouched");
	seL4_TCB_Suspend(tcb);
}

/* Write to a read-only mapping: a permission fault. */
static void ro_writer(seL4_Word arg)
{
	*(volatile seL4_Word *)arg = 1;
}

static void read_only(void)
{
	seL4_CPtr f = obj(seL4_ARM_SmallPageObject), ro = rt_alloc_slot();
	seL4_Word badge, mr[4];
	seL4_MessageInfo_t m;
	static struct rt_thread t;

	seL4_CNode_Copy(ROOT, ro, 64, ROOT, f, 64, seL4_CanRead);
	CHECK_ERR(rt_map(ut, ro, 0x31000000, seL4_ReadWrite, ATTR), 0,
	          "map a read-only cap asking for RW");
	CHECK(*(volatile seL4_Word *)0x31000000 == 0, "readable");
	CHECK_ERR(rt_thread_start(&t, ut, ro_writer, 0x31000000, 200, fep,
	                          0x10008000), 0, "writer thread");
	m = seL4_RecvWithMRs(fep, &badge, &mr[0], &mr[1], &mr[2], &mr[3]);
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_VMFault &&
	      mr[1] == 0x31000000 && (mr[3] & 0x3c) == 0xc,
	      "writing faults with a permission fault (FSR 0x%lx)",
	      (unsigned long)mr[3]);
	seL4_TCB_Suspend(t.tcb);
}

/* With 2 GiB of RAM there is a 1 GiB untyped: map a huge page. */
static void huge(void)
{
	seL4_CPtr u = rt_find_untyped(30, 0, NULL), f = rt_alloc_slot();
	volatile seL4_Word *p = (void *)0x4000000000ul;

	if (!u) {
		printf("# no 1 GiB untyped: huge pages not tried\n");
		return;
	}
	CHECK_ERR(seL4_Untyped_Retype(u, seL4_ARM_HugePageObject, 0, ROOT, 0, 0,
	                              f, 1), 0, "a huge page");
	CHECK_ERR(seL4_ARM_Page_Map(f, VS, 0x4000000000ul + 0x1000,
	                            seL4_ReadWrite, ATTR),
	          seL4_AlignmentError, "huge page misaligned");
	CHECK_ERR(rt_map(ut, f, (seL4_Word)p, seL4_ReadWrite, ATTR), 0,
	          "huge page map");
	p[0] = 1;
	p[(1ul << 27) - 1] = 2;
	CHECK(p[0] == 1 && p[(1ul << 27) - 1] == 2 &&
	      seL4_ARM_Page_GetAddress(f).paddr % (1ul << 30) == 0,
	      "a huge page mapped and written at both ends");
}

int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	ut = rt_find_untyped(26, 0, NULL);
	fep = obj(seL4_EndpointObject);
	asids();
	mapping_errors();
	frames();
	own_space();
	read_only();
	huge();
	return 0;
}
