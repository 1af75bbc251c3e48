/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * server.c: answers calls on its endpoint (CPtr 1): tells callers apart by
 * the badge the spec gave their cap, writes a greeting into the page it
 * shares with the client, and replies with the number it got plus one.
 */
#include <rt.h>
#include <sel4/sel4.h>

#define CALL_EP 1
#define SHARED ((volatile char *)0x5ff000)

int component_main(seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	printf("HELLO|server: waiting for calls\n");
	for (;;) {
		seL4_Word badge;
		seL4_MessageInfo_t m = seL4_Recv(CALL_EP, &badge);
		seL4_Word x = seL4_GetMR(0);
		printf("HELLO|server: call from badge %lu with %lu\n", (unsigned long)badge,
		       (unsigned long)x);
		const char hi[] = "hello from the server";
		for (unsigned i = 0; i < sizeof(hi); i++)
			SHARED[i] = hi[i];
		(void)m;
		seL4_SetMR(0, x + 1);
		seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
	}
	return 0;
}
