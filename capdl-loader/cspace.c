/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cspace.c: the loader's CSpace. The kernel gives the root task one CNode
 * of 2^12 slots; a spec may need millions. At start the loader makes a
 * new root CNode L1 (12 bits) whose slot 0 holds the kernel's CNode with a
 * zero guard, and switches to L1 with a 40-bit guard: CPtrs below 4096
 * still name the kernel's slots, and L1 slot i > 0 holds a second-level
 * CNode (12 bits, made when first needed) for CPtrs i * 4096 .. + 4095.
 * That gives 2^24 slots, all addressed with depth 64, on our kernel and on
 * seL4 alike.
 */
#include "loader.h"

#define RADIX SLOT_RADIX
#define GUARD_BITS (64 - 2 * RADIX)

static seL4_CPtr l1;	     /* in the kernel's CNode */
static unsigned long next;   /* next free loader slot */
static seL4_CPtr boot_next;  /* next free slot in the kernel's CNode */
static uint64_t have_l2[(1u << RADIX) / 64];

static seL4_CPtr boot_slot(void)
{
	if (boot_next >= L.bi->empty.end)
		fail("the kernel's root CNode is full");
	return boot_next++;
}

void cspace_init(void)
{
	boot_next = L.bi->empty.start;
	l1 = boot_slot();
	int err = alloc_loader_object(seL4_CapTableObject, RADIX, RADIX + seL4_SlotBits,
				      seL4_CapInitThreadCNode, 0, 0, l1);
	if (err)
		fail("cannot make the loader's CSpace: Retype: %s", error_name(err));
	/* L1[0] = the kernel's CNode, with no guard */
	err = CALL(seL4_CNode_Mint(l1, 0, RADIX, seL4_CapInitThreadCNode,
				   seL4_CapInitThreadCNode, LOADER_DEPTH, seL4_AllRights, 0));
	if (err)
		fail("cannot make the loader's CSpace: Mint: %s", error_name(err));
	/* our root: L1 with the guard that keeps depth-64 CPtrs working */
	L.cs_root = boot_slot();
	err = CALL(seL4_CNode_Mint(seL4_CapInitThreadCNode, L.cs_root, LOADER_DEPTH,
				   seL4_CapInitThreadCNode, l1, LOADER_DEPTH, seL4_AllRights,
				   (seL4_Word)GUARD_BITS));
	if (err)
		fail("cannot make the loader's CSpace: Mint guard: %s", error_name(err));
	err = CALL(seL4_TCB_SetSpace(seL4_CapInitThreadTCB, 0, L.cs_root, GUARD_BITS,
				     seL4_CapInitThreadVSpace, 0));
	if (err)
		fail("cannot switch to the loader's CSpace: SetSpace: %s", error_name(err));
	next = 1ul << RADIX;
}

static void make_l2(unsigned i)
{
	if (have_l2[i / 64] >> (i % 64) & 1)
		return;
	int err = alloc_loader_object(seL4_CapTableObject, RADIX, RADIX + seL4_SlotBits,
				      l1, 0, 0, i);
	if (err)
		fail("cannot extend the loader's CSpace (%u slots): Retype: %s",
		     i << RADIX, error_name(err));
	have_l2[i / 64] |= 1ull << (i % 64);
}

seL4_CPtr slot_alloc(unsigned long n)
{
	unsigned long per = 1ul << RADIX;
	if (n > per)
		fail("internal: %lu slots at once", n);
	if ((next & (per - 1)) + n > per)
		next = (next + per - 1) & ~(per - 1);
	if ((next >> RADIX) >= per)
		fail("the loader's CSpace is full (%lu slots)", next);
	make_l2((unsigned)(next >> RADIX));
	if (((next + n - 1) >> RADIX) != (next >> RADIX))
		make_l2((unsigned)((next + n - 1) >> RADIX));
	seL4_CPtr s = next;
	next += n;
	return s;
}

