/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * threads.c: the components of threads.cdl (role in x1):
 *   0 boss: checks that the worker has not run and holds the spec's
 *     registers (pc = ip, sp, x0..x7 = init), starts it, signals its bound
 *     notification, sends to it, then handles four faults of the faulter
 *     (sel4-abi-aarch64.md §8.2), told apart by their fault_ep badges;
 *   2 worker (resume: False): its x0..x7, its MCP (§10.3: raising a
 *     priority above the MCP is RangeError 0..MCP), its bound notification;
 *   3 f_main: a VMFault, an UnknownSyscall, a UserException, then FP use,
 *     which works;
 *   4 f_fpu (fpu_disabled): FP use faults (UserException, ESR class 0x07);
 *   9 the finisher.
 */
#include "lt.h"

enum { B_TCB = 1, WORKER_TCB = 2, F_MAIN_TCB = 3, F_FPU_TCB = 4, FAULT_EP = 5, WORKER_EP = 6,
       WORKER_NTFN = 7 };
enum { W_TCB = 1, W_EP = 2 };
enum { F_MAIN = 1, F_FPU = 2 };

#define FMOV_D0_X0 ".inst 0x9e670000\n"	/* fmov d0, x0 */
#define FMOV_X1_D0 ".inst 0x9e660001\n"	/* fmov x1, d0 */

static void boss(void)
{
	seL4_UserContext r;
	seL4_Word badge;
	lt_name("boss");
	LT_EQ("ReadRegisters of the worker (resume: False)",
	      seL4_TCB_ReadRegisters(WORKER_TCB, 0, 0, 11, &r), 0);
	LT_EQ("  worker pc (spec ip: it has not run)", r.pc, 0x400000);
	LT_EQ("  worker sp", r.sp, 0x5e2000);
	LT_EQ("  worker x0", r.x0, 0x5e3000);
	LT_EQ("  worker x1", r.x1, 2);
	LT_EQ("  worker x2", r.x2, 0x1111);
	LT_EQ("  worker x3", r.x3, 0x2222);
	LT_EQ("  worker x4", r.x4, 0x3333);
	LT_EQ("  worker x5", r.x5, 0x4444);
	LT_EQ("  worker x6", r.x6, 0x5555);
	LT_EQ("  worker x7", r.x7, 0x6666);
	LT_EQ("Resume of the worker", seL4_TCB_Resume(WORKER_TCB), 0);
	seL4_Signal(WORKER_NTFN);
	seL4_SetMR(0, 0x4242);
	seL4_Send(WORKER_EP, seL4_MessageInfo_new(0, 0, 0, 1));
	lt_ok(1, "Send to the worker returned: the worker received it");

	/* the faulter's faults, in the order it makes them */
	static const struct { seL4_Word badge, label; const char *what; } want[] = {
		{0xbad1, seL4_Fault_VMFault, "f_main read of 0x10000000"},
		{0xbad1, seL4_Fault_UnknownSyscall, "f_main syscall 0x123"},
		{0xbad1, seL4_Fault_UserException, "f_main udf #0"},
		{0xbad2, seL4_Fault_UserException, "f_fpu fmov d0, x0"},
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		seL4_MessageInfo_t m = seL4_Recv(FAULT_EP, &badge);
		seL4_Word label = seL4_MessageInfo_get_label(m), len = seL4_MessageInfo_get_length(m);
		seL4_Word mr[13];
		for (int k = 0; k < 13; k++)
			mr[k] = (seL4_Word)k < len ? seL4_GetMR(k) : 0;
		lt_ok(1, "fault %u (%s) received", i + 1, want[i].what);
		LT_EQ("  badge", badge, want[i].badge);
		LT_EQ("  label", label, want[i].label);
		switch (i) {
		case 0:
			LT_EQ("  length", len, 4);
			LT_EQ("  MR1 address", mr[1], 0x10000000);
			LT_EQ("  MR2 prefetch fault", mr[2], 0);
			LT_EQ("  MR3 ESR exception class (data abort from EL0)", mr[3] >> 26, 0x24);
			break;
		case 1:
			LT_EQ("  length", len, 13);
			LT_EQ("  MR0 x0", mr[0], 0xaa);
			LT_EQ("  MR7 x7", mr[7], 0x123);
			LT_EQ("  MR12 syscall number", mr[12], 0x123);
			break;
		case 2:
			LT_EQ("  length", len, 5);
			LT_EQ("  MR3 Number (ESR of udf #0)", mr[3], 0x2000000);
			LT_EQ("  MR4 Code", mr[4], 0);
			break;
		case 3:
			LT_EQ("  length", len, 5);
			LT_EQ("  MR3 Number: ESR exception class (FP access trap)", mr[3] >> 26, 0x07);
			break;
		}
		/* go on after the faulting instruction */
		seL4_CPtr tcb = badge == 0xbad1 ? F_MAIN_TCB : F_FPU_TCB;
		int err = seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof(r) / sizeof(seL4_Word), &r);
		r.pc += 4;
		if (!err)
			err = seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(r) / sizeof(seL4_Word), &r);
		if (err)
			LT_EQ("  moving the faulter on", err, 0);
		seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
	}
	lt_summary();
}

static void worker(void)
{
	seL4_Word badge;
	lt_name("worker");
	LT_EQ("x1", lt_arg[1], 2);
	LT_EQ("x2..x7 sum of init words", lt_arg[2] + lt_arg[3] + lt_arg[4] + lt_arg[5] +
	      lt_arg[6] + lt_arg[7], 0x1111 * 21);
	LT_EQ("x7", lt_arg[7], 0x6666);
	LT_EQ("SetPriority 161 (above its MCP 160)", seL4_TCB_SetPriority(W_TCB, W_TCB, 161),
	      seL4_RangeError);
	LT_EQ("  MR0 (min)", seL4_GetMR(0), 0);
	LT_EQ("  MR1 (max: the MCP)", seL4_GetMR(1), 160);
	LT_EQ("SetMCPriority 161", seL4_TCB_SetMCPriority(W_TCB, W_TCB, 161), seL4_RangeError);
	LT_EQ("  MR1 (max: the MCP)", seL4_GetMR(1), 160);
	LT_EQ("SetPriority 160 (its MCP)", seL4_TCB_SetPriority(W_TCB, W_TCB, 160), 0);
	seL4_Recv(W_EP, &badge);
	LT_EQ("Recv on its endpoint: the bound notification's badge", badge, 0x40);
	seL4_Recv(W_EP, &badge);
	LT_EQ("Recv again: the boss's message, badge", badge, 0x41);
	LT_EQ("  MR0", seL4_GetMR(0), 0x4242);
	lt_summary();
}

static void f_main(void)
{
	lt_name("f_main");
	volatile seL4_Word *bad = (seL4_Word *)0x10000000;
	(void)*bad;
	lt_ok(1, "continued after the VMFault");
	register seL4_Word x0 __asm__("x0") = 0xaa;
	register seL4_Word x7 __asm__("x7") = 0x123;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "x1", "x2", "x3", "x4", "x5", "x6",
			 "memory");
	lt_ok(1, "continued after the UnknownSyscall");
	__asm__ volatile(".inst 0x00000000" ::: "memory"); /* udf #0 */
	lt_ok(1, "continued after the UserException");
	register seL4_Word a __asm__("x0") = 0x77;
	register seL4_Word b __asm__("x1") = 0;
	__asm__ volatile(FMOV_D0_X0 FMOV_X1_D0 : "+r"(b) : "r"(a) : "memory");
	LT_EQ("FP registers usable (fmov x0 -> d0 -> x1)", b, 0x77);
	lt_summary();
}

static void f_fpu(void)
{
	lt_name("f_fpu");
	register seL4_Word a __asm__("x0") = 0x77;
	__asm__ volatile(FMOV_D0_X0 : : "r"(a) : "memory");
	lt_ok(1, "continued after the FP fault");
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	switch (role) {
	case 0:
		boss();
		lt_stop(B_TCB);
	case 2:
		worker();
		lt_stop(W_TCB);
	case 3:
		f_main();
		lt_stop(F_MAIN);
	case 4:
		f_fpu();
		lt_stop(F_FPU);
	case 9:
		lt_finish();
	}
}
