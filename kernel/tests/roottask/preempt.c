/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * preempt: long operations are preemptible, as in seL4.  Run with 2 GiB
 * of RAM (a 1 GiB untyped).
 *
 * A watcher thread at our priority spins; we start an operation that
 * takes longer than a time slice (5 ticks of 2 ms, i.e. 10 million
 * instructions under QEMU -icount shift=0): the first Retype from the
 * 1 GiB untyped, which zeroes it (16 million instructions and more), and
 * the Revoke of 131072 frames.  Preempted by the tick, the system call
 * stops where it is; when our slice runs out the watcher runs and sees
 * the operation under way (the Retype's cap not there yet, the first
 * frame not yet deleted); then the call is restarted and completes, with
 * exactly the result it would have had without preemption.  Without
 * preemption points the watcher could only run after the call.
 */
#include <rt.h>

#define ROOT seL4_CapInitThreadCNode
#define NFRAMES (1u << 17)

static seL4_CPtr big, dest, frames_cn;
static volatile int in_retype, in_revoke, retype_seen, revoke_seen;
static struct rt_thread watcher;

/* Is slot i of frames_cn occupied? (a Move onto itself changes nothing) */
static int frame_slot_used(seL4_Word i)
{
	return seL4_CNode_Move(frames_cn, i, 17, frames_cn, i, 17) ==
	       seL4_DeleteFirst;
}

static void watch(seL4_Word arg)
{
	(void)arg;
	for (;;) {
		if (in_retype && seL4_DebugCapIdentify(dest) == 0)
			retype_seen = 1;
		if (in_revoke && frame_slot_used(0))
			revoke_seen = 1;
	}
}

int rt_main(seL4_BootInfo *bi)
{
	seL4_Word big_pa, ok = 1;
	seL4_CPtr ut = rt_find_untyped(24, 0, NULL), half = rt_alloc_slot();
	seL4_Error e;

	(void)bi;
	big = rt_find_untyped(30, 0, &big_pa);
	if (!CHECK(big != 0, "a 1 GiB untyped (run with -m 2G)"))
		return 0;
	dest = rt_alloc_slot();
	frames_cn = rt_alloc_slot();
	CHECK_ERR(rt_thread_start(&watcher, ut, watch, 0, 100, 0, 0x10001000),
	          0, "watcher at 100");
	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);

	/* 1. Retype: the reset zeroes 1 GiB */
	in_retype = 1;
	e = seL4_Untyped_Retype(big, seL4_UntypedObject, 29, ROOT, 0, 0, dest, 1);
	in_retype = 0;
	CHECK_ERR(e, 0, "retype a 512 MiB untyped from the 1 GiB one");
	CHECK(seL4_DebugCapIdentify(dest) == 2, "an untyped cap");
	CHECK(retype_seen, "the watcher ran while the reset was under way");
	/* its placement is that of a reset untyped */
	seL4_Untyped_Retype(big, seL4_UntypedObject, 29, ROOT, 0, 0, half, 1);
	CHECK(seL4_DebugCapIdentify(half) == 2, "the second half fits too");

	/* 2. Revoke: 131072 frames */
	CHECK_ERR(seL4_Untyped_Retype(ut, seL4_CapTableObject, 17, ROOT, 0, 0,
	                              frames_cn, 1), 0, "a 2^17-slot CNode");
	for (seL4_Word i = 0; i < NFRAMES; i += 256)
		ok &= seL4_Untyped_Retype(dest, seL4_ARM_SmallPageObject, 0, ROOT,
		                          frames_cn, 64, i, 256) == 0;
	CHECK(ok, "%u frames from the 512 MiB untyped", NFRAMES);
	CHECK(frame_slot_used(0) && frame_slot_used(NFRAMES - 1),
	      "the first and the last are there");
	in_revoke = 1;
	e = seL4_CNode_Revoke(ROOT, dest, 64);
	in_revoke = 0;
	CHECK_ERR(e, 0, "revoke the untyped");
	CHECK(!frame_slot_used(0) && !frame_slot_used(NFRAMES / 2) &&
	      !frame_slot_used(NFRAMES - 1), "all its frames are gone");
	CHECK(revoke_seen, "the watcher ran while the revoke was under way");
	/* the untyped is whole again: one 512 MiB child fits */
	CHECK_ERR(seL4_Untyped_Retype(dest, seL4_UntypedObject, 29, ROOT, 0, 0,
	                              rt_alloc_slot(), 1), 0,
	          "after the revoke the untyped is free");

	seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 255);
	seL4_TCB_Suspend(watcher.tcb);
	return 0;
}
