/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fault: fault delivery to the fault endpoint and fault replies
 * (reference section 8): VMFault, UnknownSyscall (with register
 * rewriting), UserException (udf and a disabled FPU), CapFault; threads
 * without a usable handler are reported on the console and suspended.
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode

static seL4_CPtr ut, fep, fep_badged, fep_nogrant;
static struct rt_thread t1, t2, t3;
static volatile seL4_Word after_svc, done;

static void faulter(seL4_Word arg)
{
	register seL4_Word x0 __asm__("x0");

	(void)arg;
	/* 1: a write to unmapped memory */
	*(volatile seL4_Word *)0x700001230 = 0x55;
	/* 2: an unknown system call 0x64 with x0..x6 = 0x11..0x77 */
	__asm__ volatile(
		"mov x0, #0x11\n\tmov x1, #0x22\n\tmov x2, #0x33\n\t"
		"mov x3, #0x44\n\tmov x4, #0x55\n\tmov x5, #0x66\n\t"
		"mov x6, #0x77\n\tmov x7, #0x64\n\tsvc #0"
		: "=r"(x0) : : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
	after_svc = x0;
	/* 3: an undefined instruction */
	__asm__ volatile("udf #0" : : : "memory");
	done = 1;
	/* 4: a Call on a CPtr that does not resolve */
	seL4_Call(1ul << 40, seL4_MessageInfo_new(0, 0, 0, 0));
	done = 2;
}

static void fpu_user(seL4_Word arg)
{
	(void)arg;
	__asm__ volatile(".inst 0x9e670000" : : : "memory"); /* fmov d0, x0 */
	done = 3;
}

static void bad_access(seL4_Word arg)
{
	(void)arg;
	*(volatile seL4_Word *)0x7000000000 = 1;
	done = 4;
}

static seL4_MessageInfo_t wait_fault(seL4_Word *badge, seL4_Word mr[16])
{
	seL4_MessageInfo_t m = seL4_Recv(fep, badge);

	for (int i = 0; i < 16; i++)
		mr[i] = seL4_GetMR(i);
	return m;
}

static void delivered(void)
{
	seL4_Word badge, mr[16];
	seL4_MessageInfo_t m;
	seL4_CPtr frame = rt_alloc_slot(), saved = rt_alloc_slot();

	CHECK_ERR(rt_thread_start(&t1, ut, faulter, 0, 200, fep_badged,
	                          0x10001000), 0, "faulting thread");
	/* VM fault */
	m = wait_fault(&badge, mr);
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_VMFault &&
	      seL4_MessageInfo_get_length(m) == 4, "VMFault: label 5, length 4");
	CHECK(badge == 0xfa, "the fault endpoint's badge 0x%lx",
	      (unsigned long)badge);
	CHECK(mr[1] == 0x700001230 && mr[2] == 0, "address 0x%lx, data fault",
	      (unsigned long)mr[1]);
	CHECK(mr[3] == 0x92000045, "FSR = ESR 0x%lx", (unsigned long)mr[3]);
	CHECK(mr[0] > 0x400000 && mr[0] < 0x500000, "IP 0x%lx in the image",
	      (unsigned long)mr[0]);
	/* map the page, reply: the store is retried and succeeds */
	seL4_Untyped_Retype(ut, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, frame, 1);
	CHECK_ERR(rt_map(ut, frame, 0x700001000, seL4_ReadWrite,
	                 seL4_ARM_Default_VMAttributes), 0, "map the page");

	/* UnknownSyscall */
	m = seL4_ReplyRecv(fep, seL4_MessageInfo_new(0, 0, 0, 0), &badge);
	for (int i = 0; i < 16; i++)
		mr[i] = seL4_GetMR(i);
	CHECK(*(volatile seL4_Word *)0x700001230 == 0x55,
	      "the restarted store reached the page");
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_UnknownSyscall &&
	      seL4_MessageInfo_get_length(m) == 13,
	      "UnknownSyscall: label 2, length 13 (got %lu, %lu)",
	      (unsigned long)seL4_MessageInfo_get_label(m),
	      (unsigned long)seL4_MessageInfo_get_length(m));
	CHECK(mr[0] == 0x11 && mr[3] == 0x44 && mr[6] == 0x77 && mr[7] == 0x64,
	      "x0..x7 in MR0..MR7");
	CHECK(mr[10] == mr[8] + 4, "MR8 FaultIP (the svc), MR10 the next pc");
	CHECK((mr[11] & 0xfff) == 0x40, "MR11 SPSR 0x%lx", (unsigned long)mr[11]);
	CHECK(mr[12] == 0x64, "MR12 the syscall number");
	CHECK(mr[9] > (seL4_Word)&t1.stack[0] &&
	      mr[9] <= (seL4_Word)&t1.stack[1024], "MR9 the thread's SP");
	/* reply: x0 = 0x999, resume after the svc */
	for (int i = 0; i < 9; i++)
		seL4_SetMR(i, mr[i]);
	seL4_SetMR(0, 0x999);
	seL4_SetMR(8, mr[8] + 4);

	/* UserException (udf) */
	m = seL4_ReplyRecv(fep, seL4_MessageInfo_new(0, 0, 0, 9), &badge);
	for (int i = 0; i < 16; i++)
		mr[i] = seL4_GetMR(i);
	CHECK(after_svc == 0x999, "the reply rewrote x0: 0x%lx",
	      (unsigned long)after_svc);
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_UserException &&
	      seL4_MessageInfo_get_length(m) == 5, "UserException: label 3, length 5");
	CHECK(mr[3] == 0x2000000 && mr[4] == 0, "Number = ESR 0x%lx, Code 0",
	      (unsigned long)mr[3]);
	seL4_SetMR(0, mr[0] + 4);

	/* CapFault */
	m = seL4_ReplyRecv(fep, seL4_MessageInfo_new(0, 0, 0, 1), &badge);
	for (int i = 0; i < 16; i++)
		mr[i] = seL4_GetMR(i);
	CHECK(done == 1, "the udf was skipped");
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_CapFault &&
	      seL4_MessageInfo_get_length(m) == 7, "CapFault: label 1, length 7");
	CHECK(mr[1] == 1ul << 40 && mr[2] == 0 && mr[3] == 4 && mr[4] == 64 &&
	      mr[5] == 0 && mr[6] == 52,
	      "Addr 2^40, send phase, guard mismatch, 64 left, guard 0, 52 bits");
	/* keep the reply cap, then answer with an error label: a cap fault
	 * always restarts (and faults again) */
	CHECK_ERR(seL4_CNode_SaveCaller(ROOT, saved, 64), 0, "SaveCaller");
	CHECK(seL4_DebugCapIdentify(saved) == 8, "a reply cap");
	seL4_Send(saved, seL4_MessageInfo_new(9, 0, 0, 0));
	m = wait_fault(&badge, mr);
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_CapFault,
	      "restarted and faulted again");
	CHECK_ERR(seL4_TCB_Suspend(t1.tcb), 0, "suspend it");
}

static void others(void)
{
	seL4_Word badge, mr[16];
	seL4_MessageInfo_t m;
	seL4_TCB_SetFlags_t f;

	/* FPU disabled: FP use is a UserException with EC 0x07 */
	done = 0;
	CHECK_ERR(rt_thread_start(&t2, ut, fpu_user, 0, 200, fep_badged,
	                          0x10002000), 0, "FPU thread");
	f = seL4_TCB_SetFlags(t2.tcb, 0, seL4_TCBFlag_fpuDisabled);
	CHECK(f.error == 0 && f.flags == 1, "fpuDisabled set");
	m = wait_fault(&badge, mr);
	CHECK(seL4_MessageInfo_get_label(m) == seL4_Fault_UserException &&
	      (mr[3] >> 26) == 0x7, "FP use with fpuDisabled: UserException, "
	      "ESR 0x%lx", (unsigned long)mr[3]);
	/* re-enable and restart the instruction */
	seL4_TCB_SetFlags(t2.tcb, 1, 0);
	seL4_SetMR(0, mr[0]);
	seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK(done == 3, "with the FPU enabled the instruction ran");

	/* no usable fault handler: console report, thread suspended */
	CHECK_ERR(rt_thread_start(&t3, ut, bad_access, 0, 200, 0, 0x10003000),
	          0, "thread without a fault handler");
	seL4_DebugNameThread(t3.tcb, "no-handler");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK(done == 3, "it did not get past the fault");
	CHECK_ERR(rt_thread_start(&t3, ut, bad_access, 0, 200, fep_nogrant,
	                          0x10004000), 0, "handler cap without grant");
	seL4_DebugNameThread(t3.tcb, "no-grant");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	CHECK(done == 3, "it did not get past the fault either");
}

int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	ut = rt_find_untyped(22, 0, NULL);
	fep = rt_alloc_slot();
	fep_badged = rt_alloc_slot();
	fep_nogrant = rt_alloc_slot();
	seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, fep, 1);
	seL4_CNode_Mint(ROOT, fep_badged, 64, ROOT, fep, 64, seL4_AllRights, 0xfa);
	seL4_CNode_Mint(ROOT, fep_nogrant, 64, ROOT, fep, 64, seL4_CanWrite, 0xfb);
	delivered();
	others();
	return 0;
}
