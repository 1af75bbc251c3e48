/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench-component.c: the program of every component of the loader
 * benchmark (tests/bench/loader-bench.sh). gen-cdl.py --elf NAME:SIZE
 * fills each component's code frames with the first SIZE bytes of this
 * ELF file at 0x400000 (bench-component.ld puts the headers and the code
 * there, with no data) and starts it at --entry with x0 = the component's
 * number and sp at the top of its stack; the IPC buffer is not needed.
 *
 * It executes the marker instruction "hint #0x5f" (a NOP) that the
 * instruction-counting plugin (insn-count.c) reports, prints one line
 * "BENCH|up N" and suspends itself (its TCB is slot 1 of its CNode).
 * Raw system calls only: no thread-local storage, no IPC buffer.
 */
#include <sel4/sel4.h>

static void put(char c)
{
	register seL4_Word x0 __asm__("x0") = (unsigned char)c;
	register seL4_Word x7 __asm__("x7") = (seL4_Word)seL4_SysDebugPutChar;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x7) : "x1", "x2", "x3", "x4", "x5", "memory");
}

static void put_dec(unsigned long v)
{
	char buf[24];
	int n = 0;
	do
		buf[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		put(buf[--n]);
}

void _start(unsigned long n);

__attribute__((section(".text.start"), noreturn)) void _start(unsigned long n)
{
	__asm__ volatile("hint #0x5f" ::: "memory");
	for (const char *s = "BENCH|up "; *s; s++)
		put(*s);
	put_dec(n);
	put('\n');
	for (;;) { /* TCB_Suspend of its own TCB (slot 1): Call, label TCBSuspend */
		register seL4_Word x0 __asm__("x0") = 1;
		register seL4_Word x1 __asm__("x1") = (seL4_Word)TCBSuspend << 12;
		register seL4_Word x7 __asm__("x7") = (seL4_Word)seL4_SysCall;
		__asm__ volatile("svc #0" : "+r"(x0), "+r"(x1) : "r"(x7)
				 : "x2", "x3", "x4", "x5", "memory");
	}
}
