/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * client.c: calls the server over its endpoint (CPtr 1, badged 7 by the
 * spec), reads the page the server shares read-only, and ends the run.
 */
#include <rt.h>
#include <sel4/sel4.h>

#define CALL_EP 1
#define SHARED ((volatile const char *)0x5ff000)

int component_main(seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	printf("HELLO|client: calling the server\n");
	seL4_SetMR(0, 41);
	seL4_MessageInfo_t reply = seL4_Call(CALL_EP, seL4_MessageInfo_new(0, 0, 0, 1));
	printf("HELLO|client: the server answered %lu (reply length %lu)\n",
	       (unsigned long)seL4_GetMR(0), (unsigned long)seL4_MessageInfo_get_length(reply));
	printf("HELLO|client: the shared page says \"%s\"\n", (const char *)SHARED);
	printf("HELLO|done: the system is up\n");
	seL4_DebugHalt();
	return 0;
}
