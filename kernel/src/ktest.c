/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ktest.c: on-target self tests (kernel-test.elf only; see kernel/ktest.h).
 *
 * Each test either prints "ktest NAME: PASS" and returns (the kernel then
 * halts with exit status 0) or ends in a panic.  The fault tests provoke
 * one specific exception; tests/qemu/run-kernel.py checks the report.
 */
#include <stdint.h>
#include <arch/mmu.h>
#include <arch/pgtable.h>
#include <arch/timer.h>
#include <arch/vmlayout.h>
#include <kernel/boot.h>
#include <kernel/bootargs.h>
#include <kernel/irq.h>
#include <kernel/kprintf.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <plat/gic.h>
#include <plat/platform.h>

#define TIMER_TEST_TICKS 50

/* Wait for ticks with WFI and check the counter advanced accordingly. */
static void ktest_timer(void)
{
	uint64_t t0, c0, c1, elapsed, expected;

	t0 = timer_ticks();
	while (timer_ticks() == t0)          /* start on a tick boundary */
		irq_wait();
	t0 = timer_ticks();
	c0 = timer_counter();
	while (timer_ticks() - t0 < TIMER_TEST_TICKS)
		irq_wait();
	c1 = timer_counter();

	elapsed = c1 - c0;
	expected = TIMER_TEST_TICKS * timer_period();
	kprintf("ktest timer: %u ticks in %lu counter cycles (%lu us), "
	        "expected %lu\n", TIMER_TEST_TICKS, elapsed,
	        elapsed * 1000000 / timer_frequency(), expected);
	if (elapsed + timer_period() < expected || elapsed > 2 * expected)
		panic("ktest timer: FAIL: ticks do not match the counter");
}

/* FP/SIMD works at EL1 (CPACR_EL1.FPEN); the kernel itself is built
 * general-registers-only, so this is the only FP code in it. */
static void ktest_fpu(void)
{
	uint64_t in = UINT64_C(0x3ff8000000000000);      /* 1.5 */
	uint64_t out;

	__asm__ volatile("fmov d0, %1\n\t"
	                 "fadd d0, d0, d0\n\t"
	                 "fmov %0, d0"
	                 : "=r"(out) : "r"(in) : "v0");
	if (out != UINT64_C(0x4008000000000000))         /* 3.0 */
		panic("ktest fpu: FAIL: 1.5 + 1.5 gave 0x%lx", out);
}

static void expect_mapping(const char *what, uint64_t va, pte_t want_set,
                           pte_t want_clear)
{
	struct pt_translation t;
	int err = mmu_kernel_lookup(va, &t);

	if (err)
		panic("ktest memory: FAIL: %s (0x%lx) not mapped: %d", what,
		      va, err);
	if ((t.pte & want_set) != want_set || (t.pte & want_clear))
		panic("ktest memory: FAIL: %s (0x%lx) pte 0x%lx", what, va,
		      t.pte);
	kprintf("ktest memory: %-8s 0x%016lx -> pa 0x%lx level %u pte 0x%lx\n",
	        what, va, t.pa, t.level, t.pte);
}

static int overlaps(uint64_t a, uint64_t b, uint64_t start, uint64_t end)
{
	return a < end && start < b;
}

/* The window reaches the first and last page of every RAM region and the
 * page after the kernel image, and the kernel's own pages carry the
 * permissions boot_mmu.c meant. */
static void ktest_memory(void)
{
	struct pt_translation t;
	int checked = 0;

	for (int i = 0; i < boot_info.mem_count; i++) {
		uint64_t first = ALIGN_UP(boot_info.mem[i].base, PAGE_SIZE);
		uint64_t last = ALIGN_DOWN(boot_info.mem[i].base +
		                           boot_info.mem[i].size, PAGE_SIZE) -
		                PAGE_SIZE;
		uint64_t after = boot_info.kernel_paddr_end;
		uint64_t pages[3] = { first, last, after };

		for (int j = 0; j < 3; j++) {
			uint64_t pa = pages[j];
			volatile uint64_t *p;
			uint64_t saved;

			if (pa < first || pa > last ||
			    overlaps(pa, pa + PAGE_SIZE, boot_info.kernel_paddr_start,
			             boot_info.kernel_paddr_end) ||
			    overlaps(pa, pa + PAGE_SIZE, boot_info.dtb_paddr,
			             boot_info.dtb_paddr + boot_info.dtb_size))
				continue;
			p = (volatile uint64_t *)phys_to_virt(pa + PAGE_SIZE - 8);
			saved = *p;
			*p = pa ^ UINT64_C(0x5a5a5a5a5a5a5a5a);
			if (*p != (pa ^ UINT64_C(0x5a5a5a5a5a5a5a5a)))
				panic("ktest memory: FAIL: RAM at 0x%lx", pa);
			*p = saved;
			expect_mapping("ram", phys_to_virt(pa),
			               PTE_ATTRINDX(MT_NORMAL) | PTE_PXN | PTE_UXN,
			               PTE_AP_RO | PTE_AP_EL0);
			checked++;
		}
	}
	expect_mapping("text", (uintptr_t)__text_start, PTE_AP_RO | PTE_UXN,
	               PTE_PXN | PTE_AP_EL0);
	expect_mapping("rodata", (uintptr_t)__rodata_start,
	               PTE_AP_RO | PTE_PXN | PTE_UXN, PTE_AP_EL0);
	expect_mapping("data", (uintptr_t)__data_start, PTE_PXN | PTE_UXN,
	               PTE_AP_RO | PTE_AP_EL0);
	expect_mapping("stack", (uintptr_t)__stack_bottom, PTE_PXN | PTE_UXN,
	               PTE_AP_RO | PTE_AP_EL0);
	expect_mapping("uart", KDEV_UART,
	               PTE_ATTRINDX(MT_DEVICE_nGnRE) | PTE_PXN | PTE_UXN,
	               PTE_AP_RO | PTE_AP_EL0 | (PTE_ATTRINDX_MASK &
	                                         ~PTE_ATTRINDX(MT_DEVICE_nGnRE)));
	if (mmu_kernel_lookup((uintptr_t)__stack_guard, &t) != -PT_ENOENT)
		panic("ktest memory: FAIL: stack guard page is mapped");
	if (checked == 0)
		panic("ktest memory: FAIL: no RAM page checked");
	kprintf("ktest memory: %d RAM pages written through the window\n",
	        checked);
}

/* ---- tests that must end in a panic report ---- */

static void ktest_fault(void)
{
	/* TTBR0 walks are disabled after boot: a low address faults. */
	volatile uint64_t *p = (volatile uint64_t *)(uintptr_t)0x1000;

	kprintf("ktest fault: reading 0x1000\n");
	(void)*p;
}

static void ktest_write_text(void)
{
	volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)ktest_main;

	kprintf("ktest write-text: writing to 0x%lx\n", (uint64_t)(uintptr_t)p);
	*p = 0;
}

/* A "ret" instruction in writable data: executing it must fault (PXN). */
static uint32_t ret_in_data[1] = { 0xd65f03c0 };

static void ktest_exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(uintptr_t)ret_in_data;

	kprintf("ktest exec-data: calling 0x%lx\n", (uint64_t)(uintptr_t)fn);
	fn();
}

static void ktest_undef(void)
{
	kprintf("ktest undef: executing udf\n");
	__asm__ volatile("udf #0");
}

static volatile unsigned recursion_limit = ~0u;

static unsigned recurse(unsigned depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	if (depth == recursion_limit)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static void ktest_stack_overflow(void)
{
	kprintf("ktest stack-overflow: recursing\n");
	recurse(0);
}

static void ktest_panic(void)
{
	panic("ktest: deliberate panic %d", 42);
}

static void ktest_unhandled_irq(void)
{
	kprintf("ktest unhandled-irq: raising SGI 1\n");
	gic_enable(1);
	gic_send_sgi_self(1);
	for (;;)
		irq_wait();
}

static void ktest_hvc(void)
{
	/* Run with -M virt,virtualization=on: HVC then reaches start.S's EL2
	 * vectors (exit KEXIT_EL2).  Without EL2, QEMU takes HVC from EL1 as a
	 * PSCI call and it returns (the test then fails). */
	kprintf("ktest hvc: calling EL2\n");
	__asm__ volatile("hvc #0");
}

struct ktest {
	const char *name;
	void (*run)(void);
	int faults;             /* expected to end in a panic */
};

static const struct ktest ktests[] = {
	{ "timer", ktest_timer, 0 },
	{ "fpu", ktest_fpu, 0 },
	{ "memory", ktest_memory, 0 },
	{ "fault", ktest_fault, 1 },
	{ "write-text", ktest_write_text, 1 },
	{ "exec-data", ktest_exec_data, 1 },
	{ "undef", ktest_undef, 1 },
	{ "stack-overflow", ktest_stack_overflow, 1 },
	{ "panic", ktest_panic, 1 },
	{ "unhandled-irq", ktest_unhandled_irq, 1 },
	{ "hvc", ktest_hvc, 1 },
};

static void list_tests(void)
{
	kprintf("ktest: available:");
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++)
		kprintf(" %s", ktests[i].name);
	kprintf("\n");
}

NORETURN void ktest_main(const char *args, size_t len)
{
	const char *name;
	size_t nlen;

	if (!bootargs_get(args, len, "ktest", &name, &nlen)) {
		kprintf("ktest: no ktest=NAME boot argument\n");
		list_tests();
		kernel_halt();
	}
	for (size_t i = 0; i < ARRAY_SIZE(ktests); i++) {
		const struct ktest *t = &ktests[i];

		if (!bootargs_value_is(name, nlen, t->name))
			continue;
		kprintf("ktest %s: start\n", t->name);
		t->run();
		if (t->faults)
			panic("ktest %s: FAIL: returned instead of faulting",
			      t->name);
		kprintf("ktest %s: PASS\n", t->name);
		kernel_halt();
	}
	list_tests();
	panic("ktest: unknown test \"%.*s\"", (int)nlen, name);
}
