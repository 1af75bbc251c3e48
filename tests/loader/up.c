/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * up.c: the component of many-vspaces.py's spec (x2 = its number):
 * writes its number into its data page, yields to every other component
 * (one priority: round robin), and checks that the page, at the same
 * virtual address in every component, still holds its number: its VSpace
 * is its own. Role 9 is the finisher.
 */
#include "lt.h"

static volatile seL4_Word mine = ~0ul;

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)b, (void)c;
	if (role == 9)
		lt_finish();
	lt_name("up");
	mine = a;
	seL4_Yield();
	char buf[64];
	snprintf(buf, sizeof(buf), "component %lu: its data page still holds 0x%lx",
		 (unsigned long)a, (unsigned long)a);
	LT_EQ(buf, mine, a);
	lt_stop(1);
}
