/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * component.c: start of an example component. The loader starts a
 * component's thread at its ELF entry with the spec's sp and init
 * arguments in x0..x7; here x0 is the address of the thread's IPC buffer
 * (the spec's tcb addr:). Set up thread-local storage (libsel4 keeps the
 * IPC buffer pointer there) and call component_main(x1, x2, x3).
 */
#include <rt.h>
#include <sel4/sel4.h>

int component_main(seL4_Word a, seL4_Word b, seL4_Word c);

static char tls[RT_TLS_SIZE] __attribute__((aligned(16)));

void _sel4_start(seL4_Word ipc_buffer, seL4_Word a, seL4_Word b, seL4_Word c);

__attribute__((section(".text.start"), noreturn))
void _sel4_start(seL4_Word ipc_buffer, seL4_Word a, seL4_Word b, seL4_Word c)
{
	__asm__ volatile("msr tpidr_el0, %0" : : "r"(rt_tls_init(tls)));
	seL4_SetIPCBuffer((seL4_IPCBuffer *)ipc_buffer);
	component_main(a, b, c);
	for (;;)
		seL4_TCB_Suspend(0); /* slot 0 holds no TCB: faults, ends the thread */
}

/* The runtime's root-task entry (rt_start) calls rt_main: a component
 * started as a root task says so and stops. */
int rt_main(seL4_BootInfo *bi)
{
	(void)bi;
	printf("a capdl component was started as a root task\n");
	return 1;
}
