/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * isolation: a thread in a VSpace and CSpace of its own touches an
 * unmapped address, invokes slots it does not hold, writes a read-only
 * mapping and jumps into non-executable memory.  Each is a fault with the
 * exact message of the reference (section 8.2) delivered to the root
 * task, its fault handler, and nothing else changes:
 *   * the thread's registers are those it had (ReadRegisters before and
 *     after), except what a system call's error reply writes;
 *   * a reply restarts the faulting instruction, which faults again with
 *     the same message (the fault mapped, created or changed nothing);
 *   * another thread keeps running;
 *   * the read-only page keeps its contents;
 *   * no cap appears or disappears: DebugCapIdentify over all 4096 slots
 *     of our CNode, and a probe of every slot of the thread's CNode.
 *
 * The thread runs no C code: WriteRegisters starts it directly at one of
 * the instructions below with every register set to a known value.
 */
#include <rt.h>

#define ROOT  seL4_CapInitThreadCNode
#define ATTR  seL4_ARM_Default_VMAttributes

#define RO_VA     0x500000ul     /* in the child: read-only, no execute */
#define STACK_VA  0x501000ul
#define IPC_VA    0x502000ul
#define RO_ROOT   0x30000000ul   /* the same page, writable, in our VSpace */
#define CHILD_RADIX 4
#define FEP_BADGE 0xbeef
#define EMPTY_SLOT 5             /* a slot of the child's CNode it lacks */

/* The instructions the child is started at. */
extern char iso_str[], iso_ldr[], iso_ldr_udf[], iso_svc[], iso_svc_udf[];
__asm__(
	"	.text\n"
	"	.balign 4\n"
	"	.global iso_str, iso_ldr, iso_ldr_udf, iso_svc, iso_svc_udf\n"
	"iso_str:	str x1, [x0]\n"
	"	b iso_str\n"
	"iso_ldr:	ldr x1, [x0]\n"
	"	b iso_ldr\n"
	"iso_ldr_udf:	ldr x1, [x0]\n"
	"	udf #0\n"
	"iso_svc:	svc #0\n"
	"	b iso_svc\n"
	"iso_svc_udf:	svc #0\n"
	"	udf #0\n");

static seL4_CPtr ut, fep, child, child_cn;
static seL4_CPtr go, done;
static volatile seL4_Word counter;
static struct rt_thread bystander;

static seL4_CPtr obj(seL4_Word type, seL4_Word bits)
{
	seL4_CPtr s = rt_alloc_slot();

	seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, s, 1);
	return s;
}

/* ---- the other thread: counts when asked ---- */

static void count(seL4_Word arg)
{
	(void)arg;
	for (;;) {
		seL4_Wait(go, NULL);
		for (int i = 0; i < 1000; i++)
			counter++;
		seL4_Signal(done);
	}
}

static int bystander_runs(void)
{
	seL4_Word before = counter;

	seL4_Signal(go);
	seL4_Wait(done, NULL);
	return counter == before + 1000;
}

/* ---- cap state ---- */

static unsigned char root_tags[1u << 12];
static unsigned char child_slots[1u << CHILD_RADIX];

/* Is slot i of the child's CNode occupied?  Moving a slot onto itself
 * changes nothing: DeleteFirst if occupied, FailedLookup if empty. */
static int child_slot_used(unsigned i)
{
	seL4_Error e = seL4_CNode_Move(child_cn, i, CHILD_RADIX, child_cn, i,
	                               CHILD_RADIX);

	return e == seL4_DeleteFirst ? 1 : e == seL4_FailedLookup ? 0 : -1;
}

static void record_caps(void)
{
	for (unsigned i = 0; i < sizeof(root_tags); i++)
		root_tags[i] = (unsigned char)seL4_DebugCapIdentify(i);
	for (unsigned i = 0; i < sizeof(child_slots); i++)
		child_slots[i] = (unsigned char)child_slot_used(i);
}

static int caps_unchanged(void)
{
	for (unsigned i = 0; i < sizeof(root_tags); i++)
		if (root_tags[i] != seL4_DebugCapIdentify(i)) {
			printf("# slot %u: tag %u, was %u\n", i,
			       (unsigned)seL4_DebugCapIdentify(i), root_tags[i]);
			return 0;
		}
	for (unsigned i = 0; i < sizeof(child_slots); i++)
		if (child_slots[i] != child_slot_used(i)) {
			printf("# child slot %u changed\n", i);
			return 0;
		}
	return 1;
}

/* ---- the child's registers ---- */

#define NREGS 36
static seL4_UserContext before;

static seL4_Word *reg(seL4_UserContext *r, unsigned i)
{
	return &((seL4_Word *)r)[i];
}

/* Start the child at pc with every register known: x<n> = 0x1000 + n,
 * then the given x0, x1, x7.  Keeps what ReadRegisters says (SPSR is
 * sanitised by the kernel) in "before". */
static void start_child(void *pc, seL4_Word x0, seL4_Word x1, seL4_Word x7)
{
	seL4_UserContext r;

	for (unsigned i = 0; i < NREGS; i++)
		*reg(&r, i) = 0;
	r.x0 = x0; r.x1 = x1; r.x2 = 0x1002; r.x3 = 0x1003; r.x4 = 0x1004;
	r.x5 = 0x1005; r.x6 = 0x1006; r.x7 = x7; r.x8 = 0x1008;
	r.x9 = 0x1009; r.x10 = 0x1010; r.x11 = 0x1011; r.x12 = 0x1012;
	r.x13 = 0x1013; r.x14 = 0x1014; r.x15 = 0x1015; r.x16 = 0x1016;
	r.x17 = 0x1017; r.x18 = 0x1018; r.x19 = 0x1019; r.x20 = 0x1020;
	r.x21 = 0x1021; r.x22 = 0x1022; r.x23 = 0x1023; r.x24 = 0x1024;
	r.x25 = 0x1025; r.x26 = 0x1026; r.x27 = 0x1027; r.x28 = 0x1028;
	r.x29 = 0x1029; r.x30 = 0x1030;
	r.pc = (seL4_Word)pc;
	r.sp = STACK_VA + 0xff0;
	r.spsr = 0;
	r.tpidr_el0 = 0x7777;
	r.tpidrro_el0 = 0;
	seL4_TCB_WriteRegisters(child, 0, 0, NREGS, &r);
	seL4_TCB_ReadRegisters(child, 0, 0, NREGS, &before);
	seL4_TCB_Resume(child);
}

/* Registers now equal "before" except the words listed in "changed"
 * (indices into seL4_UserContext) with the values given. */
static int regs_as_before(const unsigned *changed, const seL4_Word *vals,
                          unsigned n)
{
	seL4_UserContext now, want = before;

	for (unsigned i = 0; i < n; i++)
		*reg(&want, changed[i]) = vals[i];
	seL4_TCB_ReadRegisters(child, 0, 0, NREGS, &now);
	for (unsigned i = 0; i < NREGS; i++)
		if (*reg(&now, i) != *reg(&want, i)) {
			printf("# register word %u: 0x%lx, want 0x%lx\n", i,
			       (unsigned long)*reg(&now, i),
			       (unsigned long)*reg(&want, i));
			return 0;
		}
	return 1;
}

/* ---- faults ---- */

struct msg {
	seL4_Word label, len, badge, mr[8];
};

static struct msg receive_fault(void)
{
	struct msg m;
	seL4_MessageInfo_t info = seL4_Recv(fep, &m.badge);

	m.label = seL4_MessageInfo_get_label(info);
	m.len = seL4_MessageInfo_get_length(info);
	for (int i = 0; i < 8; i++)
		m.mr[i] = seL4_GetMR(i);
	return m;
}

static struct msg reply_and_receive(void)
{
	struct msg m;
	seL4_MessageInfo_t info = seL4_ReplyRecv(fep,
	                                        seL4_MessageInfo_new(0, 0, 0, 0),
	                                        &m.badge);

	m.label = seL4_MessageInfo_get_label(info);
	m.len = seL4_MessageInfo_get_length(info);
	for (int i = 0; i < 8; i++)
		m.mr[i] = seL4_GetMR(i);
	return m;
}

static int msg_is(const char *what, struct msg m, seL4_Word label,
                  seL4_Word len, const seL4_Word *mr)
{
	int ok = m.label == label && m.len == len && m.badge == FEP_BADGE;

	for (seL4_Word i = 0; i < len && i < 8; i++)
		ok &= m.mr[i] == mr[i];
	if (!ok) {
		printf("# %s: label %lu len %lu badge 0x%lx:", what,
		       (unsigned long)m.label, (unsigned long)m.len,
		       (unsigned long)m.badge);
		for (seL4_Word i = 0; i < m.len && i < 8; i++)
			printf(" 0x%lx", (unsigned long)m.mr[i]);
		printf("\n");
	}
	return CHECK(ok, "%s: the reference's message", what);
}

/* Everything else as it was. */
static void unchanged(const char *what, const unsigned *changed,
                      const seL4_Word *vals, unsigned n)
{
	CHECK(regs_as_before(changed, vals, n), "%s: registers unchanged", what);
	CHECK(caps_unchanged(), "%s: no cap created or lost", what);
	CHECK(((volatile seL4_Word *)RO_ROOT)[1] == 0x5a5a5a5a5a5a5a5aul,
	      "%s: the read-only page keeps its contents", what);
	CHECK(bystander_runs(), "%s: the other thread still runs", what);
}

static void stop_child(void)
{
	CHECK_ERR(seL4_TCB_Suspend(child), 0, "suspend the faulting thread");
}

static void vm_faults(void)
{
	seL4_Word mr[4];
	struct msg m;

	/* a store to an address whose level-1 table is missing */
	start_child(iso_str, 0x7000001238ul, 0x55, 0x1007);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_str; mr[1] = 0x7000001238ul; mr[2] = 0;
	mr[3] = 0x92000045;          /* EC 0x24, IL, WnR, level-1 translation */
	msg_is("store to an unmapped address", m, seL4_Fault_VMFault, 4, mr);
	unchanged("store to an unmapped address", NULL, NULL, 0);
	m = reply_and_receive();
	msg_is("the same store after the reply", m, seL4_Fault_VMFault, 4, mr);
	unchanged("the same store after the reply", NULL, NULL, 0);
	stop_child();

	/* a load from an unmapped page of a mapped level-3 table */
	start_child(iso_ldr, 0x5ff008, 0x1001, 0x1007);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_ldr; mr[1] = 0x5ff008; mr[2] = 0;
	mr[3] = 0x92000007;          /* read, level-3 translation fault */
	msg_is("load from an unmapped page", m, seL4_Fault_VMFault, 4, mr);
	unchanged("load from an unmapped page", NULL, NULL, 0);
	stop_child();

	/* a store to the read-only page */
	start_child(iso_str, RO_VA + 8, 0x66, 0x1007);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_str; mr[1] = RO_VA + 8; mr[2] = 0;
	mr[3] = 0x9200004f;          /* write, level-3 permission fault */
	msg_is("store to a read-only page", m, seL4_Fault_VMFault, 4, mr);
	unchanged("store to a read-only page", NULL, NULL, 0);
	m = reply_and_receive();
	msg_is("the same store after the reply", m, seL4_Fault_VMFault, 4, mr);
	unchanged("the read-only store after the reply", NULL, NULL, 0);
	stop_child();

	/* the read-only page is still mapped and readable: a load, then a
	 * udf whose fault shows the loaded value in x1 */
	start_child(iso_ldr_udf, RO_VA + 8, 0x1001, 0x1007);
	m = receive_fault();
	CHECK(m.label == seL4_Fault_UserException &&
	      m.mr[0] == (seL4_Word)iso_ldr_udf + 4,
	      "a load from the read-only page works");
	{
		static const unsigned idx[] = { 0, 4 };     /* pc, x1 */
		seL4_Word vals[] = { (seL4_Word)iso_ldr_udf + 4,
		                     0x5a5a5a5a5a5a5a5aul };

		unchanged("load from the read-only page", idx, vals, 2);
	}
	stop_child();

	/* executing the read-only (execute-never) page */
	start_child((void *)RO_VA, 0x1000, 0x1001, 0x1007);
	m = receive_fault();
	mr[0] = RO_VA; mr[1] = RO_VA; mr[2] = 1;
	mr[3] = 0x8200000f;          /* EC 0x20, IL, level-3 permission */
	msg_is("jump into an execute-never page", m, seL4_Fault_VMFault, 4, mr);
	unchanged("jump into an execute-never page", NULL, NULL, 0);
	stop_child();

	/* executing an unmapped address */
	start_child((void *)0x600005000ul, 0x1000, 0x1001, 0x1007);
	m = receive_fault();
	mr[0] = 0x600005000ul; mr[1] = 0x600005000ul; mr[2] = 1;
	mr[3] = 0x82000005;          /* level-1 translation fault */
	msg_is("jump to an unmapped address", m, seL4_Fault_VMFault, 4, mr);
	unchanged("jump to an unmapped address", NULL, NULL, 0);
	stop_child();
}

static void cap_faults(void)
{
	seL4_Word mr[7];
	struct msg m;

	/* Call on a CPtr its CSpace cannot resolve: the guard (0, 60 bits)
	 * does not match */
	start_child(iso_svc, 0x1000, 0, (seL4_Word)seL4_SysCall);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_svc; mr[1] = 0x1000; mr[2] = 0;
	mr[3] = seL4_GuardMismatch; mr[4] = 64; mr[5] = 0; mr[6] = 60;
	msg_is("Call on an unresolvable CPtr", m, seL4_Fault_CapFault, 7, mr);
	unchanged("Call on an unresolvable CPtr", NULL, NULL, 0);
	m = reply_and_receive();
	msg_is("the same Call after the reply", m, seL4_Fault_CapFault, 7, mr);
	stop_child();

	/* Send too */
	start_child(iso_svc, 0x1000, 0, (seL4_Word)seL4_SysSend);
	m = receive_fault();
	msg_is("Send on an unresolvable CPtr", m, seL4_Fault_CapFault, 7, mr);
	unchanged("Send on an unresolvable CPtr", NULL, NULL, 0);
	stop_child();

	/* Recv on a slot it does not hold: receive phase, missing cap */
	start_child(iso_svc, EMPTY_SLOT, 0, (seL4_Word)seL4_SysRecv);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_svc; mr[1] = EMPTY_SLOT; mr[2] = 1;
	mr[3] = seL4_MissingCapability; mr[4] = 0;
	msg_is("Recv on an empty slot", m, seL4_Fault_CapFault, 5, mr);
	unchanged("Recv on an empty slot", NULL, NULL, 0);
	stop_child();

	/* Call on an empty slot that resolves: not a fault but an error
	 * reply, InvalidCapability (reference 12.3); the udf after it then
	 * faults, and only x0, x1 (info) and x2 (MR0) changed */
	start_child(iso_svc_udf, EMPTY_SLOT, 0, (seL4_Word)seL4_SysCall);
	m = receive_fault();
	mr[0] = (seL4_Word)iso_svc_udf + 4; mr[1] = STACK_VA + 0xff0;
	mr[2] = before.spsr; mr[3] = 0x2000000; mr[4] = 0;
	msg_is("Call on an empty slot: error reply, then udf", m,
	       seL4_Fault_UserException, 5, mr);
	{
		static const unsigned idx[] = { 0, 3, 4, 5 };  /* pc x0 x1 x2 */
		seL4_Word vals[] = { (seL4_Word)iso_svc_udf + 4, 0,
		                     seL4_InvalidCapability << 12 | 1, 0 };

		unchanged("Call on an empty slot", idx, vals, 4);
	}
	stop_child();

	/* NBSend on an unresolvable CPtr: no fault, the thread goes on (to
	 * the udf after its svc) */
	start_child(iso_svc_udf, 0x1000, 0, (seL4_Word)seL4_SysNBSend);
	m = receive_fault();
	CHECK(m.label == seL4_Fault_UserException &&
	      m.mr[0] == (seL4_Word)iso_svc_udf + 4,
	      "NBSend on an unresolvable CPtr: no fault, just returns");
	{
		static const unsigned idx[] = { 0 };
		seL4_Word vals[] = { (seL4_Word)iso_svc_udf + 4 };

		unchanged("NBSend on an unresolvable CPtr", idx, vals, 1);
	}
	stop_child();
}

/* ---- setup ---- */

static void make_child(seL4_BootInfo *bi)
{
	extern char __tdata_start[];
	seL4_CPtr vs = obj(seL4_ARM_VSpaceObject, 0);
	seL4_CPtr ro = obj(seL4_ARM_SmallPageObject, 0), ro_root = rt_alloc_slot();
	seL4_CPtr stack = obj(seL4_ARM_SmallPageObject, 0);
	seL4_CPtr ipc = obj(seL4_ARM_SmallPageObject, 0);
	seL4_Word va = 0x400000;
	int ok = 1;

	child = obj(seL4_TCBObject, 0);
	child_cn = obj(seL4_CapTableObject, CHILD_RADIX);
	CHECK_ERR(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs), 0,
	          "the child's VSpace");
	for (int i = 0; i < 3; i++)
		ok &= seL4_ARM_PageTable_Map(obj(seL4_ARM_PageTableObject, 0), vs,
		                             0x400000, ATTR) == 0;
	for (seL4_CPtr s = bi->userImageFrames.start;
	     va < (seL4_Word)__tdata_start; s++, va += 0x1000) {
		seL4_CPtr c = rt_alloc_slot();

		seL4_CNode_Copy(ROOT, c, 64, ROOT, s, 64, seL4_AllRights);
		ok &= seL4_ARM_Page_Map(c, vs, va, seL4_CanRead,
		                        seL4_ARM_PageCacheable) == 0;
	}
	ok &= seL4_ARM_Page_Map(ro, vs, RO_VA, seL4_CanRead,
	                        seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever) == 0;
	ok &= seL4_ARM_Page_Map(stack, vs, STACK_VA, seL4_ReadWrite,
	                        seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever) == 0;
	ok &= seL4_ARM_Page_Map(ipc, vs, IPC_VA, seL4_ReadWrite,
	                        seL4_ARM_PageCacheable | seL4_ARM_ExecuteNever) == 0;
	CHECK(ok, "text RX, a read-only page, stack and IPC buffer mapped");
	/* the read-only page, writable for us: a pattern in it */
	seL4_CNode_Copy(ROOT, ro_root, 64, ROOT, ro, 64, seL4_AllRights);
	CHECK_ERR(rt_map(ut, ro_root, RO_ROOT, seL4_ReadWrite, ATTR), 0,
	          "the page in our VSpace");
	for (int i = 0; i < 512; i++)
		((volatile seL4_Word *)RO_ROOT)[i] = 0x5a5a5a5a5a5a5a5aul;
	/* its CSpace: slot 1 the fault endpoint, the rest empty */
	CHECK_ERR(seL4_CNode_Mint(child_cn, 1, CHILD_RADIX, ROOT, fep, 64,
	                          seL4_CapRights_new(0, 1, 0, 1), FEP_BADGE), 0,
	          "the fault endpoint in its CSpace");
	CHECK_ERR(seL4_TCB_Configure(child, 1, child_cn,
	                             seL4_CNode_CapData_new(0, 64 - CHILD_RADIX).words[0],
	                             vs, 0, IPC_VA, ipc), 0, "configure it");
	CHECK_ERR(seL4_TCB_SetSchedParams(child, seL4_CapInitThreadTCB, 100, 100),
	          0, "priority 100");
	seL4_DebugNameThread(child, "isolated");
}

int rt_main(seL4_BootInfo *bi)
{
	ut = rt_find_untyped(22, 0, NULL);
	fep = obj(seL4_EndpointObject, 0);
	go = obj(seL4_NotificationObject, 0);
	done = obj(seL4_NotificationObject, 0);
	make_child(bi);
	CHECK_ERR(rt_thread_start(&bystander, ut, count, 0, 100, 0, 0x10001000),
	          0, "the other thread, at the child's priority");
	CHECK(bystander_runs(), "the other thread runs");
	record_caps();
	CHECK(caps_unchanged(), "the cap probes change nothing");
	vm_faults();
	cap_faults();
	return 0;
}
