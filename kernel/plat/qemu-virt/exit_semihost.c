/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exit_semihost.c: leave QEMU through Arm semihosting (needs
 * -semihosting-config enable=on).  SYS_EXIT with reason
 * ADP_Stopped_ApplicationExit makes QEMU exit with status `code`.
 */
#include <stdint.h>
#include <kernel/panic.h>

#define SYS_EXIT                     0x18
#define ADP_Stopped_ApplicationExit  0x20026

uint64_t semihost_call(uint64_t op, const void *param);   /* semihost.S */

NORETURN void plat_exit(unsigned code)
{
	const uint64_t block[2] = { ADP_Stopped_ApplicationExit, code & 0xff };

	semihost_call(SYS_EXIT, block);
	/* Only reached if the debugger/emulator ignored the request. */
	for (;;)
		__asm__ volatile("msr daifset, #0xf\n\twfi");
}
