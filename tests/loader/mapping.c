/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mapping.c (mapping.cdl): slot 1 holds the cap that maps buf at 0x5ff000
 * (mapping: (p, 0x1ff)); slot 2 an unmapped copy; slot 3 the VSpace.
 * Unmapping slot 1 must free that address (seL4_ARM_Page_Unmap on the
 * mapping cap), so that slot 2 maps there without seL4_DeleteFirst, and
 * the page keeps its contents (same frame). If slot 1 were only a copy,
 * its Unmap would do nothing and the Map would fail.
 */
#include <rt.h>
#include <sel4/sel4.h>

#define BUF ((volatile char *)0x5ff000)

int component_main(seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	BUF[0] = 'x';
	int e1 = seL4_ARM_Page_Unmap(1);
	int e2 = seL4_ARM_Page_Map(2, 3, 0x5ff000, seL4_ReadWrite, seL4_ARM_Default_VMAttributes);
	printf("MAP|unmap slot 1: %d, map slot 2 there: %d, byte: %c\n", e1, e2, BUF[0]);
	seL4_DebugHalt();
	return 0;
}
