/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot_mmu.c: the first C code.  start.S calls boot_mmu_init() at the
 * physical load address with the MMU and caches off.  It finds the DTB and
 * the RAM, then builds the translation tables start.S switches on:
 *
 *   TTBR0  identity map of the kernel text (only to survive turning the MMU
 *          on; disabled right after the jump to the high half)
 *   TTBR1  KERNEL_VOFFSET + pa for all RAM (read/write, never executable),
 *          except the kernel image, mapped page by page:
 *            .text RX, .rodata R, .data/.bss RW, stack RW, and an unmapped
 *            guard page below the stack;
 *          KDEV_BASE...: PL011, GIC distributor and CPU interface as
 *          Device-nGnRE, read/write, never executable.
 *
 * Rules for this file (and what it calls: pgtable.c, fdt.c, string.c, and
 * the panic path): taking a symbol's address gives its *physical* address
 * (adrp is PC-relative), so its virtual address is that plus KERNEL_VOFFSET;
 * no absolute addresses (no tables of pointers, no data initialised with
 * addresses: the kernel-early-pcrel test checks the objects); all memory is
 * Device memory, so no unaligned accesses (-mstrict-align).
 */
#include <arch/mmu.h>
#include <arch/pgtable.h>
#include <arch/sysreg.h>
#include <arch/vmlayout.h>
#include <kernel/boot.h>
#include <kernel/fdt.h>
#include <kernel/panic.h>
#include <plat/platform.h>

struct boot_info boot_info;

pte_t boot_pt_root_lo[PT_ENTRIES] ALIGNED(PAGE_SIZE);
pte_t boot_pt_root_hi[PT_ENTRIES] ALIGNED(PAGE_SIZE);
static pte_t boot_pt_pool[BOOT_PT_POOL_TABLES][PT_ENTRIES] ALIGNED(PAGE_SIZE);

struct pt_ctx kernel_pt;

#define GIB UINT64_C(0x40000000)

static uint64_t pa_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;     /* MMU off: addresses are physical */
}

/* Look for the DTB: where the boot loader's x0 points, then where QEMU puts
 * it for an ELF kernel (start of RAM, below the kernel). */
static void find_dtb(uint64_t x0)
{
	long r = -FDT_ERR_MAGIC;

	if (x0 && IS_ALIGNED(x0, 8)) {
		r = fdt_check((const void *)(uintptr_t)x0, PLAT_DTB_MAX_SIZE);
		if (r > 0) {
			boot_info.dtb_paddr = x0;
			boot_info.dtb_size = (uint64_t)r;
			return;
		}
	}
	r = fdt_check((const void *)(uintptr_t)PLAT_DTB_PADDR,
	              PLAT_KERNEL_PADDR - PLAT_DTB_PADDR);
	if (r > 0) {
		boot_info.dtb_paddr = PLAT_DTB_PADDR;
		boot_info.dtb_size = (uint64_t)r;
		return;
	}
	boot_info.dtb_error = (int)-r;
}

/* RAM regions from the DTB's memory nodes, else the platform's minimum. */
static void find_memory(void)
{
	int n = -FDT_ERR_NOTFOUND;

	if (boot_info.dtb_paddr)
		n = fdt_memory((const void *)(uintptr_t)boot_info.dtb_paddr,
		               boot_info.mem, BOOT_MAX_MEM_REGIONS);
	if (n > 0) {
		boot_info.mem_from_dtb = true;
		boot_info.mem_count = n < BOOT_MAX_MEM_REGIONS ?
		                      n : BOOT_MAX_MEM_REGIONS;
		boot_info.mem_dropped = n - boot_info.mem_count;
	} else {
		if (boot_info.dtb_paddr)
			boot_info.dtb_error = -n;
		boot_info.mem_count = 1;
		boot_info.mem[0].base = PLAT_RAM_BASE;
		boot_info.mem[0].size = PLAT_RAM_FALLBACK;
	}
}

static void map(struct pt_ctx *ctx, uint64_t va, uint64_t pa, uint64_t size,
                enum mem_type type, unsigned perms)
{
	int err;

	if (size == 0)
		return;
	err = pt_map(ctx, va, pa, size, type, perms);
	if (err)
		panic("boot: cannot map va 0x%lx pa 0x%lx size 0x%lx: error %d",
		      va, pa, size, -err);
}

static void map_kernel_range(const char *start, const char *end,
                             unsigned perms)
{
	uint64_t pa = pa_of(start);

	map(&kernel_pt, pa + KERNEL_VOFFSET, pa, pa_of(end) - pa, MT_NORMAL,
	    perms);
}

/* The physical-memory window: all RAM except the kernel image. */
static void map_window(void)
{
	uint64_t ks = boot_info.kernel_paddr_start;
	uint64_t ke = boot_info.kernel_paddr_end;
	uint64_t limit = KERNEL_WINDOW_END - KERNEL_VOFFSET;
	bool kernel_in_ram = false;

	for (int i = 0; i < boot_info.mem_count; i++) {
		uint64_t base = ALIGN_UP(boot_info.mem[i].base, PAGE_SIZE);
		uint64_t end = boot_info.mem[i].base + boot_info.mem[i].size;

		if (end < boot_info.mem[i].base || end > limit)
			end = limit;
		end = ALIGN_DOWN(end, PAGE_SIZE);
		if (base >= end)
			continue;
		if (ks >= base && ke <= end)
			kernel_in_ram = true;
		if (base < ks)
			map(&kernel_pt, base + KERNEL_VOFFSET, base,
			    (end < ks ? end : ks) - base, MT_NORMAL, PT_R | PT_W);
		if (end > ke) {
			uint64_t from = base > ke ? base : ke;

			map(&kernel_pt, from + KERNEL_VOFFSET, from, end - from,
			    MT_NORMAL, PT_R | PT_W);
		}
	}
	if (!kernel_in_ram)
		panic("boot: kernel image 0x%lx..0x%lx is not inside RAM",
		      ks, ke);
}

static void map_devices(void)
{
	map(&kernel_pt, KDEV_UART, PLAT_UART_PADDR, PAGE_SIZE,
	    MT_DEVICE_nGnRE, PT_R | PT_W);
	map(&kernel_pt, KDEV_GICD, PLAT_GICD_PADDR, PAGE_SIZE,
	    MT_DEVICE_nGnRE, PT_R | PT_W);
	map(&kernel_pt, KDEV_GICC, PLAT_GICC_PADDR, 2 * PAGE_SIZE,
	    MT_DEVICE_nGnRE, PT_R | PT_W);
}

/* Identity map of the text, in a tree of its own sharing the table pool. */
static void map_identity(void)
{
	struct pt_ctx ident = kernel_pt;
	uint64_t pa = pa_of(__text_start);

	ident.root = boot_pt_root_lo;
	map(&ident, pa, pa, pa_of(__text_end) - pa, MT_NORMAL, PT_R | PT_X);
	kernel_pt.pool_used = ident.pool_used;
}

/* The tables (and everything else written so far) were written with the
 * caches off: drop any stale cache lines before the MMU turns them on. */
static void invalidate_dcache_range(uint64_t start, uint64_t end)
{
	uint64_t line = UINT64_C(4) << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uint64_t a = ALIGN_DOWN(start, line); a < end; a += line)
		__asm__ volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb_ish();
}

static uint64_t tcr_value(void)
{
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t ips = mmfr0 & 0xf;              /* PARange */
	uint64_t tcr;

	if (ips > 5)
		ips = 5;                         /* 48 bits is all we use */
	tcr = 16                                 /* T0SZ: 48-bit VA */
	      | UINT64_C(1) << 8                 /* IRGN0: WB RA WA */
	      | UINT64_C(1) << 10                /* ORGN0: WB RA WA */
	      | UINT64_C(3) << 12                /* SH0: inner shareable */
	      | UINT64_C(0) << 14                /* TG0: 4 KiB */
	      | UINT64_C(16) << 16               /* T1SZ: 48-bit VA */
	      | UINT64_C(1) << 24                /* IRGN1 */
	      | UINT64_C(1) << 26                /* ORGN1 */
	      | UINT64_C(3) << 28                /* SH1 */
	      | UINT64_C(2) << 30                /* TG1: 4 KiB */
	      | ips << 32;                       /* IPS */
	if (((mmfr0 >> 4) & 0xf) == 2)
		tcr |= UINT64_C(1) << 36;        /* AS: 16-bit ASIDs */
	return tcr;
}

uint64_t boot_mmu_init(uint64_t entry_el, uint64_t x0)
{
	boot_info.entry_el = (unsigned)entry_el;
	boot_info.entry_x0 = x0;
	boot_info.kernel_paddr_start = pa_of(__kernel_start);
	boot_info.kernel_paddr_end = pa_of(__kernel_end);

	find_dtb(x0);
	find_memory();

	kernel_pt.root = boot_pt_root_hi;
	kernel_pt.pa_to_ptr = 0;
	kernel_pt.pool = boot_pt_pool;
	kernel_pt.pool_size = BOOT_PT_POOL_TABLES;
	kernel_pt.pool_used = 0;

	map_window();
	map_kernel_range(__text_start, __text_end, PT_R | PT_X);
	map_kernel_range(__rodata_start, __rodata_end, PT_R);
	map_kernel_range(__data_start, __bss_end, PT_R | PT_W);
	map_kernel_range(__stack_bottom, __stack_top, PT_R | PT_W);
	map_devices();
	map_identity();

	invalidate_dcache_range(pa_of(__data_start), pa_of(__bss_end));
	return tcr_value();
}
