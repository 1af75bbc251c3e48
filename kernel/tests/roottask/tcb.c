/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * tcb: TCB invocations (reference sections 3.3, 3.4, 10.3, 10.7):
 * Read/Write/CopyRegisters, Configure/SetSpace/SetIPCBuffer checks,
 * priorities and MCP, Suspend/Resume, SetTLSBase, SetFlags, Yield, and
 * round robin with timer preemption.
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode
#define SELF seL4_CapInitThreadTCB

static seL4_CPtr ut, ep;
static struct rt_thread a, b;
static volatile seL4_Word count_a, count_b, got;

static void counter(seL4_Word which)
{
	for (;;) {
		if (which)
			count_b++;
		else
			count_a++;
	}
}

static void receiver(seL4_Word arg)
{
	seL4_Word badge;

	(void)arg;
	for (;;) {
		seL4_RecvWithMRs(ep, &badge, NULL, NULL, NULL, NULL);
		got++;
	}
}

static void yielder(seL4_Word arg)
{
	(void)arg;
	for (;;) {
		count_a++;
		seL4_Yield();
	}
}

static seL4_CPtr new_obj(seL4_Word type, seL4_Word bits)
{
	seL4_CPtr s = rt_alloc_slot();

	seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, s, 1);
	return s;
}

static void registers(void)
{
	seL4_CPtr t = new_obj(seL4_TCBObject, 0), t2 = new_obj(seL4_TCBObject, 0);
	seL4_UserContext w, r;
	seL4_Word *wp = (seL4_Word *)&w, *rp = (seL4_Word *)&r;
	int same = 1;

	for (int i = 0; i < 36; i++)
		wp[i] = 0x1000 + i;
	w.spsr = 0xffffffff;
	CHECK_ERR(seL4_TCB_WriteRegisters(t, 0, 0, 36, &w), 0, "WriteRegisters");
	memset(&r, 0, sizeof(r));
	CHECK_ERR(seL4_TCB_ReadRegisters(t, 0, 0, 36, &r), 0, "ReadRegisters");
	for (int i = 0; i < 36; i++)
		if (i != 2)
			same &= rp[i] == wp[i];
	CHECK(same, "all 36 registers read back");
	CHECK(r.spsr == 0xf0000040, "SPSR sanitised to 0x%lx",
	      (unsigned long)r.spsr);
	CHECK_ERR(seL4_TCB_ReadRegisters(t, 0, 0, 0, &r), seL4_RangeError,
	          "ReadRegisters count 0");
	CHECK_MR(0, 1, "count 0");
	CHECK_MR(1, 36, "count 0");
	CHECK_ERR(seL4_TCB_ReadRegisters(t, 0, 0, 37, &r), seL4_RangeError,
	          "ReadRegisters count 37");
	CHECK_ERR(seL4_TCB_ReadRegisters(SELF, 0, 0, 2, &r),
	          seL4_IllegalOperation, "ReadRegisters of the caller");
	CHECK_ERR(seL4_TCB_WriteRegisters(SELF, 0, 0, 2, &w),
	          seL4_IllegalOperation, "WriteRegisters of the caller");
	/* a partial write */
	w.pc = 0x4242;
	CHECK_ERR(seL4_TCB_WriteRegisters(t, 0, 0, 1, &w), 0, "write pc only");
	seL4_TCB_ReadRegisters(t, 0, 0, 2, &r);
	CHECK(r.pc == 0x4242 && r.sp == 0x1001, "pc written, sp kept");
	/* TLS base */
	CHECK_ERR(seL4_TCB_SetTLSBase(t, 0xabcd000), 0, "SetTLSBase");
	seL4_TCB_ReadRegisters(t, 0, 0, 36, &r);
	CHECK(r.tpidr_el0 == 0xabcd000, "TPIDR_EL0 = 0x%lx",
	      (unsigned long)r.tpidr_el0);
	/* CopyRegisters: frame (0..16) only */
	memset(&w, 0, sizeof(w));
	seL4_TCB_WriteRegisters(t2, 0, 0, 36, &w);
	CHECK_ERR(seL4_TCB_CopyRegisters(t2, t, 0, 0, 1, 0, 0), 0,
	          "CopyRegisters frame");
	seL4_TCB_ReadRegisters(t2, 0, 0, 36, &r);
	CHECK(r.pc == 0x4242 && r.x30 == 0x1000 + 16 && r.x9 == 0,
	      "frame registers copied, integer ones not");
	CHECK_ERR(seL4_TCB_CopyRegisters(t2, ep, 0, 0, 1, 1, 0),
	          seL4_InvalidCapability, "CopyRegisters from an endpoint");
	CHECK_MR(0, 1, "CopyRegisters from an endpoint");
	/* flags */
	{
		seL4_TCB_SetFlags_t f = seL4_TCB_SetFlags(t, 0, seL4_TCBFlag_fpuDisabled);

		CHECK(f.error == 0 && f.flags == 1, "SetFlags fpuDisabled: 0x%lx",
		      (unsigned long)f.flags);
		f = seL4_TCB_SetFlags(t, 1, 0);
		CHECK(f.error == 0 && f.flags == 0, "SetFlags clear: 0x%lx",
		      (unsigned long)f.flags);
	}
}

static void configure(void)
{
	seL4_CPtr t = new_obj(seL4_TCBObject, 0);
	seL4_CPtr vs = new_obj(seL4_ARM_VSpaceObject, 0);
	seL4_CPtr fr = new_obj(seL4_ARM_SmallPageObject, 0);
	seL4_CPtr dev = rt_find_untyped(12, 1, NULL), dfr = rt_alloc_slot();
	seL4_CPtr cn = new_obj(seL4_CapTableObject, 4);
	seL4_CPtr VS = seL4_CapInitThreadVSpace;

	seL4_Untyped_Retype(dev, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, dfr, 1);
	CHECK_ERR(seL4_TCB_Configure(t, 0, ROOT, 0, VS, 0, 0x10000, fr), 0,
	          "Configure");
	CHECK_ERR(seL4_TCB_Configure(t, 0, ep, 0, VS, 0, 0, 0),
	          seL4_IllegalOperation, "CSpace root not a CNode");
	CHECK_ERR(seL4_TCB_Configure(t, 0, ROOT, 0, vs, 0, 0, 0),
	          seL4_IllegalOperation, "VSpace without an ASID");
	CHECK_ERR(seL4_TCB_Configure(t, 0, ROOT, 0, VS, 0, 0x10200, fr),
	          seL4_AlignmentError, "buffer not 1 KiB aligned");
	CHECK_ERR(seL4_TCB_Configure(t, 0, ROOT, 0, VS, 0, 0x10400, ep),
	          seL4_IllegalOperation, "buffer not a frame");
	CHECK_ERR(seL4_TCB_Configure(t, 0, ROOT, 0, VS, 0, 0x10400, dfr),
	          seL4_IllegalOperation, "device frame as buffer");
	CHECK_ERR(seL4_TCB_Configure(t, 0, cn, 61, VS, 0, 0, 0),
	          seL4_IllegalOperation, "cspace_root_data guard 61 + radix 4");
	CHECK_ERR(seL4_TCB_Configure(t, 0, cn, 60, VS, 0, 0, 0), 0,
	          "cspace_root_data guard 60 + radix 4");
	CHECK_ERR(seL4_TCB_SetSpace(t, 0, ROOT, 0, VS, 0), 0, "SetSpace");
	CHECK_ERR(seL4_TCB_SetSpace(t, 0, ROOT, 0, ROOT, 0),
	          seL4_IllegalOperation, "SetSpace with a CNode as VSpace");
	CHECK_ERR(seL4_TCB_SetIPCBuffer(t, 0x20000, fr), 0, "SetIPCBuffer");
	CHECK_ERR(seL4_TCB_SetIPCBuffer(t, 0x20010, fr), seL4_AlignmentError,
	          "SetIPCBuffer misaligned");
	CHECK_ERR(seL4_TCB_SetIPCBuffer(t, 0, 0), 0, "SetIPCBuffer 0 clears");
	/* the configured TCB holds copies: deleting it releases them */
	CHECK_ERR(seL4_CNode_Delete(ROOT, t, 64), 0, "delete the TCB");
}

static void priorities(void)
{
	seL4_CPtr t = new_obj(seL4_TCBObject, 0);
	seL4_MessageInfo_t tag;
	seL4_Word m0 = 1, m1 = 0, m2 = 0, m3 = 0;

	CHECK_ERR(seL4_TCB_SetPriority(t, SELF, 256), seL4_RangeError,
	          "priority 256");
	CHECK_MR(0, 0, "priority 256");
	CHECK_MR(1, 255, "priority 256");
	CHECK_ERR(seL4_TCB_SetPriority(t, SELF, 200), 0, "priority 200");
	CHECK_ERR(seL4_TCB_SetMCPriority(t, SELF, 50), 0, "MCP 50");
	/* t as the authority: MCP 50 */
	CHECK_ERR(seL4_TCB_SetPriority(t, t, 51), seL4_RangeError,
	          "priority above the authority's MCP");
	CHECK_MR(1, 50, "RangeError up to the MCP");
	CHECK_ERR(seL4_TCB_SetMCPriority(t, t, 60), seL4_RangeError,
	          "MCP above the authority's MCP");
	CHECK_ERR(seL4_TCB_SetSchedParams(t, t, 40, 50), 0,
	          "SetSchedParams within the MCP");
	CHECK_ERR(seL4_TCB_SetSchedParams(t, t, 50, 51), seL4_RangeError,
	          "SetSchedParams priority above the MCP");
	CHECK_ERR(seL4_TCB_SetPriority(t, ep, 1), seL4_InvalidCapability,
	          "authority not a TCB");
	CHECK_MR(0, 1, "authority not a TCB");
	tag = seL4_CallWithMRs(t, seL4_MessageInfo_new(TCBSetPriority, 0, 0, 1),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_TruncatedMessage,
	          "SetPriority without the authority cap");
	tag = seL4_CallWithMRs(t, seL4_MessageInfo_new(CNodeCopy, 0, 0, 0),
	                       &m0, &m1, &m2, &m3);
	CHECK_ERR(seL4_MessageInfo_get_label(tag), seL4_IllegalOperation,
	          "CNode label on a TCB");
}

static void suspend_resume(void)
{
	CHECK_ERR(rt_thread_start(&a, ut, receiver, 0, 254, 0, 0x10001000), 0,
	          "receiver");
	/* root 255: the receiver has not run yet; let it block in Recv */
	seL4_TCB_SetPriority(SELF, SELF, 253);
	seL4_TCB_SetPriority(SELF, SELF, 255);
	got = 0;
	seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
	seL4_TCB_SetPriority(SELF, SELF, 253);
	seL4_TCB_SetPriority(SELF, SELF, 255);
	CHECK(got == 1, "the receiver got an NBSend");
	CHECK_ERR(seL4_TCB_Suspend(a.tcb), 0, "suspend it");
	seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
	seL4_TCB_SetPriority(SELF, SELF, 253);
	seL4_TCB_SetPriority(SELF, SELF, 255);
	CHECK(got == 1, "a suspended thread no longer receives");
	CHECK_ERR(seL4_TCB_Resume(a.tcb), 0, "resume it");
	seL4_TCB_SetPriority(SELF, SELF, 253);    /* it re-runs its Recv */
	seL4_TCB_SetPriority(SELF, SELF, 255);
	seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 0));
	seL4_TCB_SetPriority(SELF, SELF, 253);
	seL4_TCB_SetPriority(SELF, SELF, 255);
	CHECK(got == 2, "resumed, it receives again (got %lu)",
	      (unsigned long)got);
	CHECK_ERR(seL4_TCB_Resume(a.tcb), 0, "resume a running thread: no-op");
	seL4_TCB_Suspend(a.tcb);
}

/* A thread with a CSpace of its own: 16 slots, guard 60 bits. */
static void own_cspace_thread(seL4_Word arg)
{
	seL4_Word badge;

	seL4_SetMR(0, arg);
	seL4_Send(1, seL4_MessageInfo_new(0x33, 0, 0, 1));
	seL4_Wait(2, &badge);          /* forever */
}

static void own_cspace(void)
{
	seL4_CPtr cn = new_obj(seL4_CapTableObject, 4), ntfn;
	seL4_Word badge;
	seL4_MessageInfo_t m;

	ntfn = new_obj(seL4_NotificationObject, 0);
	CHECK_ERR(seL4_CNode_Mint(cn, 1, 4, ROOT, ep, 64, seL4_AllRights, 0x7),
	          0, "badged endpoint into slot 1 of the new CSpace");
	CHECK_ERR(seL4_CNode_Copy(cn, 2, 4, ROOT, ntfn, 64, seL4_AllRights), 0,
	          "notification into slot 2");
	CHECK_ERR(rt_thread_start(&b, ut, own_cspace_thread, 0x5150, 254, 0,
	                          0x10005000), 0, "thread");
	CHECK_ERR(seL4_TCB_SetSpace(b.tcb, 0, cn,
	                            seL4_CNode_CapData_new(0, 60).words[0],
	                            seL4_CapInitThreadVSpace, 0), 0,
	          "SetSpace: the small CSpace with guard 60");
	m = seL4_Recv(ep, &badge);
	CHECK(badge == 7 && seL4_MessageInfo_get_label(m) == 0x33 &&
	      seL4_GetMR(0) == 0x5150,
	      "it sent through CPtr 1 of its own CSpace (badge %lu)",
	      (unsigned long)badge);
	seL4_TCB_Suspend(b.tcb);
}

static void scheduling(void)
{
	seL4_Word last_a, last_b;

	/* Yield: a thread at our priority runs when we yield */
	count_a = 0;
	CHECK_ERR(rt_thread_start(&a, ut, yielder, 0, 255, 0, 0x10002000), 0,
	          "a yielding thread at 255");
	CHECK(count_a == 0, "it has not run yet");
	seL4_Yield();
	CHECK(count_a == 1, "after our Yield it ran once (%lu)",
	      (unsigned long)count_a);
	seL4_Yield();
	CHECK(count_a == 2, "and again");
	seL4_TCB_Suspend(a.tcb);

	/* round robin with preemption: two spinners at 100, then us at 100 */
	count_a = count_b = 0;
	CHECK_ERR(rt_thread_start(&a, ut, counter, 0, 100, 0, 0x10003000), 0,
	          "spinner a");
	CHECK_ERR(rt_thread_start(&b, ut, counter, 1, 100, 0, 0x10004000), 0,
	          "spinner b");
	CHECK(count_a == 0 && count_b == 0, "lower priority: not run yet");
	seL4_TCB_SetPriority(SELF, SELF, 100);
	while (count_a == 0 || count_b == 0)
		;
	last_a = count_a;
	last_b = count_b;
	while (count_a == last_a || count_b == last_b)
		;
	CHECK(1, "both spinners ran and were preempted in turn");
	seL4_TCB_SetPriority(SELF, SELF, 255);
	last_a = count_a;
	last_b = count_b;
	for (volatile int i = 0; i < 100000; i++)
		;
	CHECK(count_a == last_a && count_b == last_b,
	      "back at 255, the spinners are starved");
	seL4_TCB_Suspend(a.tcb);
	seL4_TCB_Suspend(b.tcb);
}

int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	ut = rt_find_untyped(22, 0, NULL);
	ep = new_obj(seL4_EndpointObject, 0);
	registers();
	configure();
	priorities();
	suspend_resume();
	own_cspace();
	scheduling();
	return 0;
}
