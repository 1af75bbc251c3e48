/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot_root.c: the root task, started as seL4 starts it (reference
 * sections 7 and 9.4):
 *
 *  - its ELF is loaded physically contiguous and mapped from its lowest
 *    vaddr, every page RWX; the IPC buffer, the BootInfo frame and the
 *    extra BootInfo (an FDT chunk with the DTB) follow the image;
 *  - the root CNode (radix 12, guard 52) holds the fixed caps 1..15, then
 *    the paging caps, extra-BootInfo frames, image frames and untypeds;
 *  - untypeds cover all free RAM and, as device untypeds, every physical
 *    range below 2^40 that is neither RAM nor a GIC page;
 *  - the thread runs at priority and MCP 255 with x0 = BootInfo.
 *
 * Memory during boot comes from a list of free RAM ranges: RAM minus the
 * DTB, the kernel image and the root-task ELF file.  Once the image is
 * copied the ELF file's memory is free again, and everything left over
 * becomes untyped memory.
 */
#include <stddef.h>
#include <arch/pgtable.h>
#include <arch/vmlayout.h>
#include <arch/vspace.h>
#include <kernel/boot.h>
#include <kernel/elf.h>
#include <kernel/kprintf.h>
#include <kernel/object.h>
#include <kernel/panic.h>
#include <kernel/retype.h>
#include <kernel/rootserver.h>
#include <kernel/string.h>
#include <plat/platform.h>
#include <sel4/bootinfo_types.h>
#include <sel4/shared_types.h>

#define ROOT_CNODE_BITS 12
#define MAX_FREE        32
#define MAX_PAGING      64

/* ---- free physical memory during boot ---- */

static struct range {
	uint64_t start, end;
} free_mem[MAX_FREE];
static int nfree;

static void free_add(uint64_t start, uint64_t end)
{
	int i;

	if (start >= end)
		return;
	if (nfree == MAX_FREE)
		panic("boot: too many free memory ranges");
	for (i = nfree; i > 0 && free_mem[i - 1].start > start; i--)
		free_mem[i] = free_mem[i - 1];
	free_mem[i].start = start;
	free_mem[i].end = end;
	nfree++;
}

static void free_remove(uint64_t start, uint64_t end)
{
	for (int i = 0; i < nfree; i++) {
		struct range r = free_mem[i];

		if (end <= r.start || start >= r.end)
			continue;
		for (int j = i; j < nfree - 1; j++)
			free_mem[j] = free_mem[j + 1];
		nfree--;
		free_add(r.start, start > r.start ? start : r.start);
		free_add(end < r.end ? end : r.end, r.end);
		i = -1;                  /* restart: the list changed */
	}
}

static uint64_t boot_alloc(unsigned bits)
{
	uint64_t size = UINT64_C(1) << bits;

	for (int i = 0; i < nfree; i++) {
		uint64_t a = ALIGN_UP(free_mem[i].start, size);

		if (a >= free_mem[i].start && a + size <= free_mem[i].end) {
			free_remove(a, a + size);
			arch_zero_memory(a, size);
			return a;
		}
	}
	panic("boot: out of memory for 2^%u bytes", bits);
}

static uint64_t boot_alloc_range(uint64_t size)
{
	for (int i = 0; i < nfree; i++) {
		uint64_t a = ALIGN_UP(free_mem[i].start, PAGE_SIZE);

		if (a + size <= free_mem[i].end) {
			free_remove(a, a + size);
			arch_zero_memory(a, size);
			return a;
		}
	}
	panic("boot: out of memory for the root task image (%lu bytes)",
	      size);
}

/* ---- the root CNode ---- */

static struct cte *root_cnode;
static unsigned next_slot = seL4_NumInitialCaps;

static void put_cap(unsigned slot, struct cap c)
{
	cdt_insert_root(&root_cnode[slot], c, true);
}

static unsigned new_slot(struct cap c)
{
	if (next_slot >= (1u << ROOT_CNODE_BITS))
		panic("boot: root CNode full");
	put_cap(next_slot, c);
	return next_slot++;
}

/* ---- untypeds ---- */

struct ut_ctx {
	seL4_BootInfo *bi;
	bool device;
	int dropped;
};

static void add_untyped(void *arg, uint64_t base, unsigned bits)
{
	struct ut_ctx *u = arg;
	seL4_BootInfo *bi = u->bi;
	unsigned n = (unsigned)(bi->untyped.end - bi->untyped.start);

	if (n == CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS ||
	    next_slot >= (1u << ROOT_CNODE_BITS)) {
		u->dropped++;
		return;
	}
	new_slot(cap_untyped(base, bits, u->device,
	                     (UINT64_C(1) << bits) >> UT_MIN_BITS));
	bi->untypedList[n].paddr = base;
	bi->untypedList[n].sizeBits = (seL4_Uint8)bits;
	bi->untypedList[n].isDevice = u->device;
	bi->untyped.end++;
}

static void device_untypeds(struct ut_ctx *u)
{
	uint64_t at = 0;
	struct range holes[BOOT_MAX_MEM_REGIONS + 2];
	int nh = 0;

	/* Everything below 2^40 that is not RAM and not the GIC. */
	holes[nh++] = (struct range){ PLAT_GICD_PADDR,
	                              PLAT_GICD_PADDR + PLAT_GICD_SIZE };
	holes[nh++] = (struct range){ PLAT_GICC_PADDR,
	                              PLAT_GICC_PADDR + PLAT_GICC_SIZE };
	for (int i = 0; i < boot_info.mem_count; i++)
		holes[nh++] = (struct range){ boot_info.mem[i].base,
		                              boot_info.mem[i].base +
		                              boot_info.mem[i].size };
	for (;;) {
		uint64_t next = PLAT_DEVICE_TOP, skip = 0;

		for (int i = 0; i < nh; i++)
			if (holes[i].end > at && holes[i].start < next) {
				next = holes[i].start > at ? holes[i].start : at;
				skip = holes[i].end;
			}
		split_aligned_blocks(at, next, UT_MIN_BITS, MAX_UNTYPED_BITS,
		                     add_untyped, u);
		if (next >= PLAT_DEVICE_TOP)
			break;
		at = skip;
	}
}

/* ---- the DTB, compacted ---- */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Bytes of the DTB actually used (QEMU pads it to 1 MiB). */
static uint64_t dtb_used(const uint8_t *d, uint64_t total)
{
	uint64_t end = be32(d + 8) + (uint64_t)be32(d + 36);   /* struct */
	uint64_t s = be32(d + 12) + (uint64_t)be32(d + 32);   /* strings */
	uint64_t r = be32(d + 16);                            /* rsvmap */

	if (s > end)
		end = s;
	for (; r + 16 <= total; r += 16) {
		bool zero = true;

		for (unsigned i = 0; i < 16; i++)
			zero = zero && d[r + i] == 0;
		if (zero) {
			r += 16;
			break;
		}
	}
	if (r > end)
		end = r;
	return end < total ? ALIGN_UP(end, 8) : total;
}

/* ---- VSpace of the root task ---- */

static uint64_t vspace_pa;
static unsigned paging_caps[MAX_PAGING];
static int npaging;

/* Tables at level 1..3 covering [start, end), in seL4's slot order. */
static void make_paging(uint64_t start, uint64_t end)
{
	for (unsigned level = 1; level <= 3; level++) {
		uint64_t span = pt_level_size(level - 1);

		for (uint64_t v = ALIGN_DOWN(start, span); v < end; v += span) {
			unsigned bits;
			uint64_t *slot = vspace_lookup_slot(vspace_pa, v, &bits);
			uint64_t pt;

			if (bits != pt_level_shift(level - 1))
				panic("boot: paging walk at level %u", level);
			if (npaging == MAX_PAGING)
				panic("boot: root task image too sparse");
			pt = boot_alloc(PAGE_SHIFT);
			vspace_install_table(slot, pt);
			paging_caps[npaging++] = new_slot(
				cap_set_mapping(cap_page_table(pt), 1, v));
		}
	}
}

static struct cap map_frame(uint64_t pa, uint64_t va, unsigned attr)
{
	unsigned bits;
	uint64_t *slot = vspace_lookup_slot(vspace_pa, va, &bits);

	if (bits != PAGE_SHIFT)
		panic("boot: no page table for 0x%lx", va);
	vspace_install_frame(slot, PAGE_SHIFT, pa, VM_READ | VM_WRITE, attr, 1,
	                     va);
	return cap_set_mapping(cap_frame(pa, FRAME_4K, VM_READ | VM_WRITE,
	                                 false), 1, va);
}

bool rootserver_create(void)
{
	const void *blob = (const void *)phys_to_virt(PLAT_ROOTTASK_PADDR);
	uint64_t ram_end = 0, limit, image_pa, ipcbuf_va, bi_va, extra_va;
	uint64_t dtb_len = 0, extra_len, extra_pages, dtb_res_end;
	struct elf_image elf;
	struct ut_ctx u;
	seL4_BootInfo *bi;
	struct tcb *tcb;
	uint64_t cnode_pa, tcb_pa, pool_pa, ipcbuf_pa, bi_pa, extra_pa;
	int err;

	for (int i = 0; i < boot_info.mem_count; i++) {
		uint64_t e = boot_info.mem[i].base + boot_info.mem[i].size;

		if (boot_info.mem[i].base <= PLAT_ROOTTASK_PADDR &&
		    PLAT_ROOTTASK_PADDR < e)
			ram_end = e;
		free_add(boot_info.mem[i].base, e);
	}
	if (!ram_end)
		return false;
	limit = ram_end - PLAT_ROOTTASK_PADDR;
	err = elf_parse(blob, limit, &elf);
	if (err == ELF_ERR_MAGIC)
		return false;
	if (err)
		panic("root task at 0x%lx: %s", PLAT_ROOTTASK_PADDR,
		      elf_strerror(err));

	/* Reserved: DTB (all of QEMU's 1 MiB), kernel, ELF file. */
	dtb_res_end = 0;
	if (boot_info.dtb_paddr) {
		dtb_res_end = ALIGN_UP(boot_info.dtb_paddr + boot_info.dtb_size,
		                       PAGE_SIZE);
		free_remove(ALIGN_DOWN(boot_info.dtb_paddr, PAGE_SIZE),
		            dtb_res_end);
		dtb_len = dtb_used((const uint8_t *)
		                   phys_to_virt(boot_info.dtb_paddr),
		                   boot_info.dtb_size);
	}
	free_remove(boot_info.kernel_paddr_start, boot_info.kernel_paddr_end);
	free_remove(PLAT_ROOTTASK_PADDR,
	            ALIGN_UP(PLAT_ROOTTASK_PADDR + elf.file_size, PAGE_SIZE));

	/* The image, physically contiguous. */
	image_pa = boot_alloc_range(elf.vend - elf.vstart);
	for (int i = 0; i < elf.nseg; i++)
		memcpy((void *)phys_to_virt(image_pa + elf.seg[i].vaddr -
		                            elf.vstart),
		       (const char *)blob + elf.seg[i].offset,
		       elf.seg[i].filesz);
	__asm__ volatile("ic iallu\n\tdsb ish\n\tisb" : : : "memory");
	free_add(PLAT_ROOTTASK_PADDR,
	         ALIGN_UP(PLAT_ROOTTASK_PADDR + elf.file_size, PAGE_SIZE));

	ipcbuf_va = elf.vend;
	bi_va = ipcbuf_va + PAGE_SIZE;
	extra_va = bi_va + PAGE_SIZE;
	extra_len = dtb_len ? sizeof(seL4_BootInfoHeader) + dtb_len : 0;
	extra_pages = (extra_len + PAGE_SIZE - 1) / PAGE_SIZE;
	while (extra_pages & (extra_pages - 1))
		extra_pages++;

	/* Root objects. */
	cnode_pa = boot_alloc(ROOT_CNODE_BITS + 5);
	vspace_pa = boot_alloc(PAGE_SHIFT);
	tcb_pa = boot_alloc(11);
	pool_pa = boot_alloc(PAGE_SHIFT);
	ipcbuf_pa = boot_alloc(PAGE_SHIFT);
	bi_pa = boot_alloc(PAGE_SHIFT);
	extra_pa = 0;
	for (unsigned b = 0; extra_pages && !extra_pa; b++)
		if ((UINT64_C(1) << b) == extra_pages)
			extra_pa = boot_alloc(PAGE_SHIFT + b);

	root_cnode = (struct cte *)phys_to_virt(cnode_pa);
	bi = (seL4_BootInfo *)phys_to_virt(bi_pa);
	tcb = (struct tcb *)phys_to_virt(tcb_pa);

	/* Fixed slots. */
	put_cap(seL4_CapInitThreadTCB, cap_thread(tcb_pa));
	put_cap(seL4_CapInitThreadCNode,
	        cap_cnode(cnode_pa, ROOT_CNODE_BITS, 0, 64 - ROOT_CNODE_BITS));
	asid_pool_install(0, pool_pa);
	if (asid_pool_assign(pool_pa, 0, vspace_pa) != 1)
		panic("boot: root task ASID");
	put_cap(seL4_CapInitThreadVSpace,
	        cap_set_mapping(cap_vspace(vspace_pa), 1, 0));
	put_cap(seL4_CapIRQControl, cap_simple(CAP_IRQ_CONTROL));
	put_cap(seL4_CapASIDControl, cap_simple(CAP_ASID_CONTROL));
	put_cap(seL4_CapInitThreadASIDPool, cap_asid_pool(pool_pa, 0));
	put_cap(seL4_CapDomain, cap_simple(CAP_DOMAIN));

	/* Paging, then the frames in seL4's order. */
	make_paging(elf.vstart, extra_va + extra_pages * PAGE_SIZE);
	bi->userImagePaging.start = paging_caps[0];
	bi->userImagePaging.end = paging_caps[npaging - 1] + 1;
	put_cap(seL4_CapInitThreadIPCBuffer,
	        map_frame(ipcbuf_pa, ipcbuf_va, VMATTR_CACHEABLE | VMATTR_XN));
	put_cap(seL4_CapBootInfoFrame,
	        map_frame(bi_pa, bi_va, VMATTR_CACHEABLE | VMATTR_XN));
	bi->extraBIPages.start = next_slot;
	for (uint64_t i = 0; i < extra_pages; i++)
		new_slot(map_frame(extra_pa + i * PAGE_SIZE,
		                   extra_va + i * PAGE_SIZE,
		                   VMATTR_CACHEABLE | VMATTR_XN));
	bi->extraBIPages.end = next_slot;
	bi->userImageFrames.start = next_slot;
	for (uint64_t v = elf.vstart; v < elf.vend; v += PAGE_SIZE)
		new_slot(map_frame(image_pa + v - elf.vstart, v,
		                   VMATTR_CACHEABLE));
	bi->userImageFrames.end = next_slot;

	/* Extra BootInfo: one FDT chunk. */
	if (extra_len) {
		seL4_BootInfoHeader *h = (void *)phys_to_virt(extra_pa);
		uint8_t *d = (uint8_t *)(h + 1);

		h->id = SEL4_BOOTINFO_HEADER_FDT;
		h->len = extra_len;
		memcpy(d, (const void *)phys_to_virt(boot_info.dtb_paddr),
		       dtb_len);
		d[4] = (uint8_t)(dtb_len >> 24);     /* totalsize, BE */
		d[5] = (uint8_t)(dtb_len >> 16);
		d[6] = (uint8_t)(dtb_len >> 8);
		d[7] = (uint8_t)dtb_len;
	}

	/* Untypeds: devices first, then the free RAM. */
	bi->untyped.start = bi->untyped.end = next_slot;
	u.bi = bi;
	u.dropped = 0;
	u.device = true;
	device_untypeds(&u);
	u.device = false;
	for (int i = 0; i < nfree; i++)
		split_aligned_blocks(free_mem[i].start, free_mem[i].end,
		                     UT_MIN_BITS, MAX_UNTYPED_BITS, add_untyped,
		                     &u);
	if (u.dropped)
		kprintf("warning: %d untypeds did not fit in BootInfo\n",
		        u.dropped);

	bi->extraLen = extra_len;
	bi->nodeID = 0;
	bi->numNodes = 1;
	bi->numIOPTLevels = 0;
	bi->ipcBuffer = (seL4_IPCBuffer *)ipcbuf_va;
	bi->empty.start = next_slot;
	bi->empty.end = 1u << ROOT_CNODE_BITS;
	bi->initThreadCNodeSizeBits = ROOT_CNODE_BITS;
	bi->initThreadDomain = 0;

	/* The thread. */
	tcb_init(tcb);
	cdt_insert(root_cnode[seL4_CapInitThreadCNode].cap,
	           &root_cnode[seL4_CapInitThreadCNode], &tcb->slots[TCB_CTABLE]);
	cdt_insert(root_cnode[seL4_CapInitThreadVSpace].cap,
	           &root_cnode[seL4_CapInitThreadVSpace],
	           &tcb->slots[TCB_VTABLE]);
	cdt_insert(cap_clear_mapping(root_cnode[seL4_CapInitThreadIPCBuffer].cap),
	           &root_cnode[seL4_CapInitThreadIPCBuffer],
	           &tcb->slots[TCB_BUFFER]);
	tcb->prio = 255;
	tcb->mcp = 255;
	tcb->ipc_buffer = ipcbuf_va;
	tcb->ctx.elr = tcb->ctx.fault_ip = elf.entry;
	tcb->ctx.x[0] = bi_va;
	tcb->state = TS_RUNNING;
	memcpy(tcb->name, "rootserver", 11);
	cur_thread = tcb;

	kprintf("root task: image 0x%lx..0x%lx at 0x%lx, entry 0x%lx, "
	        "%lu untypeds, %u slots used\n", elf.vstart, elf.vend, image_pa,
	        elf.entry, bi->untyped.end - bi->untyped.start, next_slot);
	return true;
}
