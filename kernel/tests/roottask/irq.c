/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * irq: IRQControl_Get / GetTrigger, IRQHandler SetNotification / Ack /
 * Clear, delivery of a real device interrupt (the PL011's transmit
 * interrupt, SPI 1 = INTID 33) to a notification, masked until Ack; and
 * DomainSet_Set (reference sections 5, 9.2, 10.6).
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode
#define UART_IRQ 33
#define UART_VA 0x60000000ul
#define UARTDR   0x000
#define UARTRIS  0x03c
#define UARTIMSC 0x038
#define UARTICR  0x044
#define TXI      (1u << 5)

static seL4_CPtr ut;

static volatile unsigned *uart(unsigned reg)
{
	return (volatile unsigned *)(UART_VA + reg);
}

static seL4_CPtr uart_frame(void)
{
	seL4_BootInfo *bi = rt_bootinfo;
	seL4_CPtr dev = 0, f = rt_alloc_slot(), sub = rt_alloc_slot();

	for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
		seL4_UntypedDesc *d = &bi->untypedList[i];

		if (d->isDevice && d->paddr == 0x9000000)
			dev = bi->untyped.start + i;
	}
	if (!CHECK(dev, "the device untyped at the UART (0x9000000)"))
		return 0;
	/* the first page of that untyped is the UART */
	seL4_Untyped_Retype(dev, seL4_ARM_SmallPageObject, 0, ROOT, 0, 0, f, 1);
	(void)sub;
	CHECK(seL4_ARM_Page_GetAddress(f).paddr == 0x9000000,
	      "a frame at the UART's address");
	CHECK_ERR(rt_map(ut, f, UART_VA, seL4_ReadWrite, seL4_ARM_ExecuteNever),
	          0, "mapped uncached");
	return f;
}

int rt_main(seL4_BootInfo *bi)
{
	seL4_CPtr h = rt_alloc_slot(), h2 = rt_alloc_slot(), copy = rt_alloc_slot();
	seL4_CPtr ntfn = rt_alloc_slot(), nb = rt_alloc_slot(), ro = rt_alloc_slot();
	seL4_CPtr ep = rt_alloc_slot(), tcb = rt_alloc_slot();
	seL4_Word badge;
	seL4_Error e;

	(void)bi;
	ut = rt_find_untyped(22, 0, NULL);
	seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, ROOT, 0, 0, ntfn, 1);
	seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, ep, 1);
	seL4_Untyped_Retype(ut, seL4_TCBObject, 0, ROOT, 0, 0, tcb, 1);
	seL4_CNode_Mint(ROOT, nb, 64, ROOT, ntfn, 64, seL4_AllRights, 0x80);
	seL4_CNode_Copy(ROOT, ro, 64, ROOT, ntfn, 64, seL4_CanRead);

	e = seL4_IRQControl_Get(seL4_CapIRQControl, 1000, ROOT, h, 64);
	CHECK_ERR(e, seL4_RangeError, "IRQ 1000");
	CHECK_MR(0, 0, "IRQ 1000");
	CHECK_MR(1, 159, "IRQ 1000");
	e = seL4_IRQControl_Get(seL4_CapIRQControl, 27, ROOT, h, 64);
	CHECK_ERR(e, seL4_RevokeFirst, "the kernel's timer IRQ 27");
	e = seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT,
	                        seL4_CapDomain, 64);
	CHECK_ERR(e, seL4_DeleteFirst, "into an occupied slot");
	e = seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT, h, 0);
	CHECK_ERR(e, seL4_RangeError, "depth 0");
	e = seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT, h, 64);
	CHECK_ERR(e, 0, "IRQ 33");
	CHECK(seL4_DebugCapIdentify(h) == 16, "an IRQHandler cap");
	e = seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT, h2, 64);
	CHECK_ERR(e, seL4_RevokeFirst, "IRQ 33 again");
	CHECK_ERR(seL4_CNode_Copy(ROOT, copy, 64, ROOT, h, 64, seL4_AllRights),
	          0, "IRQHandler caps can be copied");
	CHECK_ERR(seL4_IRQHandler_SetNotification(h, ep),
	          seL4_InvalidCapability, "SetNotification with an endpoint");
	CHECK_MR(0, 0, "SetNotification with an endpoint");
	CHECK_ERR(seL4_IRQHandler_SetNotification(h, ro),
	          seL4_InvalidCapability, "SetNotification without Write");
	CHECK_ERR(seL4_IRQHandler_SetNotification(h, nb), 0, "SetNotification");
	seL4_DebugSnapshot();

	/* a real interrupt: the UART's transmit interrupt */
	if (uart_frame()) {
		*uart(UARTIMSC) |= TXI;
		*uart(UARTDR) = '.';
		*uart(UARTDR) = '\n';
		seL4_Wait(ntfn, &badge);
		CHECK(badge == 0x80, "the interrupt signalled badge 0x%lx",
		      (unsigned long)badge);
		CHECK((*uart(UARTRIS) & TXI) != 0, "TX interrupt raised");
		/* still masked: no second signal until Ack */
		seL4_Poll(ntfn, &badge);
		CHECK(badge == 0, "masked until Ack");
		*uart(UARTIMSC) &= ~TXI;
		*uart(UARTICR) = TXI;
		CHECK_ERR(seL4_IRQHandler_Ack(h), 0, "Ack");
		/* raise it once more, acknowledge through the copy */
		*uart(UARTIMSC) |= TXI;
		*uart(UARTDR) = '\n';
		seL4_Wait(ntfn, &badge);
		CHECK(badge == 0x80, "a second interrupt after Ack");
		*uart(UARTIMSC) &= ~TXI;
		*uart(UARTICR) = TXI;
		CHECK_ERR(seL4_IRQHandler_Ack(copy), 0, "Ack through the copy");
	}
	CHECK_ERR(seL4_IRQHandler_Clear(h), 0, "Clear");
	/* deleting every handler cap frees the IRQ */
	seL4_CNode_Delete(ROOT, copy, 64);
	CHECK_ERR(seL4_IRQControl_Get(seL4_CapIRQControl, UART_IRQ, ROOT, h2, 64),
	          seL4_RevokeFirst, "one handler cap left: still taken");
	seL4_CNode_Delete(ROOT, h, 64);
	CHECK_ERR(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, UART_IRQ, 1,
	                                     ROOT, h2, 64), 0,
	          "free again: GetTrigger (edge)");
	CHECK_ERR(seL4_CNode_Revoke(ROOT, seL4_CapIRQControl, 64), 0,
	          "revoke IRQControl");
	CHECK(seL4_DebugCapIdentify(h2) == 0, "the handler cap went");

	/* DomainSet */
	CHECK_ERR(seL4_DomainSet_Set(seL4_CapDomain, 0, tcb), 0, "domain 0");
	CHECK_ERR(seL4_DomainSet_Set(seL4_CapDomain, 1, tcb),
	          seL4_InvalidArgument, "domain 1 of 1");
	CHECK_MR(0, 0, "domain 1 of 1");
	CHECK_ERR(seL4_DomainSet_Set(seL4_CapDomain, 0, ep),
	          seL4_InvalidArgument, "DomainSet on an endpoint");
	CHECK_MR(0, 1, "DomainSet on an endpoint");
	return 0;
}
