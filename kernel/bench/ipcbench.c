/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ipcbench: the IPC round-trip benchmark root task (not a test; run by
 * tests/bench/ipc-roundtrip.sh, see docs/kernel.md "Benchmark").
 *
 * The root task is the client; the server is a thread at the same
 * priority in a VSpace of its own (copies of the image's frames and its
 * own IPC buffer page, so every round trip switches address spaces and
 * ASIDs) and a CSpace of its own (a 16-slot CNode).  Messages carry no
 * words.  After WARMUP round trips, ROUNDS round trips of seL4_Call /
 * seL4_ReplyRecv are timed with PMCCNTR_EL0 (under QEMU -icount
 * shift=0 an instruction counter) and CNTVCT_EL0 (one tick per 16
 * instructions); the kernel must be booted with "user_counters".
 */
#include <rt.h>

#define ROOT   seL4_CapInitThreadCNode
#define ATTR   seL4_ARM_Default_VMAttributes
#define WARMUP 1000
#define ROUNDS 10000
#define SERVER_IPC_VA 0x50001000ul

static seL4_CPtr ut;
static char server_tls[RT_TLS_SIZE] __attribute__((aligned(16)));
static seL4_Word server_stack[1024] __attribute__((aligned(16)));

static seL4_CPtr obj(seL4_Word type, seL4_Word bits)
{
	seL4_CPtr s = rt_alloc_slot();

	if (seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, s, 1))
		printf("# retype of type %lu failed\n", (unsigned long)type);
	return s;
}

static void server(seL4_Word ep)
{
	seL4_MessageInfo_t m = seL4_MessageInfo_new(0, 0, 0, 0);

	seL4_SetIPCBuffer((seL4_IPCBuffer *)SERVER_IPC_VA);
	seL4_Recv(ep, NULL);
	for (;;)
		seL4_ReplyRecv(ep, m, NULL);
}

static inline seL4_Word pmccntr(void)
{
	seL4_Word v;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(v) : : "memory");
	return v;
}

static inline seL4_Word cntvct(void)
{
	seL4_Word v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static void map_or_make_tables(seL4_CPtr frame, seL4_CPtr vs, seL4_Word va)
{
	while (seL4_ARM_Page_Map(frame, vs, va, seL4_ReadWrite, ATTR) ==
	       seL4_FailedLookup)
		seL4_ARM_PageTable_Map(obj(seL4_ARM_PageTableObject, 0), vs, va,
		                       ATTR);
}

static void start_server(seL4_BootInfo *bi, seL4_CPtr ep)
{
	seL4_CPtr vs = obj(seL4_ARM_VSpaceObject, 0);
	seL4_CPtr ipc = obj(seL4_ARM_SmallPageObject, 0);
	seL4_CPtr tcb = obj(seL4_TCBObject, 0);
	seL4_CPtr cn = obj(seL4_CapTableObject, 4);
	seL4_Word va = 0x400000;
	seL4_UserContext regs;

	seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vs);
	for (seL4_CPtr s = bi->userImageFrames.start;
	     s < bi->userImageFrames.end; s++, va += 0x1000) {
		seL4_CPtr c = rt_alloc_slot();

		seL4_CNode_Copy(ROOT, c, 64, ROOT, s, 64, seL4_AllRights);
		map_or_make_tables(c, vs, va);
	}
	map_or_make_tables(ipc, vs, SERVER_IPC_VA);
	seL4_CNode_Copy(cn, 1, 4, ROOT, ep, 64, seL4_AllRights);
	seL4_TCB_Configure(tcb, 0, cn, seL4_CNode_CapData_new(0, 60).words[0],
	                   vs, 0, SERVER_IPC_VA, ipc);
	seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, 255, 255);
	seL4_DebugNameThread(tcb, "server");
	memset(&regs, 0, sizeof(regs));
	regs.pc = (seL4_Word)server;
	regs.sp = (seL4_Word)&server_stack[1024];
	regs.x0 = 1;                       /* the endpoint in its CSpace */
	regs.tpidr_el0 = rt_tls_init(server_tls);
	seL4_TCB_WriteRegisters(tcb, 1, 0, 36, &regs);
}

/* n / ROUNDS with two decimals */
static void print_per_round(const char *what, seL4_Word n)
{
	printf("ipc-roundtrip: %s %lu.%02lu instructions per round trip\n", what,
	       (unsigned long)(n / ROUNDS),
	       (unsigned long)(n % ROUNDS * 100 / ROUNDS));
}

int rt_main(seL4_BootInfo *bi)
{
	seL4_MessageInfo_t m = seL4_MessageInfo_new(0, 0, 0, 0);
	seL4_CPtr ep;
	seL4_Word p0, p1, c0, c1;

	ut = rt_find_untyped(20, 0, NULL);
	ep = obj(seL4_EndpointObject, 0);
	start_server(bi, ep);
	for (int i = 0; i < WARMUP; i++)
		seL4_Call(ep, m);
	c0 = cntvct();
	p0 = pmccntr();
	for (int i = 0; i < ROUNDS; i++)
		seL4_Call(ep, m);
	p1 = pmccntr();
	c1 = cntvct();
	printf("ipc-roundtrip: %d round trips of 0-word Call/ReplyRecv between "
	       "two VSpaces\n", ROUNDS);
	print_per_round("PMCCNTR", p1 - p0);
	print_per_round("CNTVCTx16", (c1 - c0) * 16);
	CHECK(p1 > p0 && c1 > c0, "the counters advance");
	return 0;
}
