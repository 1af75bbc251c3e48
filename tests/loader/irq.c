/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irq.c: the component of irq-level.cdl and irq-edge.cdl (x2 = 1: level).
 * The PL031 RTC raises its interrupt when its match register equals its
 * counter: writing MR = DR with the interrupt unmasked (IMSC) raises it at
 * once, and the line stays high until ICR clears it. The kernel signals
 * the IRQ object's notification and masks the IRQ until Ack
 * (sel4-abi-aarch64.md §10.6).
 */
#include "lt.h"

enum { TCB = 1, NTFN = 2, IRQ = 3 };
static volatile uint32_t *const rtc = (uint32_t *)0x600000;
enum { DR = 0, MR = 1, IMSC = 4, RIS = 5, ICR = 7 }; /* register offsets / 4 */

static seL4_Word poll(void)
{
	seL4_Word badge = 0;
	seL4_Yield(); /* a pending interrupt is taken by now */
	seL4_Poll(NTFN, &badge);
	return badge;
}

static void test(int level)
{
	seL4_Word badge;
	lt_name(level ? "irq-level" : "irq-edge");
	rtc[ICR] = 1;
	rtc[IMSC] = 1;
	LT_EQ("nothing signalled before the RTC fires", poll(), 0);
	rtc[MR] = rtc[DR];
	LT_EQ("RTC raw interrupt status after MR = DR", rtc[RIS], 1);
	seL4_Wait(NTFN, &badge);
	LT_EQ("Wait: the interrupt arrived with the notification badge", badge, 0x22);
	LT_EQ("  masked until Ack: nothing more", poll(), 0);
	LT_EQ("Ack without clearing the RTC", seL4_IRQHandler_Ack(IRQ), 0);
	LT_EQ(level ? "  level: the interrupt comes again" : "  edge: no second interrupt",
	      poll(), level ? 0x22 : 0);
	rtc[ICR] = 1;
	LT_EQ("RTC raw interrupt status after clearing it", rtc[RIS], 0);
	LT_EQ("Ack after clearing the RTC", seL4_IRQHandler_Ack(IRQ), 0);
	LT_EQ("  nothing more", poll(), 0);
	rtc[MR] = rtc[DR];
	seL4_Wait(NTFN, &badge);
	LT_EQ("RTC fired again: Wait returns the badge", badge, 0x22);
	rtc[ICR] = 1;
	rtc[IMSC] = 0;
	LT_EQ("Ack", seL4_IRQHandler_Ack(IRQ), 0);
	LT_EQ("  nothing more", poll(), 0);
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)b, (void)c;
	if (role == 9)
		lt_finish();
	test(a == 1);
	lt_stop(TCB);
}
