/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot: builds a small known system and takes seL4_DebugSnapshot.
 *
 * A child thread in a VSpace and a (guarded) CSpace of its own, blocked
 * in Recv on an endpoint; a badged endpoint cap, a fault endpoint, a
 * notification bound to the child, a frame mapped read-only, the UART
 * mapped uncached, the image's text mapped read-only and executable, an
 * IRQ handler (edge-triggered) signalling a badged notification.
 *
 * All objects come from one fresh untyped whose address BootInfo gives,
 * in an order without alignment gaps, so the root task knows every
 * object's physical address and hence its snapshot name
 * (<type>_<kernel address>).  It prints what the snapshot must say as
 * "# fact ..." lines; tests/qemu/check-snapshot.py parses the snapshot
 * with capdlc and checks each fact against capdlc's JSON.
 */
#include <rt.h>

#define ROOT   seL4_CapInitThreadCNode
#define KVOFF  0xffffff8000000000ul
#define K(pa)  ((unsigned long)((pa) + KVOFF))

/* the child's CSpace: a 16-slot CNode with an 8-bit guard of 3 */
#define CHILD_RADIX      4
#define CHILD_GUARD      3
#define CHILD_GUARD_BITS 8
#define CPTR(i)  ((3ul << 56) | ((seL4_Word)(i) << 52))

#define STACK_VA 0x500000ul
#define IPC_VA   0x501000ul
#define RO_VA    0x502000ul
#define UART_VA  0x503000ul
#define TEST_IRQ 100

static int nfacts;

static void fact(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fact(const char *fmt, ...)
{
	va_list ap;

	printf("# fact ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	nfacts++;
}

/* Objects from a fresh untyped: the address each one gets (Retype puts
 * an object at the watermark rounded up to its size). */
static seL4_CPtr ut;
static seL4_Word ut_pa, ut_used;

static seL4_CPtr make(seL4_Word type, seL4_Word size_bits, unsigned bytes_log2,
                      seL4_Word *pa)
{
	seL4_CPtr s = rt_alloc_slot();
	seL4_Word size = 1ul << bytes_log2;

	ut_used = (ut_used + size - 1) & ~(size - 1);
	*pa = ut_pa + ut_used;
	ut_used += size;
	CHECK_ERR(seL4_Untyped_Retype(ut, type, size_bits, ROOT, 0, 0, s, 1), 0,
	          "retype");
	return s;
}

static void child_main(seL4_Word ipc_buffer, seL4_Word ep)
{
	seL4_Word badge;

	seL4_SetIPCBuffer((seL4_IPCBuffer *)ipc_buffer);
	for (;;)
		seL4_Recv(ep, &badge);
}

static seL4_CPtr uart_untyped(void)
{
	seL4_BootInfo *bi = rt_bootinfo;

	for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
		seL4_UntypedDesc *d = &bi->untypedList[i];

		if (d->isDevice && d->paddr == 0x9000000)
			return bi->untyped.start + i;
	}
	return 0;
}

/* A thread no other thread can reach: its TCB cap is only in its own
 * CSpace, its CNode cap only in its TCB.  It is still there, so the
 * snapshot and the scheduler dump must show it. */
static void orphan(void)
{
	seL4_Word tpa, cpa;
	seL4_CPtr t = make(seL4_TCBObject, 0, 11, &tpa);
	seL4_CPtr c = make(seL4_CapTableObject, 1, 6, &cpa);

	CHECK_ERR(seL4_CNode_Copy(c, 0, 1, ROOT, t, 64, seL4_AllRights), 0,
	          "its TCB cap in its CNode");
	CHECK_ERR(seL4_TCB_SetSpace(t, 0, c, seL4_CNode_CapData_new(0, 63).words[0],
	                            seL4_CapInitThreadVSpace, 0), 0,
	          "its CNode as its CSpace");
	seL4_DebugNameThread(t, "orphan");
	CHECK_ERR(seL4_CNode_Delete(ROOT, t, 64), 0, "drop our TCB cap");
	CHECK_ERR(seL4_CNode_Delete(ROOT, c, 64), 0, "drop our CNode cap");
	fact("obj tcb_%016lx tcb prio=0 max_prio=0 resume=0", K(tpa));
	fact("cap tcb_%016lx cspace cnode_%016lx guard=0 guard_size=63", K(tpa),
	     K(cpa));
	fact("cap cnode_%016lx 0 tcb_%016lx", K(cpa), K(tpa));
}

/* More objects than seL4's snapshot (256 CNodes) or our old one (512
 * objects) would show: 600 two-slot CNodes in a 1024-slot one. */
#define MANY 600

static void many_cnodes(void)
{
	seL4_Word pa, holder_pa, upa;
	seL4_CPtr u = rt_find_untyped(17, 0, &upa), holder = rt_alloc_slot();
	seL4_CPtr last = rt_alloc_slot();
	int ok = 1;

	(void)pa;
	CHECK_ERR(seL4_Untyped_Retype(u, seL4_CapTableObject, 10, ROOT, 0, 0,
	                              holder, 1), 0, "a 1024-slot CNode");
	holder_pa = upa;
	for (int i = 0; i < MANY; i += 200)
		ok &= seL4_Untyped_Retype(u, seL4_CapTableObject, 1, ROOT, holder,
		                          64, (seL4_Word)i, 200) == 0;
	CHECK(ok, "%d small CNodes", MANY);
	/* the last one holds a cap, so it has a caps block too */
	CHECK_ERR(seL4_CNode_Copy(ROOT, last, 64, holder, MANY - 1, 10,
	                          seL4_AllRights), 0, "a cap to the last one");
	CHECK_ERR(seL4_CNode_Copy(last, 1, 1, ROOT, seL4_CapDomain, 64,
	                          seL4_AllRights), 0, "a cap in it");
	fact("count cnode %d", MANY + 4);
	fact("obj cnode_%016lx cnode size_bits=10", K(holder_pa));
	fact("cap cnode_%016lx %d cnode_%016lx guard=0 guard_size=0",
	     K(holder_pa), MANY - 1, K(upa + (1 << 15) + (MANY - 1) * 64));
	fact("cap cnode_%016lx 1 domain", K(upa + (1 << 15) + (MANY - 1) * 64));
	fact("nocap cnode_%016lx %d", K(holder_pa), MANY);
}

int rt_main(seL4_BootInfo *bi)
{
	extern char __tdata_start[];
	seL4_Word vs_pa, pud_pa, pd_pa, pt_pa, stack_pa, ipc_pa, ro_pa, tcb_pa;
	seL4_Word cn_pa, ntfn_pa, ep_pa, fep_pa, text_pa = 0;
	seL4_CPtr vs, pud, pd, pt, stack, ipc, ro, tcb, cn, ntfn, ep, fep;
	seL4_CPtr scratch = rt_alloc_slot(), dev, uart = rt_alloc_slot();
	seL4_CPtr irq_ntfn = rt_alloc_slot();
	seL4_Word text_end = (seL4_Word)__tdata_start, va = 0x400000, tls;
	seL4_Word cn_data = seL4_CNode_CapData_new(CHILD_GUARD,
	                                           CHILD_GUARD_BITS).words[0];
	seL4_UserContext regs;
	seL4_Error e;
	int ok = 1;

	ut = rt_find_untyped(20, 0, &ut_pa);
	CHECK(ut != 0, "a 1 MiB untyped at 0x%lx", (unsigned long)ut_pa);
	vs = make(seL4_ARM_VSpaceObject, 0, 12, &vs_pa);
	pud = make(seL4_ARM_PageTableObject, 0, 12, &pud_pa);
	pd = make(seL4_ARM_PageTableObject, 0, 12, &pd_pa);
	pt = make(seL4_ARM_PageTableObject, 0, 12, &pt_pa);
	stack = make(seL4_ARM_SmallPageObject, 0, 12, &stack_pa);
	ipc = make(seL4_ARM_SmallPageObject, 0, 12, &ipc_pa);
	ro = make(seL4_ARM_SmallPageObject, 0, 12, &ro_pa);
	tcb = make(seL4_TCBObject, 0, 11, &tcb_pa);
	cn = make(seL4_CapTableObject, CHILD_RADIX, CHILD_RADIX + 5, &cn_pa);
	ntfn = make(seL4_NotificationObject, 0, 5, &ntfn_pa);
	ep = make(seL4_EndpointObject, 0, 4, &ep_pa);
	fep = make(seL4_EndpointObject, 0, 4, &fep_pa);
	orphan();
	CHECK(seL4_ARM_Page_GetAddress(stack).paddr == stack_pa &&
	      seL4_ARM_Page_GetAddress(ro).paddr == ro_pa,
	      "objects where Retype's placement puts them");

	/* the child's VSpace: text read-only and executable, stack and IPC
	 * buffer read-write, a read-only page, the UART uncached */
	CHECK_ERR(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs), 0,
	          "assign an ASID");
	CHECK_ERR(seL4_ARM_PageTable_Map(pud, vs, 0x400000, 0), 0, "PUD");
	CHECK_ERR(seL4_ARM_PageTable_Map(pd, vs, 0x400000, 0), 0, "PD");
	CHECK_ERR(seL4_ARM_PageTable_Map(pt, vs, 0x400000, 0), 0, "PT");
	for (seL4_CPtr s = bi->userImageFrames.start; va < text_end;
	     s++, va += 0x1000) {
		seL4_CPtr c = rt_alloc_slot();

		seL4_CNode_Copy(ROOT, c, 64, ROOT, s, 64, seL4_AllRights);
		ok &= seL4_ARM_Page_Map(c, vs, va, seL4_CanRead,
		                        seL4_ARM_PageCacheable) == 0;
		if (va == 0x400000)
			text_pa = seL4_ARM_Page_GetAddress(c).paddr;
	}
	CHECK(ok, "text mapped read-only, executable");
	CHECK_ERR(seL4_ARM_Page_Map(stack, vs, STACK_VA, seL4_ReadWrite,
	                            seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever),
	          0, "stack");
	CHECK_ERR(seL4_ARM_Page_Map(ipc, vs, IPC_VA, seL4_ReadWrite,
	                            seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever),
	          0, "IPC buffer");
	CHECK_ERR(seL4_ARM_Page_Map(ro, vs, RO_VA, seL4_CanRead,
	                            seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever),
	          0, "read-only page");
	dev = uart_untyped();
	CHECK(dev != 0, "the device untyped at 0x9000000");
	seL4_Untyped_Retype(dev, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, uart, 1);
	CHECK_ERR(seL4_ARM_Page_Map(uart, vs, UART_VA, seL4_ReadWrite,
	                            seL4_ARM_ExecuteNever), 0, "UART, uncached");

	/* the child's CSpace (our cap to its CNode has no guard: index =
	 * slot, depth 4) */
	CHECK_ERR(seL4_CNode_Mint(cn, 1, CHILD_RADIX, ROOT, ep, 64,
	                          seL4_CanRead, 0), 0, "receive cap");
	e = seL4_CNode_Mint(cn, 2, CHILD_RADIX, ROOT, ep, 64,
	                    seL4_CapRights_new(1, 0, 0, 1), 0x42);
	CHECK_ERR(e, 0, "badged send cap");
	e = seL4_CNode_Mint(cn, 3, CHILD_RADIX, ROOT, fep, 64,
	                    seL4_CapRights_new(0, 1, 0, 1), 0xfa);
	CHECK_ERR(e, 0, "fault endpoint cap");
	e = seL4_CNode_Mint(cn, 4, CHILD_RADIX, ROOT, ntfn, 64, seL4_CanWrite, 7);
	CHECK_ERR(e, 0, "notification cap");
	e = seL4_CNode_Copy(cn, 5, CHILD_RADIX, ROOT, ro, 64, seL4_CanRead);
	CHECK_ERR(e, 0, "read-only frame cap");
	e = seL4_IRQControl_GetTrigger(seL4_CapIRQControl, TEST_IRQ, 1, cn, 6,
	                               CHILD_RADIX);
	CHECK_ERR(e, 0, "IRQ handler, edge-triggered, in the child's CNode");
	seL4_CNode_Mint(ROOT, irq_ntfn, 64, ROOT, ntfn, 64, seL4_CanWrite, 0x100);
	{
		seL4_CPtr h = rt_alloc_slot();

		seL4_CNode_Copy(ROOT, h, 64, cn, 6, CHILD_RADIX, seL4_AllRights);
		CHECK_ERR(seL4_IRQHandler_SetNotification(h, irq_ntfn), 0,
		          "the IRQ signals the notification");
		seL4_CNode_Delete(ROOT, h, 64);
	}

	/* the thread */
	e = seL4_TCB_Configure(tcb, CPTR(3), cn, cn_data, vs, 0, IPC_VA, ipc);
	CHECK_ERR(e, 0, "configure the child");
	CHECK_ERR(seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, 150, 100),
	          0, "priority 100, MCP 150");
	CHECK_ERR(seL4_TCB_BindNotification(tcb, ntfn), 0, "bind the notification");
	seL4_DebugNameThread(tcb, "snap-child");
	/* TLS at the bottom of its stack page, set up through our mapping */
	CHECK_ERR(seL4_CNode_Copy(ROOT, scratch, 64, ROOT, stack, 64,
	                          seL4_AllRights), 0, "stack copy");
	CHECK_ERR(rt_map(ut, scratch, 0x20000000, seL4_ReadWrite,
	                 seL4_ARM_Default_VMAttributes), 0, "stack in our VSpace");
	tls = rt_tls_init((void *)0x20000000) - 0x20000000 + STACK_VA;
	memset(&regs, 0, sizeof(regs));
	regs.pc = (seL4_Word)child_main;
	regs.sp = STACK_VA + 0x1000;
	regs.x0 = IPC_VA;
	regs.x1 = CPTR(1);
	regs.tpidr_el0 = tls;
	CHECK_ERR(seL4_TCB_WriteRegisters(tcb, 1, 0, 36, &regs), 0, "start it");
	/* let it run until it blocks */
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);

	/* what the snapshot must say */
	fact("count tcb 3");
	fact("count pgd 2");
	fact("count arm_irq 1");
	fact("obj tcb_%016lx tcb prio=100 max_prio=150 addr=0x%lx sp=0x%lx "
	     "fault_ep=0x%lx affinity=0 ip=0x%lx..0x%lx", K(tcb_pa), IPC_VA,
	     STACK_VA + 0x1000, CPTR(3), (unsigned long)child_main,
	     (unsigned long)child_main + 0x100);
	fact("cap tcb_%016lx cspace cnode_%016lx guard=%d guard_size=%d",
	     K(tcb_pa), K(cn_pa), CHILD_GUARD, CHILD_GUARD_BITS);
	fact("cap tcb_%016lx vspace pgd_%016lx", K(tcb_pa), K(vs_pa));
	fact("cap tcb_%016lx reply_slot tcb_%016lx type=master_reply", K(tcb_pa),
	     K(tcb_pa));
	fact("nocap tcb_%016lx caller_slot", K(tcb_pa));
	fact("cap tcb_%016lx ipc_buffer_slot frame_%016lx rights=RW", K(tcb_pa),
	     K(ipc_pa));
	fact("cap tcb_%016lx bound_notification notification_%016lx", K(tcb_pa),
	     K(ntfn_pa));
	fact("obj cnode_%016lx cnode size_bits=%d", K(cn_pa), CHILD_RADIX);
	fact("cap cnode_%016lx 1 ep_%016lx rights=R badge=0", K(cn_pa), K(ep_pa));
	fact("cap cnode_%016lx 2 ep_%016lx rights=WP badge=66", K(cn_pa),
	     K(ep_pa));
	fact("cap cnode_%016lx 3 ep_%016lx rights=WG badge=250", K(cn_pa),
	     K(fep_pa));
	fact("cap cnode_%016lx 4 notification_%016lx rights=W badge=7", K(cn_pa),
	     K(ntfn_pa));
	fact("cap cnode_%016lx 5 frame_%016lx rights=R", K(cn_pa), K(ro_pa));
	fact("cap cnode_%016lx 6 irq_%d type=irq_handler", K(cn_pa), TEST_IRQ);
	fact("nocap cnode_%016lx 0", K(cn_pa));
	fact("nocap cnode_%016lx 7", K(cn_pa));
	fact("obj ep_%016lx ep", K(ep_pa));
	fact("obj notification_%016lx notification", K(ntfn_pa));
	fact("obj pgd_%016lx pgd", K(vs_pa));
	fact("cap pgd_%016lx 0 pud_%016lx", K(vs_pa), K(pud_pa));
	fact("cap pud_%016lx 0 pd_%016lx", K(pud_pa), K(pd_pa));
	fact("cap pd_%016lx 2 pt_%016lx", K(pd_pa), K(pt_pa));
	fact("map pgd_%016lx 0x400000 frame_%016lx rights=RG cached=1",
	     K(vs_pa), K(text_pa));
	fact("map pgd_%016lx 0x%lx frame_%016lx rights=RW cached=1", K(vs_pa),
	     STACK_VA, K(stack_pa));
	fact("map pgd_%016lx 0x%lx frame_%016lx rights=RW cached=1", K(vs_pa),
	     IPC_VA, K(ipc_pa));
	fact("map pgd_%016lx 0x%lx frame_%016lx rights=R cached=1", K(vs_pa),
	     RO_VA, K(ro_pa));
	fact("map pgd_%016lx 0x%lx frame_%016lx rights=RW cached=0", K(vs_pa),
	     UART_VA, K(0x9000000ul));
	fact("unmapped pgd_%016lx 0x%lx", K(vs_pa), UART_VA + 0x1000);
	fact("unmapped pgd_%016lx 0x%lx", K(vs_pa), text_end);
	fact("obj frame_%016lx frame size_bits=12 paddr=0x%lx", K(ro_pa),
	     (unsigned long)ro_pa);
	fact("obj frame_%016lx frame size_bits=12 paddr=0x9000000",
	     K(0x9000000ul));
	fact("obj ut_%016lx_20 ut size_bits=20 paddr=0x%lx", K(ut_pa),
	     (unsigned long)ut_pa);
	fact("obj irq_%d arm_irq trigger=1 target=0", TEST_IRQ);
	fact("cap irq_%d 0 notification_%016lx rights=W badge=256", TEST_IRQ,
	     K(ntfn_pa));
	fact("irq %d irq_%d", TEST_IRQ, TEST_IRQ);
	/* our own CNode: found as the holder of the child's TCB cap */
	fact("cap ^%lu:tcb_%016lx %lu ep_%016lx rights=RWGP badge=0",
	     (unsigned long)tcb, K(tcb_pa), (unsigned long)ep, K(ep_pa));
	fact("obj ^%lu:tcb_%016lx/1 tcb prio=255 max_prio=255 addr=0x%lx",
	     (unsigned long)tcb, K(tcb_pa), (unsigned long)bi->ipcBuffer);
	fact("cap ^%lu:tcb_%016lx 2 ^%lu:tcb_%016lx guard=0 guard_size=52",
	     (unsigned long)tcb, K(tcb_pa), (unsigned long)tcb, K(tcb_pa));
	many_cnodes();
	printf("# facts: %d\n", nfacts);
	seL4_DebugSnapshot();
	seL4_DebugDumpScheduler();
	return 0;
}
