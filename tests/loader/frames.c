/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * frames.c: the component of frames.cdl. Reads, writes and executes each
 * mapping and checks, through the fault handler thread, that exactly the
 * accesses the rights forbid fault (VMFault, sel4-abi-aarch64.md §8.2:
 * MR1 = address, MR2 = 1 for an instruction fetch, MR3 = ESR: EC 0x24 for
 * a data abort from EL0, 0x20 for an instruction abort, WnR = bit 6), and
 * that frames have their sizes (GetAddress alignment, first and last word).
 */
#include "lt.h"

enum { MAIN_TCB = 1, CNODE = 2, FAULT_EP_R = 4, PGD = 5, LARGE = 6, HUGE = 7, RTC = 8 };
#define RW 0x600000ul
#define RO 0x601000ul
#define CODE_RW 0x602000ul
#define CODE_RX 0x603000ul
#define NC 0x604000ul
#define RTC_VA 0x605000ul
#define LARGE_VA 0x800000ul
#define HUGE_VA 0x40000000ul

static void no_fault(int faulted, const char *what)
{
	lt_ok(!faulted, "%s: no fault", what);
}

/* The last access faulted with a VMFault at addr; ec: ESR exception class. */
static void vm_fault(int faulted, const char *what, seL4_Word addr, int fetch, unsigned ec,
		     int write)
{
	if (!lt_ok(faulted, "%s: faults", what))
		return;
	LT_EQ("  fault label (VMFault)", lt_fault.label, seL4_Fault_VMFault);
	LT_EQ("  fault badge", lt_fault.badge, 0xf);
	LT_EQ("  MR1 address", lt_fault.mr[1], addr);
	LT_EQ("  MR2 prefetch fault", lt_fault.mr[2], fetch);
	LT_EQ("  MR3 ESR exception class", lt_fault.mr[3] >> 26, ec);
	if (!fetch)
		LT_EQ("  MR3 ESR WnR (write)", lt_fault.mr[3] >> 6 & 1, write);
}

static void size_check(seL4_CPtr cap, seL4_Word va, unsigned bits, const char *what)
{
	char buf[80];
	seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(cap);
	snprintf(buf, sizeof(buf), "%s: GetAddress", what);
	LT_EQ(buf, a.error, 0);
	snprintf(buf, sizeof(buf), "  physical address mod 2^%u", bits);
	LT_EQ(buf, a.paddr & ((1ul << bits) - 1), 0);
	volatile seL4_Word *first = (seL4_Word *)va, *last = (seL4_Word *)(va + (1ul << bits) - 8);
	LT_EQ("  first and last word read zero", *first | *last, 0);
	*first = 1, *last = 2;
	LT_EQ("  first and last word written and read back", *first * 16 + *last, 0x12);
}

static void test(void)
{
	seL4_Word v;
	lt_name("frames");
	/* RW: read, write; not executable */
	no_fault(lt_probe_write(RW, 0x1234), "write rw (RW)");
	no_fault(lt_probe_read(RW, &v), "read rw (RW)");
	LT_EQ("  value read", v, 0x1234);
	vm_fault(lt_probe_exec(RW, NULL), "execute rw (RW)", RW, 1, 0x20, 0);

	/* R: read only */
	no_fault(lt_probe_read(RO, &v), "read ro (R)");
	LT_EQ("  value read (zeroed frame)", v, 0);
	vm_fault(lt_probe_write(RO, 1), "write ro (R)", RO, 0, 0x24, 1);
	vm_fault(lt_probe_exec(RO, NULL), "execute ro (R)", RO, 1, 0x20, 0);

	/* one frame, mapped RW at CODE_RW and RX at CODE_RX: write a function
	 * through one mapping, run it through the other */
	static const uint32_t ret42[] = {0xd2800540 /* mov x0, #42 */, 0xd65f03c0 /* ret */};
	no_fault(lt_probe_write(CODE_RW, (seL4_Word)ret42[1] << 32 | ret42[0]),
		 "write code through its RW mapping");
	LT_EQ("VSpace_Unify_Instruction over the RX mapping",
	      seL4_ARM_VSpace_Unify_Instruction(PGD, CODE_RX, CODE_RX + 8), 0);
	no_fault(lt_probe_read(CODE_RX, &v), "read code (R X)");
	LT_EQ("  the word written through the RW mapping", v, (seL4_Word)ret42[1] << 32 | ret42[0]);
	no_fault(lt_probe_exec(CODE_RX, &v), "execute code (R X)");
	LT_EQ("  the function's result", v, 42);
	vm_fault(lt_probe_write(CODE_RX, 0), "write code (R X)", CODE_RX, 0, 0x24, 1);
	vm_fault(lt_probe_exec(CODE_RW, NULL), "execute code through its RW mapping", CODE_RW, 1,
		 0x20, 0);

	/* uncached RAM: plain accesses work */
	no_fault(lt_probe_write(NC, 0x5678), "write nc (RW, uncached)");
	no_fault(lt_probe_read(NC, &v), "read nc (RW, uncached)");
	LT_EQ("  value read", v, 0x5678);
	seL4_DebugSnapshot();

	/* the PL031 at paddr 0x9010000, uncached: its PrimeCell ID registers */
	volatile uint32_t *rtc = (uint32_t *)RTC_VA;
	LT_EQ("rtc: PeriphID0 (part 0x031)", rtc[0xfe0 / 4], 0x31);
	LT_EQ("rtc: PeriphID1", rtc[0xfe4 / 4], 0x10);
	LT_EQ("rtc: PCellID0..3", (seL4_Word)rtc[0xff0 / 4] << 24 | rtc[0xff4 / 4] << 16 |
	      rtc[0xff8 / 4] << 8 | rtc[0xffc / 4], 0x0df005b1);
	seL4_ARM_Page_GetAddress_t a = seL4_ARM_Page_GetAddress(RTC);
	LT_EQ("rtc: GetAddress (spec paddr)", a.paddr, 0x9010000);

	/* 2 MiB and 1 GiB frames */
	size_check(LARGE, LARGE_VA, 21, "large (2M, RW in the pd)");
	size_check(HUGE, HUGE_VA, 30, "huge (1G, RW in the pud)");
	lt_summary();
}

void lt_thread(seL4_Word role, seL4_Word a, seL4_Word b, seL4_Word c)
{
	(void)a, (void)b, (void)c;
	switch (role) {
	case 0:
		test();
		lt_stop(MAIN_TCB);
	case 1:
		lt_fault_server(FAULT_EP_R, MAIN_TCB);
	case 9:
		lt_finish();
	}
}
