/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sel4.h: the seL4 16.0.0 user API for AArch64 (non-MCS), as libsel4
 * presents it: types, constants, system calls and invocation stubs.
 */
#ifndef SEL4_SEL4_H
#define SEL4_SEL4_H

#include <sel4/simple_types.h>
#include <sel4/constants.h>
#include <sel4/shared_types.h>
#include <sel4/bootinfo_types.h>
#include <sel4/syscalls.h>
#include <sel4/invocation.h>
#include <sel4/sel4_client.h>
#include <sel4/arch_compat.h>

/* Map-failure level of a FailedLookup from ARM_Page_Map (MR2 = bitsLeft). */
LIBSEL4_INLINE_FUNC seL4_Word seL4_MappingFailedLookupLevel(void)
{
	return seL4_GetMR(2);
}

#endif
