/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * main.c: the boot sequence.
 *
 * Before this: start.S parked the other cores, left EL2 if needed, set up
 * a stack and the vector table, cleared .bss; boot_mmu.c found the DTB and
 * RAM and built the translation tables; start.S turned the MMU on and
 * jumped here, to the kernel's high-half address.
 */
#include <stddef.h>
#include <arch/cpu_id.h>
#include <arch/mmu.h>
#include <arch/sysreg.h>
#include <arch/timer.h>
#include <arch/vmlayout.h>
#include <kernel/boot.h>
#include <kernel/bootargs.h>
#include <kernel/console.h>
#include <kernel/fdt.h>
#include <kernel/irq.h>
#include <kernel/kprintf.h>
#include <kernel/ktest.h>
#include <kernel/irqs.h>
#include <kernel/panic.h>
#include <kernel/rootserver.h>
#include <kernel/syscall.h>
#include <arch/vspace.h>
#include <plat/gic.h>
#include <plat/platform.h>

static void print_banner(void)
{
	char cpu[64];

	midr_describe(read_sysreg(midr_el1), cpu, sizeof(cpu));
	kprintf("capdl kernel %s booting on %s at EL%u", KERNEL_VERSION, cpu,
	        current_el());
	if (boot_info.entry_el != current_el())
		kprintf(" (entered at EL%u)", boot_info.entry_el);
	kprintf("\n");
}

static void print_memory(void)
{
	const struct boot_info *bi = &boot_info;

	for (int i = 0; i < bi->mem_count; i++)
		kprintf("memory 0x%lx..0x%lx (%lu MiB)%s\n", bi->mem[i].base,
		        bi->mem[i].base + bi->mem[i].size,
		        bi->mem[i].size >> 20,
		        bi->mem_from_dtb ? "" : ", assumed: no memory in DTB");
	if (bi->mem_dropped)
		kprintf("memory: %d more regions ignored\n", bi->mem_dropped);
	if (bi->dtb_paddr)
		kprintf("DTB at 0x%lx, %lu bytes\n", bi->dtb_paddr,
		        bi->dtb_size);
	else
		kprintf("DTB not found (x0 0x%lx, 0x%lx): %s\n", bi->entry_x0,
		        PLAT_DTB_PADDR, fdt_strerror(bi->dtb_error));
	kprintf("kernel 0x%lx..0x%lx at 0x%lx, %zu of %d boot page tables\n",
	        bi->kernel_paddr_start, bi->kernel_paddr_end,
	        (uint64_t)phys_to_virt(bi->kernel_paddr_start),
	        kernel_pt.pool_used, BOOT_PT_POOL_TABLES);
}

/* The kernel command line from the DTB, or an empty one. */
static const char *bootargs(size_t *len)
{
	const char *args = "";

	*len = 0;
	if (boot_info.dtb_paddr &&
	    fdt_bootargs((const void *)phys_to_virt(boot_info.dtb_paddr),
	                 &args, len) == FDT_OK)
		kprintf("bootargs \"%.*s\"\n", (int)*len, args);
	return args;
}

NORETURN void kernel_main(void)
{
	const char *args;
	size_t args_len;

	/* 1. Console on the PL011, through its kernel device mapping. */
	console_init(KDEV_UART);

	/* 2. Who we are, what memory we have. */
	print_banner();
	print_memory();
	args = bootargs(&args_len);

	/* 3. Drop the identity map: from now on low addresses fault. */
	mmu_boot_finish();

	/* 4. Interrupt controller, then the tick; wait for the first one. */
	gic_init(KDEV_GICD, KDEV_GICC);
	timer_init(PLAT_TICK_US);
	gic_enable(PLAT_TIMER_IRQ);
	kprintf("GICv2 with %u interrupt IDs; timer %lu Hz, tick %u us "
	        "(virtual timer, INTID %u)\n", gic_num_irqs(),
	        timer_frequency(), PLAT_TICK_US, PLAT_TIMER_IRQ);
	while (timer_ticks() == 0)
		irq_wait();
	kprintf("first tick at counter %lu\n", timer_counter());

#ifdef CONFIG_KTEST
	ktest_main(args, args_len);
#endif
	{
		const char *v;
		size_t vlen;

		if (bootargs_get(args, args_len, "user_counters", &v, &vlen)) {
			timer_export_user_counters();
			kprintf("user mode may read CNTVCT_EL0 and PMCCNTR_EL0\n");
		}
	}

	/* 5. The root task, if the boot image has one: from now on the
	 * kernel runs only on behalf of user threads and interrupts. */
	if (!rootserver_create()) {
		kprintf("boot done; no root task at 0x%lx\n",
		        PLAT_ROOTTASK_PADDR);
		kernel_halt();
	}
	irq_reserve(PLAT_TIMER_IRQ);
	vspace_init();
	irq_user_mode = true;
	kprintf("dropping to user space\n");
	kernel_return_to_user();
}
