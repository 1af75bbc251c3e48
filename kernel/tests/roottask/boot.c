/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot: the root task's start as seL4 16.0.0 sets it up (reference
 * section 7): entry registers, BootInfo, the fixed root CNode slots, the
 * slot regions, untypeds, extra BootInfo with the DTB, and the debug
 * system calls DebugPutChar, DebugCapIdentify, DebugNameThread.
 */
#include <rt.h>


static void check_fixed_slots(void)
{
	static const struct { seL4_CPtr slot; unsigned tag; const char *n; } s[] = {
		{ seL4_CapNull, 0, "null" },
		{ seL4_CapInitThreadTCB, 12, "TCB" },
		{ seL4_CapInitThreadCNode, 10, "CNode" },
		{ seL4_CapInitThreadVSpace, 9, "VSpace" },
		{ seL4_CapIRQControl, 14, "IRQControl" },
		{ seL4_CapASIDControl, 11, "ASIDControl" },
		{ seL4_CapInitThreadASIDPool, 13, "ASIDPool" },
		{ seL4_CapIOPortControl, 0, "IOPortControl" },
		{ seL4_CapIOSpace, 0, "IOSpace" },
		{ seL4_CapBootInfoFrame, 1, "BootInfoFrame" },
		{ seL4_CapInitThreadIPCBuffer, 1, "IPCBuffer" },
		{ seL4_CapDomain, 20, "Domain" },
		{ seL4_CapSMMUSIDControl, 0, "SMMUSIDControl" },
		{ seL4_CapSMMUCBControl, 0, "SMMUCBControl" },
		{ seL4_CapInitThreadSC, 0, "InitThreadSC" },
		{ seL4_CapSMC, 0, "SMC" },
	};

	for (unsigned i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		unsigned tag = seL4_DebugCapIdentify(s[i].slot);

		CHECK(tag == s[i].tag, "slot %lu (%s) has cap tag %u (want %u)",
		      (unsigned long)s[i].slot, s[i].n, tag, s[i].tag);
	}
	/* a CPtr that does not resolve: 0 */
	CHECK(seL4_DebugCapIdentify(1ul << 40) == 0,
	      "DebugCapIdentify of an unresolvable CPtr is 0");
}

static void check_regions(seL4_BootInfo *bi)
{
	seL4_Word image_pages;
	extern char __bss_end[];

	CHECK(bi->nodeID == 0 && bi->numNodes == 1 && bi->numIOPTLevels == 0,
	      "nodeID 0, numNodes 1, numIOPTLevels 0");
	CHECK(bi->initThreadCNodeSizeBits == 12, "initThreadCNodeSizeBits 12");
	CHECK(bi->initThreadDomain == 0, "initThreadDomain 0");
	CHECK(bi->sharedFrames.start == 0 && bi->sharedFrames.end == 0,
	      "sharedFrames empty");
	CHECK(bi->ioSpaceCaps.start == 0 && bi->ioSpaceCaps.end == 0,
	      "ioSpaceCaps empty");
	/* image 0x400000 .. end of .bss rounded up */
	image_pages = (((seL4_Word)__bss_end + 0xfff) & ~0xffful) - 0x400000;
	image_pages >>= 12;
	CHECK((seL4_Word)bi->ipcBuffer == 0x400000 + (image_pages << 12),
	      "IPC buffer 0x%lx right after the image",
	      (unsigned long)bi->ipcBuffer);
	CHECK((seL4_Word)bi == (seL4_Word)bi->ipcBuffer + 0x1000,
	      "BootInfo 0x%lx right after the IPC buffer", (unsigned long)bi);
	/* slot order: paging, extra BI, image frames, untypeds, empty */
	CHECK(bi->userImagePaging.start == seL4_NumInitialCaps,
	      "userImagePaging starts at 16 (got %lu)",
	      (unsigned long)bi->userImagePaging.start);
	CHECK(bi->userImagePaging.end - bi->userImagePaging.start == 3,
	      "3 paging tables (level 1, 2, 3) for a small image");
	CHECK(bi->extraBIPages.start == bi->userImagePaging.end,
	      "extraBIPages follow the paging caps");
	CHECK(bi->userImageFrames.start == bi->extraBIPages.end,
	      "userImageFrames follow the extra BI pages");
	CHECK(bi->userImageFrames.end - bi->userImageFrames.start == image_pages,
	      "%lu image frames (want %lu)",
	      (unsigned long)(bi->userImageFrames.end - bi->userImageFrames.start),
	      (unsigned long)image_pages);
	CHECK(bi->untyped.start == bi->userImageFrames.end,
	      "untypeds follow the image frames");
	CHECK(bi->empty.start == bi->untyped.end && bi->empty.end == 4096,
	      "empty region [%lu, %lu)", (unsigned long)bi->empty.start,
	      (unsigned long)bi->empty.end);
	for (seL4_Word s = bi->userImagePaging.start; s < bi->userImagePaging.end; s++)
		if (!CHECK(seL4_DebugCapIdentify(s) == 3, "slot %lu is a page table",
		           (unsigned long)s))
			break;
	CHECK(seL4_DebugCapIdentify(bi->userImageFrames.start) == 1 &&
	      seL4_DebugCapIdentify(bi->userImageFrames.end - 1) == 1,
	      "image frame caps are frames");
	CHECK(seL4_DebugCapIdentify(bi->empty.start) == 0, "first empty slot is null");
}

static void check_untypeds(seL4_BootInfo *bi)
{
	seL4_Word n = bi->untyped.end - bi->untyped.start, ram = 0;
	int device_first = 1, seen_ram = 0, ok = 1, sorted = 1;
	seL4_Word last_dev = 0;

	CHECK(n > 0 && n <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS,
	      "%lu untypeds", (unsigned long)n);
	for (seL4_Word i = 0; i < n; i++) {
		seL4_UntypedDesc *d = &bi->untypedList[i];

		if (d->isDevice && seen_ram)
			device_first = 0;
		if (!d->isDevice) {
			seen_ram = 1;
			ram += 1ul << d->sizeBits;
		} else {
			if (i && d->paddr < last_dev)
				sorted = 0;
			last_dev = d->paddr;
		}
		if (d->sizeBits < 4 || d->sizeBits > 47 ||
		    (d->paddr & ((1ul << d->sizeBits) - 1)))
			ok = 0;
		if (seL4_DebugCapIdentify(bi->untyped.start + i) != 2)
			ok = 0;
	}
	CHECK(ok, "every untyped is naturally aligned, 4..47 bits, and an untyped cap");
	CHECK(device_first, "device untypeds come first");
	CHECK(sorted, "device untypeds in ascending address order");
	CHECK(bi->untypedList[0].paddr == 0 && bi->untypedList[0].sizeBits == 27 &&
	      bi->untypedList[0].isDevice, "first untyped: device 128 MiB at 0");
	CHECK(ram > (900ul << 20) && ram < (1024ul << 20),
	      "free RAM in untypeds: %lu MiB", (unsigned long)(ram >> 20));
	/* the UART page is a user device, the GIC distributor is not */
	{
		int uart = 0, gic = 0;

		for (seL4_Word i = 0; i < n; i++) {
			seL4_UntypedDesc *d = &bi->untypedList[i];
			seL4_Word end = d->paddr + (1ul << d->sizeBits);

			if (d->paddr <= 0x9000000 && 0x9000000 < end)
				uart = 1;
			if (d->paddr <= 0x8000000 && 0x8000000 < end)
				gic = 1;
		}
		CHECK(uart && !gic, "UART in a device untyped, GIC distributor not");
	}
}

static void check_extra(seL4_BootInfo *bi)
{
	seL4_BootInfoHeader *h = (void *)((char *)bi + 0x1000);
	unsigned char *dtb = (unsigned char *)(h + 1);
	seL4_Word pages = bi->extraBIPages.end - bi->extraBIPages.start;

	CHECK(bi->extraLen > 16, "extraLen %lu", (unsigned long)bi->extraLen);
	CHECK(h->id == SEL4_BOOTINFO_HEADER_FDT, "extra BI chunk id 6 (FDT)");
	CHECK(h->len == bi->extraLen, "chunk length %lu = extraLen",
	      (unsigned long)h->len);
	CHECK(*(unsigned int *)dtb == 0xedfe0dd0, "DTB magic 0x%x",
	      *(unsigned int *)dtb);
	CHECK(pages > 0 && (pages & (pages - 1)) == 0 &&
	      pages * 4096 >= bi->extraLen,
	      "%lu extra BI pages, a power of two covering extraLen",
	      (unsigned long)pages);
}

/*
 * What the DebugSnapshot taken below must say, as "# fact" lines for
 * tests/qemu/check-snapshot.py.  Objects are named by their kernel
 * address (physical + 0xffffff8000000000); the root CNode is found as the
 * object whose slot 10 holds the IPC buffer frame.
 */
static int nfacts;

static void fact(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fact(const char *fmt, ...)
{
	va_list ap;

	printf("# fact ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	nfacts++;
}

#define K(pa) ((unsigned long)(pa) + 0xffffff8000000000ul)

static void snapshot_facts(seL4_BootInfo *bi)
{
	seL4_Word ipc = seL4_ARM_Page_GetAddress(seL4_CapInitThreadIPCBuffer).paddr;
	seL4_Word bif = seL4_ARM_Page_GetAddress(seL4_CapBootInfoFrame).paddr;
	seL4_Word n = bi->untyped.end - bi->untyped.start, va = 0x400000;
	char root[48];

	snprintf(root, sizeof(root), "^10:frame_%016lx", K(ipc));
	fact("count tcb 1");
	fact("count cnode 1");
	fact("count pgd 1");
	fact("count asid_pool 1");
	fact("count irq 0");
	fact("count arm_irq 0");
	fact("count ut %lu", (unsigned long)n);
	fact("obj %s cnode size_bits=12", root);
	fact("obj %s/1 tcb prio=255 max_prio=255 addr=0x%lx fault_ep=0 "
	     "affinity=0 ip=0x400000..0x%lx", root,
	     (unsigned long)bi->ipcBuffer, (unsigned long)bi->ipcBuffer);
	fact("cap %s/1 cspace %s guard=0 guard_size=52", root, root);
	fact("cap %s/1 vspace %s/3", root, root);
	fact("cap %s/1 reply_slot %s/1 type=master_reply", root, root);
	fact("cap %s/1 ipc_buffer_slot frame_%016lx rights=RW", root, K(ipc));
	fact("nocap %s/1 caller_slot", root);
	fact("cap %s 2 %s guard=0 guard_size=52", root, root);
	fact("cap %s 4 irq_control", root);
	fact("cap %s 5 asid_control", root);
	fact("cap %s 6 %s/6 type=asid_pool", root, root);
	fact("cap %s 9 frame_%016lx rights=RW", root, K(bif));
	fact("cap %s 10 frame_%016lx rights=RW", root, K(ipc));
	fact("cap %s 11 domain", root);
	fact("nocap %s 0", root);
	fact("nocap %s 7", root);
	fact("nocap %s 8", root);
	fact("nocap %s 12", root);
	fact("nocap %s %lu", root, (unsigned long)bi->empty.start);
	fact("map %s/3 0x%lx frame_%016lx rights=RW cached=1", root,
	     (unsigned long)bi->ipcBuffer, K(ipc));
	fact("map %s/3 0x%lx frame_%016lx rights=RW cached=1", root,
	     (unsigned long)bi, K(bif));
	fact("unmapped %s/3 0x0", root);
	for (seL4_Word s = bi->userImageFrames.start; s < bi->userImageFrames.end;
	     s++, va += 0x1000)
		fact("map %s/3 0x%lx frame_%016lx rights=RWG cached=1", root,
		     (unsigned long)va,
		     K(seL4_ARM_Page_GetAddress(s).paddr));
	for (seL4_Word i = 0; i < n; i++) {
		seL4_UntypedDesc *d = &bi->untypedList[i];

		fact("cap %s %lu ut_%016lx_%u", root,
		     (unsigned long)(bi->untyped.start + i), K(d->paddr),
		     d->sizeBits);
		fact("obj ut_%016lx_%u ut size_bits=%u paddr=0x%lx", K(d->paddr),
		     d->sizeBits, d->sizeBits, (unsigned long)d->paddr);
	}
	printf("# facts: %d\n", nfacts);
}

int rt_main(seL4_BootInfo *bi)
{
	printf("# hello from the root task, bootinfo at %p\n", (void *)bi);
	CHECK(rt_entry_sp == 0, "SP was 0 at entry");
	CHECK(rt_entry_x1 == 0, "x1 was 0 at entry");
	check_fixed_slots();
	check_regions(bi);
	check_untypeds(bi);
	check_extra(bi);
	seL4_DebugNameThread(seL4_CapInitThreadTCB, "boot-test");
	snapshot_facts(bi);
	seL4_DebugSnapshot();
	return 0;
}
