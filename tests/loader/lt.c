/* SPDX-License-Identifier: BSD-2-Clause */
/* lt.c: start, checks and fault handling of loader test components (lt.h). */
#include "lt.h"

__thread seL4_Word lt_arg[8];
volatile struct lt_fault lt_fault;
static __thread const char *comp = "?";
static __thread int checks, failed;

void _sel4_start(seL4_Word, seL4_Word, seL4_Word, seL4_Word, seL4_Word, seL4_Word,
		 seL4_Word, seL4_Word);

__attribute__((section(".text.start"), noreturn))
void _sel4_start(seL4_Word x0, seL4_Word x1, seL4_Word x2, seL4_Word x3, seL4_Word x4,
		 seL4_Word x5, seL4_Word x6, seL4_Word x7)
{
	/* the TLS block: in the IPC buffer's page, 2 KiB in */
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(rt_tls_init((void *)(x0 + 2048))));
	seL4_SetIPCBuffer((seL4_IPCBuffer *)x0);
	lt_arg[0] = x0, lt_arg[1] = x1, lt_arg[2] = x2, lt_arg[3] = x3;
	lt_arg[4] = x4, lt_arg[5] = x5, lt_arg[6] = x6, lt_arg[7] = x7;
	extern void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c);
	lt_thread(x1, x2, x3, x4);
	printf("not ok - thread %lu returned instead of stopping itself\n", (unsigned long)x1);
	for (;;)
		seL4_Yield();
}

_Noreturn void lt_stop(seL4_CPtr own_tcb)
{
	seL4_TCB_Suspend(own_tcb);
	printf("not ok - TCB_Suspend of its own TCB (%lu) returned\n", (unsigned long)own_tcb);
	for (;;)
		seL4_Yield();
}

/* A component started as a root task by mistake. */
int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	printf("a loader test component was started as a root task\n");
	return 1;
}

void lt_name(const char *name)
{
	comp = name;
}

int lt_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	checks++;
	if (!cond)
		failed++;
	printf("%s %d - %s: ", cond ? "ok" : "not ok", checks, comp);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

int lt_eq(const char *what, seL4_Word got, seL4_Word want)
{
	if (got == want)
		return lt_ok(1, "%s = 0x%lx", what, (unsigned long)got);
	return lt_ok(0, "%s = 0x%lx (want 0x%lx)", what, (unsigned long)got,
		     (unsigned long)want);
}

void lt_summary(void)
{
	printf("# %s: %d checks, %d failed\n", comp, checks, failed);
}

_Noreturn void lt_fault_server(seL4_CPtr ep, seL4_CPtr tcb)
{
	for (;;) {
		seL4_Word badge;
		seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
		seL4_Word len = seL4_MessageInfo_get_length(info);
		lt_fault.label = seL4_MessageInfo_get_label(info);
		lt_fault.len = len;
		lt_fault.badge = badge;
		for (seL4_Word i = 0; i < 16; i++)
			lt_fault.mr[i] = i < len ? seL4_GetMR((int)i) : 0;
		seL4_UserContext regs;
		int err = seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
		if (err)
			printf("not ok - fault server: ReadRegisters: %d\n", err);
		/* VMFault with PrefetchFault set: a jump to a bad address; go back */
		if (lt_fault.label == seL4_Fault_VMFault && lt_fault.mr[2])
			regs.pc = regs.x30;
		else
			regs.pc += 4;
		err = seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
		if (err)
			printf("not ok - fault server: WriteRegisters: %d\n", err);
		lt_fault.count++;
		seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
	}
}

int lt_probe_read(seL4_Word addr, seL4_Word *value)
{
	seL4_Word before = lt_fault.count, v = 0;
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	if (value)
		*value = v;
	return lt_fault.count != before;
}

int lt_probe_write(seL4_Word addr, seL4_Word value)
{
	seL4_Word before = lt_fault.count;
	__asm__ volatile("str %0, [%1]" : : "r"(value), "r"(addr) : "memory");
	return lt_fault.count != before;
}

int lt_probe_exec(seL4_Word addr, seL4_Word *ret)
{
	seL4_Word before = lt_fault.count;
	seL4_Word r = ((seL4_Word(*)(void))addr)();
	if (ret)
		*ret = r;
	return lt_fault.count != before;
}

_Noreturn void lt_finish(void)
{
	printf("# finisher: every other thread has blocked or stopped; halting\n");
	seL4_DebugHalt();
	for (;;)
		;
}
